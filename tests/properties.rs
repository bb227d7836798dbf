//! Property-based tests of the core (proptest), on the bundled default data and on generated data
//! sets: coverage (each person once) lies in [0, 1] and never exceeds the summed figure; the NHS
//! regions' covered people add up to England's; a new live site never lowers coverage; the band
//! holds the line; the sweeps (`series`, `model_series`, `coverage_of_areas`, `coverage_under`) give exactly the
//! per-date, per-area figures, for dates in any order and sites with dates in any order; parsing
//! arbitrary text or bytes returns problems and never panics.
//! Cases per property: proptest's default (256), or `PROPTEST_CASES`.

mod common;

use coverboard::bitset::Bitset;
use coverboard::coverage::{
    alternatives, by_model, by_region, coverage_at, coverage_of_areas, coverage_under,
    model_series, series, series_reference, Coverage, Definition, ModelBreakdown, OverlapRule,
    PartialRule, PopulationBase, Scope,
};
use coverboard::date::{Date, DateSpan};
use coverboard::model::{DataSet, FootprintFit, ModelType, Site, Status, ENGLAND_CODE};
use coverboard::parse::{
    load, parse_areas, parse_manifest, parse_milestones, parse_population, parse_sites, Texts,
};
use coverboard::problem::{Effect, Parsed};
use proptest::prelude::*;
use proptest::sample::{select, subsequence};
use std::sync::LazyLock;

static DEFAULT: LazyLock<DataSet> = LazyLock::new(common::default_data);

/// Every area code of a data set, sorted (so a generated index picks the same code every run).
fn codes(data: &DataSet) -> Vec<String> {
    let mut codes: Vec<String> = data.areas.by_code.keys().cloned().collect();
    codes.sort();
    codes
}

static DEFAULT_CODES: LazyLock<Vec<String>> = LazyLock::new(|| codes(&DEFAULT));

// ---------- strategies ----------

fn date() -> impl Strategy<Value = Date> {
    (2012i32..=2024, 1u8..=12, 1u8..=31).prop_map(|(y, m, d)| {
        let last = coverboard::date::days_in_month(y, m);
        Date::new(y, m, d.min(last)).unwrap_or_else(|| panic!("{y}-{m}-{d} is a date"))
    })
}

fn definition() -> impl Strategy<Value = Definition> {
    (
        subsequence(ModelType::ALL.to_vec(), 0..=ModelType::ALL.len()),
        prop_oneof![
            Just(PartialRule::CountWholeFootprint),
            Just(PartialRule::Exclude)
        ],
        prop_oneof![
            Just(PopulationBase::YearOfDate),
            (2010i32..=2025).prop_map(PopulationBase::Fixed)
        ],
    )
        .prop_map(|(models, partial, base)| Definition {
            models,
            partial,
            overlap: OverlapRule::Once,
            base,
        })
}

fn summed(def: &Definition) -> Definition {
    Definition {
        overlap: OverlapRule::Summed,
        ..def.clone()
    }
}

/// A generated England: pieces in 1–4 regions (STPs inside regions, CCGs and LADs shared across
/// them), three population years with gaps, and sites with footprints of any of its codes, dates
/// of every precision, every fit, and some not counting.
#[derive(Clone, Debug)]
struct Generated {
    areas: String,
    sites: String,
}

fn population_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => (0u64..2_000_000).prop_map(|p| p.to_string()),
        1 => Just(String::new()),
    ]
}

/// A date of any precision in `years` (sites' starts before 2019, ends after, so none is reversed).
fn date_text(years: std::ops::RangeInclusive<i32>) -> impl Strategy<Value = String> {
    (years, 1u8..=12, 1u8..=28, 0u8..4).prop_map(|(y, m, d, precision)| match precision {
        0 => format!("{y}"),
        1 => format!("{y}-{m:02}"),
        2 => format!("{y}-{m:02}..{}-{m:02}", y + 1),
        _ => format!("{y}-{m:02}-{d:02}"),
    })
}

fn generated() -> impl Strategy<Value = Generated> {
    let piece = (
        0usize..4,
        0usize..2,
        0usize..5,
        0usize..6,
        proptest::collection::vec(population_cell(), 3),
    );
    (1usize..=4, proptest::collection::vec(piece, 1..16)).prop_flat_map(|(regions, pieces)| {
        let mut areas = String::from(
            "piece_id,lad_code,ccg_code,stp_code,region_code,pop_2015,pop_2017,pop_2019\n",
        );
        let mut all_codes = vec![ENGLAND_CODE.to_string()];
        for (i, (r, s, c, l, pops)) in pieces.iter().enumerate() {
            let r = r % regions;
            let (piece, lad, ccg, stp, region) = (
                format!("P{i}"),
                format!("L{l}"),
                format!("C{c}"),
                format!("S{r}x{s}"),
                format!("R{r}"),
            );
            areas.push_str(&format!(
                "{piece},{lad},{ccg},{stp},{region},{}\n",
                pops.join(",")
            ));
            all_codes.extend([piece, lad, ccg, stp, region]);
        }
        all_codes.sort();
        all_codes.dedup();
        let site = (
            select(vec!["PACS", "MCP", "EHCH", "UEC", "ACC", "ICS"]),
            date_text(2013..=2018),
            proptest::option::of(date_text(2019..=2023)),
            subsequence(all_codes.clone(), 1..=3.min(all_codes.len())),
            select(vec!["whole", "nearly_whole", "partial", "none"]),
            select(vec!["yes", "no"]),
        );
        proptest::collection::vec(site, 0..10).prop_map(move |sites| {
            let mut text = String::from(
                "site_id,name,model,live_from,live_to,footprint,footprint_fit,counts_population\n",
            );
            for (i, (model, from, to, footprint, fit, counts)) in sites.iter().enumerate() {
                text.push_str(&format!(
                    "G{i},Site {i},{model},{from},{},{},{fit},{counts}\n",
                    to.clone().unwrap_or_default(),
                    footprint.join(";"),
                ));
            }
            Generated {
                areas: areas.clone(),
                sites: text,
            }
        })
    })
}

fn load_generated(g: &Generated) -> DataSet {
    let texts = Texts {
        areas: &g.areas,
        sites: &g.sites,
        milestones: "date,label\n",
    };
    let manifest = parse_manifest("manifest.json", &common::read("manifest.json"))
        .unwrap_or_else(|e| panic!("{e}"));
    load("manifest.json", manifest, &texts).unwrap_or_else(|e| panic!("{e}\n{g:?}"))
}

// ---------- the properties, shared by the default and the generated data ----------

fn check_bounds(
    data: &DataSet,
    def: &Definition,
    scope: &Scope,
    date: Date,
) -> Result<(), TestCaseError> {
    let once = coverage_at(data, def, scope, date);
    prop_assert!(
        (0.0..=1.0).contains(&once.share),
        "share {} outside [0, 1] for {} at {date}",
        once.share,
        scope.code
    );
    prop_assert!(
        once.covered <= once.base,
        "covered {} > base {}",
        once.covered,
        once.base
    );
    let sum = coverage_at(data, &summed(def), scope, date);
    prop_assert!(
        once.covered <= sum.covered,
        "union {} exceeds the sum {} for {} at {date}",
        once.covered,
        sum.covered,
        scope.code
    );
    prop_assert_eq!(once.base, sum.base);
    prop_assert_eq!(once.live_sites, sum.live_sites);
    Ok(())
}

fn check_regions_add_up(data: &DataSet, def: &Definition, date: Date) -> Result<(), TestCaseError> {
    // The regions' pieces partition England: every piece in exactly one region.
    let mut seen = Bitset::new(data.areas.len());
    for code in &data.areas.regions {
        let region = Scope::new(&data.areas, code);
        prop_assert!(
            !region.pieces.intersects(&seen),
            "region {code} overlaps another"
        );
        seen.union_with(&region.pieces);
    }
    prop_assert_eq!(seen.count(), data.areas.len(), "the regions miss a piece");
    let england = Scope::new(&data.areas, "ENG");
    for def in [def.clone(), summed(def)] {
        let whole = coverage_at(data, &def, &england, date);
        let parts = by_region(data, &def, date);
        prop_assert_eq!(parts.len(), data.areas.regions.len());
        let covered: u64 = parts.iter().map(|(_, c)| c.covered).sum();
        let base: u64 = parts.iter().map(|(_, c)| c.base).sum();
        prop_assert_eq!(covered, whole.covered, "{:?} at {}", def.overlap, date);
        prop_assert_eq!(base, whole.base);
    }
    Ok(())
}

/// A site of model `model` (added to the definition) over `footprint_codes`, live from `from`.
fn new_site(data: &DataSet, footprint_codes: &[String], model: ModelType, from: Date) -> Site {
    let mut footprint = Bitset::new(data.areas.len());
    for code in footprint_codes {
        if let Some(a) = data.areas.area(code) {
            footprint.union_with(&a.pieces);
        }
    }
    Site {
        id: "NEW".into(),
        name: "A new site".into(),
        model,
        wave: String::new(),
        live_from: DateSpan::day(from),
        live_to: None,
        footprint_codes: footprint_codes.iter().map(|c| c.as_str().into()).collect(),
        footprint,
        fit: FootprintFit::Whole,
        counts_population: true,
        published_population: None,
        published_status: None,
        published_note: String::new(),
        date_note: String::new(),
        status: Status::Unverified,
        source_url: String::new(),
        note: String::new(),
        regions: Vec::new(),
    }
}

fn check_new_site(
    data: &DataSet,
    def: &Definition,
    scope: &Scope,
    date: Date,
    footprint: &[String],
    model: ModelType,
    months_before: i32,
) -> Result<(), TestCaseError> {
    let mut def = def.clone();
    if !def.models.contains(&model) {
        def.models.push(model);
    }
    let from = date.add_months(-months_before).min(date);
    let mut more = data.clone();
    more.sites.push(new_site(data, footprint, model, from));
    for def in [def.clone(), summed(&def)] {
        let before: Coverage = coverage_at(data, &def, scope, date);
        let after = coverage_at(&more, &def, scope, date);
        prop_assert!(
            after.covered >= before.covered && after.share >= before.share,
            "adding a {} site over {:?} lowered {} at {date} from {} to {} ({:?})",
            model.code(),
            footprint,
            scope.code,
            before.covered,
            after.covered,
            def.overlap
        );
        prop_assert_eq!(after.base, before.base);
    }
    Ok(())
}

fn check_band(
    data: &DataSet,
    def: &Definition,
    scope: &Scope,
    date: Date,
) -> Result<(), TestCaseError> {
    for p in series(data, def, scope, &[date]) {
        prop_assert!(
            p.low <= p.coverage.share && p.coverage.share <= p.high,
            "band {}..{} does not hold {}",
            p.low,
            p.high,
            p.coverage.share
        );
    }
    Ok(())
}

fn counted_models() -> impl Strategy<Value = ModelType> {
    select(vec![
        ModelType::Pacs,
        ModelType::Mcp,
        ModelType::Ehch,
        ModelType::Uec,
        ModelType::Ics,
    ])
}

// ---------- on the default data ----------

fn config() -> ProptestConfig {
    ProptestConfig {
        // A failure prints its minimal input; no regressions file is written into tests/.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn default_data_coverage_in_unit_interval_and_union_at_most_sum(
        def in definition(), scope in any::<prop::sample::Index>(), date in date()
    ) {
        let data = &*DEFAULT;
        let scope = Scope::new(&data.areas, scope.get::<String>(&DEFAULT_CODES));
        check_bounds(data, &def, &scope, date)?;
        check_band(data, &def, &scope, date)?;
    }

    #[test]
    fn default_data_regions_add_up_to_england(def in definition(), date in date()) {
        prop_assert_eq!(DEFAULT.areas.regions.len(), 7, "the default data has the 7 NHS regions");
        check_regions_add_up(&DEFAULT, &def, date)?;
    }

    #[test]
    fn default_data_a_new_live_site_never_lowers_coverage(
        def in definition(),
        scope in any::<prop::sample::Index>(),
        date in date(),
        footprint in proptest::collection::vec(any::<prop::sample::Index>(), 1..4),
        model in counted_models(),
        months_before in 0i32..60,
    ) {
        let data = &*DEFAULT;
        let scope = Scope::new(&data.areas, scope.get::<String>(&DEFAULT_CODES));
        let footprint: Vec<String> =
            footprint.iter().map(|i| i.get(&DEFAULT_CODES).clone()).collect();
        check_new_site(data, &def, &scope, date, &footprint, model, months_before)?;
    }
}

// ---------- on generated data sets ----------

proptest! {
    #![proptest_config(config())]

    #[test]
    fn generated_data_properties(
        g in generated(),
        def in definition(),
        scope in any::<prop::sample::Index>(),
        date in date(),
        footprint in proptest::collection::vec(any::<prop::sample::Index>(), 1..4),
        model in counted_models(),
        months_before in 0i32..60,
    ) {
        let data = load_generated(&g);
        prop_assert!(
            data.problems.is_empty(),
            "generated data should be valid: {:?}",
            data.problems.iter().map(ToString::to_string).collect::<Vec<_>>()
        );
        let codes = codes(&data);
        let scope = Scope::new(&data.areas, scope.get::<String>(&codes));
        check_bounds(&data, &def, &scope, date)?;
        check_band(&data, &def, &scope, date)?;
        check_regions_add_up(&data, &def, date)?;
        let footprint: Vec<String> = footprint.iter().map(|i| i.get(&codes).clone()).collect();
        check_new_site(&data, &def, &scope, date, &footprint, model, months_before)?;
    }
}

// ---------- the sweeps against the straightforward figures ----------

/// A date from 1995 to 2034, well before and after every site's dates.
fn wide_date() -> impl Strategy<Value = Date> {
    (1995i32..=2034, 1u8..=12, 1u8..=31).prop_map(|(y, m, d)| {
        let last = coverboard::date::days_in_month(y, m);
        Date::new(y, m, d.min(last)).unwrap_or_else(|| panic!("{y}-{m}-{d} is a date"))
    })
}

/// Dates in any order, some repeated, some month ends (where the app asks).
fn dates() -> impl Strategy<Value = Vec<Date>> {
    proptest::collection::vec(
        prop_oneof![wide_date(), wide_date().prop_map(Date::end_of_month)],
        0..14,
    )
    .prop_flat_map(|dates| {
        let n = dates.len();
        (Just(dates), proptest::collection::vec(0..n.max(1), 0..3))
    })
    .prop_map(|(mut dates, repeats)| {
        let again: Vec<Date> = repeats
            .iter()
            .filter_map(|&i| dates.get(i).copied())
            .collect();
        dates.extend(again);
        dates
    })
}

/// The day before `d`.
fn day_before(d: Date) -> Date {
    Date::new(d.year(), d.month(), d.day().saturating_sub(1))
        .unwrap_or_else(|| d.add_months(-1).end_of_month())
}

/// `dates` and, for each of the picked sites, the first and last days of its `live_from` and
/// `live_to` and the day before each: where the rules change, so the band is tested where it is.
fn with_site_dates(data: &DataSet, dates: &[Date], picks: &[prop::sample::Index]) -> Vec<Date> {
    let mut out = dates.to_vec();
    if data.sites.is_empty() {
        return out;
    }
    for pick in picks {
        let site = pick.get(&data.sites);
        let mut days = vec![site.live_from.start, site.live_from.end];
        if let Some(to) = &site.live_to {
            days.extend([to.start, to.end]);
        }
        for d in days {
            out.extend([d, day_before(d)]);
        }
    }
    out
}

/// A named area's scope, or any set of pieces (not an area of the data).
fn any_scope(
    data: &DataSet,
    codes: &[String],
    pick: &prop::sample::Index,
    pieces: &[bool],
) -> Scope {
    if pieces.first().copied().unwrap_or(true) {
        return Scope::new(&data.areas, pick.get::<String>(codes));
    }
    let mut set = Bitset::new(data.areas.len());
    for (i, _) in pieces.iter().enumerate().skip(1).filter(|(_, on)| **on) {
        set.insert(i - 1);
    }
    Scope {
        code: "CUSTOM".into(),
        name: "Some pieces".into(),
        pieces: set,
    }
}

/// `series`, `model_series` and `coverage_of_areas` give exactly what the per-date, per-area
/// functions give, under the definition and with overlaps summed.
fn check_sweeps(
    data: &DataSet,
    def: &Definition,
    scope: &Scope,
    dates: &[Date],
) -> Result<(), TestCaseError> {
    for def in [def.clone(), summed(def)] {
        let fast = series(data, &def, scope, dates);
        let reference = series_reference(data, &def, scope, dates);
        prop_assert_eq!(fast.len(), dates.len());
        for (f, r) in fast.iter().zip(&reference) {
            prop_assert_eq!(
                f,
                r,
                "{:?} at {} in {}",
                def.overlap,
                r.coverage.date,
                scope.code
            );
        }
        let by_date: Vec<ModelBreakdown> = dates
            .iter()
            .map(|d| by_model(data, &def, scope, *d))
            .collect();
        prop_assert_eq!(model_series(data, &def, scope, dates), by_date);
        // Many areas at one date: the regions, England and `scope`.
        let mut scopes: Vec<Scope> = data
            .areas
            .regions
            .iter()
            .map(|code| Scope::new(&data.areas, code))
            .collect();
        scopes.extend([Scope::new(&data.areas, "ENG"), scope.clone()]);
        for date in dates.iter().take(3) {
            let each: Vec<Coverage> = scopes
                .iter()
                .map(|s| coverage_at(data, &def, s, *date))
                .collect();
            prop_assert_eq!(coverage_of_areas(data, &def, &scopes, *date), each);
            // Every alternative definition at one date (`coverage_under`, one pass).
            let defs: Vec<Definition> = alternatives(&def).into_iter().map(|(_, d)| d).collect();
            let each: Vec<Coverage> = defs
                .iter()
                .map(|d| coverage_at(data, d, scope, *date))
                .collect();
            prop_assert_eq!(coverage_under(data, &defs, scope, *date), each);
        }
    }
    Ok(())
}

/// A site with dates in any order, even an end before its start or a span that ends before it
/// begins (which the parser refuses but a `Site` can hold), over some of the pieces.
fn odd_site(data: &DataSet, i: usize, spec: &OddSite) -> Site {
    let (from_a, from_b, to, pieces, model, fit, counts) = spec;
    let mut site = new_site(data, &[], *model, *from_a);
    let mut footprint = Bitset::new(data.areas.len());
    for (p, _) in pieces.iter().enumerate().filter(|(_, on)| **on) {
        footprint.insert(p);
    }
    site.id = format!("ODD{i}");
    site.live_from = DateSpan {
        start: *from_a,
        end: *from_b,
        precision: coverboard::date::Precision::Span,
    };
    site.live_to = to.map(|(a, b)| DateSpan {
        start: a,
        end: b,
        precision: coverboard::date::Precision::Span,
    });
    site.footprint = footprint;
    site.fit = *fit;
    site.counts_population = *counts;
    site
}

type OddSite = (
    Date,
    Date,
    Option<(Date, Date)>,
    Vec<bool>,
    ModelType,
    FootprintFit,
    bool,
);

fn odd_sites() -> impl Strategy<Value = Vec<OddSite>> {
    let site = (
        wide_date(),
        wide_date(),
        proptest::option::of((wide_date(), wide_date())),
        proptest::collection::vec(any::<bool>(), 0..20),
        select(ModelType::ALL.to_vec()),
        select(vec![
            FootprintFit::Whole,
            FootprintFit::NearlyWhole,
            FootprintFit::Partial,
            FootprintFit::None,
        ]),
        prop_oneof![4 => Just(true), 1 => Just(false)],
    );
    proptest::collection::vec(site, 0..6)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn default_data_sweeps_equal_the_per_date_figures(
        def in definition(),
        scope in any::<prop::sample::Index>(),
        pieces in proptest::collection::vec(any::<bool>(), 0..40),
        dates in dates(),
        picks in proptest::collection::vec(any::<prop::sample::Index>(), 0..4),
    ) {
        let data = &*DEFAULT;
        let scope = any_scope(data, &DEFAULT_CODES, &scope, &pieces);
        check_sweeps(data, &def, &scope, &with_site_dates(data, &dates, &picks))?;
    }

    #[test]
    fn generated_data_sweeps_equal_the_per_date_figures(
        g in generated(),
        odd in odd_sites(),
        def in definition(),
        scope in any::<prop::sample::Index>(),
        pieces in proptest::collection::vec(any::<bool>(), 0..20),
        dates in dates(),
        picks in proptest::collection::vec(any::<prop::sample::Index>(), 0..4),
    ) {
        let mut data = load_generated(&g);
        let extra: Vec<Site> = odd.iter().enumerate().map(|(i, s)| odd_site(&data, i, s)).collect();
        data.sites.extend(extra);
        let codes = codes(&data);
        let scope = any_scope(&data, &codes, &scope, &pieces);
        check_sweeps(&data, &def, &scope, &with_site_dates(&data, &dates, &picks))?;
    }
}

// ---------- parsing arbitrary input ----------

/// Reading never fails as a whole: rows read = accepted + rejected, and a file that yields no
/// record says why unless it is a header with the required columns and no rows.
fn check_parsed<T>(
    what: &str,
    text: &str,
    parsed: &Parsed<T>,
    required: &[&str],
) -> Result<(), TestCaseError> {
    let file_rejected = parsed
        .problems
        .iter()
        .any(|p| p.effect == Effect::FileRejected);
    let rows_rejected = parsed
        .problems
        .iter()
        .filter(|p| p.effect == Effect::RowRejected)
        .count();
    prop_assert!(
        parsed.records.len() <= parsed.rows_read,
        "{what}: more records than rows"
    );
    if !file_rejected {
        prop_assert_eq!(
            parsed.records.len() + rows_rejected,
            parsed.rows_read,
            "{}: accepted + rejected != rows read for {:?}",
            what,
            text
        );
    }
    if parsed.records.is_empty() && parsed.problems.is_empty() {
        let lower = text.to_ascii_lowercase();
        prop_assert!(
            required.iter().all(|c| lower.contains(c)),
            "{what}: nothing read and no problem reported for {text:?}"
        );
    }
    Ok(())
}

fn parse_everything(text: &str) -> Result<(), TestCaseError> {
    let data = &*DEFAULT;
    let (_, areas) = parse_areas("areas.csv", text);
    check_parsed(
        "areas",
        text,
        &areas,
        &[
            "piece_id",
            "lad_code",
            "ccg_code",
            "stp_code",
            "region_code",
        ],
    )?;
    let sites = parse_sites("sites.csv", text, &data.areas);
    check_parsed(
        "sites",
        text,
        &sites,
        &["site_id", "name", "model", "live_from", "footprint"],
    )?;
    let milestones = parse_milestones("milestones.csv", text);
    check_parsed("milestones", text, &milestones, &["date", "label"])?;
    let _ = parse_manifest("manifest.json", text);
    let _ = parse_population(text);
    let _ = DateSpan::parse(text);
    let _ = Date::parse(text);
    // Through to coverage: the text as the sites or the milestones of the default data...
    let with_text = DataSet {
        sites: sites.records,
        milestones: milestones.records,
        ..data.clone()
    };
    check_default_coverage(&with_text)?;
    // ...and as the areas (the default sites, read against them, mostly name unknown areas).
    let texts = Texts {
        areas: text,
        sites: &DEFAULT_SITES,
        milestones: "date,label\n",
    };
    if let Ok(loaded) = load("manifest.json", data.manifest.clone(), &texts) {
        check_default_coverage(&loaded)?;
    }
    Ok(())
}

static DEFAULT_SITES: LazyLock<String> = LazyLock::new(|| common::read("sites.csv"));

fn check_default_coverage(data: &DataSet) -> Result<(), TestCaseError> {
    let england = Scope::new(&data.areas, "ENG");
    let c = coverage_at(data, &Definition::default(), &england, data.target_date);
    prop_assert!((0.0..=1.0).contains(&c.share), "share {}", c.share);
    Ok(())
}

/// CSV-ish text: fields from a small alphabet rich in delimiters, quotes and codes, so that the
/// parser sees headers, rows and broken quoting far more often than with uniform text.
fn csvish() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just(",".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\"".to_string()),
        Just(";".to_string()),
        Just("\u{feff}".to_string()),
        select(vec![
            "site_id",
            "name",
            "model",
            "live_from",
            "live_to",
            "footprint",
            "date",
            "label",
            "piece_id",
            "lad_code",
            "ccg_code",
            "stp_code",
            "region_code",
            "pop_2019",
            "share",
            "kind",
            "event",
            "PACS",
            "ICS",
            "ACC",
            "2019-06",
            "2019-06-30",
            "2020..2019",
            "E92000001",
            "E40000003",
            "yes",
            "no",
            "partial",
            "-5",
            "1,234",
            "0.5",
            "1e309",
            "NaN",
        ])
        .prop_map(String::from),
        any::<String>(),
    ];
    proptest::collection::vec(token, 0..40).prop_map(|t| t.concat())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn parsing_any_text_returns_problems_not_panics(text in any::<String>()) {
        parse_everything(&text)?;
    }

    #[test]
    fn parsing_csv_like_text_returns_problems_not_panics(text in csvish()) {
        parse_everything(&text)?;
    }

    #[test]
    fn parsing_any_bytes_lossily_decoded_returns_problems_not_panics(
        bytes in proptest::collection::vec(any::<u8>(), 0..512)
    ) {
        parse_everything(&String::from_utf8_lossy(&bytes))?;
    }
}

// ---------- the outlook's boundaries, on the default data ----------

/// Dates around the deadline (31 Mar 2021) half the time, any date otherwise: the deadline day,
/// the days just before and after it, and the last weeks when less than a month is left.
fn outlook_date() -> impl Strategy<Value = Date> {
    prop_oneof![
        date(),
        (2u8..=4, 1u8..=31).prop_map(|(m, d)| {
            let last = coverboard::date::days_in_month(2021, m);
            Date::new(2021, m, d.min(last)).unwrap_or_else(|| panic!("2021-{m}-{d} is a date"))
        }),
    ]
}

fn check_outlook(
    data: &DataSet,
    def: &Definition,
    scope: &Scope,
    as_at: Date,
) -> Result<(), TestCaseError> {
    use coverboard::projection::{outlook, Verdict};
    let o = outlook(data, def, scope, as_at);
    let target = o.target_share;
    if as_at >= o.deadline {
        // On and after the deadline: met or missed (or no verdict), never a rate required.
        prop_assert!(
            matches!(
                o.verdict,
                Verdict::Met | Verdict::Missed | Verdict::NoVerdict
            ),
            "{:?} at {as_at}",
            o.verdict
        );
        prop_assert_eq!(o.required_rate, None);
        prop_assert!(o.at_deadline_actual.is_some());
    } else {
        prop_assert!(o.at_deadline_actual.is_none());
        prop_assert!(!matches!(o.verdict, Verdict::Missed));
    }
    if let Some(r) = o.required_rate {
        // At least a month left, so the rate never exceeds the whole gap.
        prop_assert!(as_at.months_until(o.deadline) >= 1.0);
        prop_assert!(r > 0.0 && r <= target - o.current.share + 1e-12, "{r}");
    }
    if o.current.base == 0 {
        prop_assert_eq!(o.verdict, Verdict::NoVerdict);
        prop_assert_eq!(coverboard::summary::coverage_figure(&o), "No figure");
    }
    match o.verdict {
        Verdict::Missed => {
            let s = o.shortfall.expect("a missed target has a shortfall");
            let at = o.at_deadline_actual.unwrap_or(f64::NAN);
            prop_assert!(at < target);
            prop_assert!((s.points - (target - at) * 100.0).abs() < 1e-9);
        }
        Verdict::Met => prop_assert_eq!(o.shortfall, None),
        Verdict::NoVerdict => {
            prop_assert!(o.no_verdict.is_some());
            prop_assert_eq!(o.shortfall, None);
            prop_assert_eq!(o.required_rate, None);
        }
        Verdict::OnTrack | Verdict::OffTrack => prop_assert!(o.current.share < target),
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn default_data_outlook_boundaries(
        def in definition(), scope in any::<prop::sample::Index>(), as_at in outlook_date()
    ) {
        let data = &*DEFAULT;
        let scope = Scope::new(&data.areas, scope.get::<String>(&DEFAULT_CODES));
        check_outlook(data, &def, &scope, as_at)?;
    }
}
