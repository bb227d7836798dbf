//! The default data reproduces the published coverage figures (coverage_timeline.csv), or the
//! test says why it cannot.

mod common;

use common::{date, default_data};
use coverboard::coverage::{coverage_at, Definition, PartialRule, Scope};
use coverboard::model::ModelType;

fn ics() -> Definition {
    Definition::with_models(&[ModelType::Ics])
}

#[test]
fn default_data_loads_without_problems() {
    let data = default_data();
    assert!(data.problems.is_empty(), "{:#?}", data.problems);
    assert_eq!(data.areas.len(), 343);
    assert_eq!(data.areas.regions.len(), 7);
    assert_eq!(data.areas.years, (2015..=2021).collect::<Vec<_>>());
    assert_eq!(
        data.sites.iter().filter(|s| s.model.is_vanguard()).count(),
        50
    );
    // 42 STPs plus 4 early systems that covered only part of an STP.
    assert_eq!(
        data.sites
            .iter()
            .filter(|s| s.model == ModelType::Ics)
            .count(),
        46
    );
}

#[test]
fn england_totals_equal_the_ons_mid_year_estimates() {
    let data = default_data();
    let eng = Scope::new(&data.areas, "ENG");
    // ONS E92000001 mid-year estimates (shared/data-sources/populations/sum_check.csv).
    let ons = [
        54_786_327u64,
        55_268_067,
        55_619_430,
        55_977_178,
        56_286_961,
        56_550_138,
        56_536_419,
    ];
    for (yi, want) in ons.iter().enumerate() {
        assert_eq!(data.areas.population(&eng.pieces, yi), (*want, false));
    }
}

#[test]
fn ics_june_2019_is_21_2_million_more_than_a_third() {
    // Published: "21 million ... more than a third" (HSJ/LGC, 19-20 June 2019), 14 ICSs.
    let data = default_data();
    let c = coverage_at(
        &data,
        &ics(),
        &Scope::new(&data.areas, "ENG"),
        date("2019-06-30"),
    );
    assert!(
        (21_100_000..21_300_000).contains(&c.covered),
        "{}",
        c.covered
    );
    assert!((c.share - 0.376).abs() < 0.001, "{}", c.share);
    assert!(c.share > 1.0 / 3.0);
    assert_eq!(c.population_year, 2019);
}

#[test]
fn ics_december_2020_is_over_35_million_and_over_60_percent() {
    // Published: ">35 million, more than 60%" (NHS England, December 2020), 29 ICSs.
    let data = default_data();
    let c = coverage_at(
        &data,
        &ics(),
        &Scope::new(&data.areas, "ENG"),
        date("2020-12-31"),
    );
    assert!(c.covered > 35_000_000, "{}", c.covered);
    assert!(c.share > 0.60, "{}", c.share);
    // Our union is larger (≈73%) than "more than 60%": the release counted the 11 new systems
    // (14.5m) on top of earlier ones; both statements are floors, and ours agrees with them.
    assert!(c.share < 0.80, "{}", c.share);
}

#[test]
fn ics_about_half_in_2020_and_all_england_from_april_2021() {
    let data = default_data();
    let eng = Scope::new(&data.areas, "ENG");
    // "about half" with 18 ICSs (2020, after the four of April-May 2020, before December).
    let mid_2020 = coverage_at(&data, &ics(), &eng, date("2020-09-30"));
    assert!((0.45..0.55).contains(&mid_2020.share), "{}", mid_2020.share);
    // All 42 from 1 April 2021.
    let april = coverage_at(&data, &ics(), &eng, date("2021-04-01"));
    assert_eq!(april.covered, april.base);
    // Not all of England on the day before.
    assert!(coverage_at(&data, &ics(), &eng, date("2021-03-31")).share < 1.0);
}

#[test]
fn first_acs_wave_is_about_one_in_six() {
    // Published: "around one in six people in England" (NHS England, June 2017).
    let data = default_data();
    let c = coverage_at(
        &data,
        &ics(),
        &Scope::new(&data.areas, "ENG"),
        date("2017-06-30"),
    );
    // Our footprints give 18.4%: the 2017 devolution areas (Greater Manchester, Surrey
    // Heartlands) are counted whole, which NHS England's "one in six" (16.7%) may not have done.
    assert!((0.15..0.20).contains(&c.share), "{}", c.share);
}

#[test]
fn wave_one_vanguards_exceed_more_than_5_million() {
    // Published: "more than five million" for the 29 PACS/MCP/EHCH vanguards (10 Mar 2015).
    let data = default_data();
    let eng = Scope::new(&data.areas, "ENG");
    let wave1 = Definition::with_models(&[ModelType::Pacs, ModelType::Mcp, ModelType::Ehch]);
    let upper = coverage_at(&data, &wave1, &eng, date("2015-03-31"));
    let lower = coverage_at(
        &data,
        &Definition {
            partial: PartialRule::Exclude,
            ..wave1
        },
        &eng,
        date("2015-03-31"),
    );
    // shared/data-sources/pieces/README.md: union 8,715,486 with partial footprints, 6,552,478 without.
    assert_eq!(upper.covered, 8_715_486);
    assert_eq!(lower.covered, 6_552_478);
    assert_eq!(upper.live_sites, 29);
    // Both exceed the published floor; it was counted on early, partial practice lists.
    assert!(lower.covered > 5_000_000);
}

#[test]
fn uec_vanguards_match_more_than_9_million_within_a_tenth() {
    // Published: "more than 9 million" (July 2015). Our eight footprints hold 8.96m residents in
    // mid-2015: the published figure counts registered patients, usually a few percent higher.
    let data = default_data();
    let c = coverage_at(
        &data,
        &Definition::with_models(&[ModelType::Uec]),
        &Scope::new(&data.areas, "ENG"),
        date("2015-08-31"),
    );
    assert_eq!(c.covered, 8_963_749);
    assert!((c.covered as f64 / 9_000_000.0 - 1.0).abs() < 0.1);
}

#[test]
fn regions_add_up_to_england() {
    let data = default_data();
    let def = Definition::default();
    for d in ["2016-03-31", "2019-06-30", "2021-03-31"] {
        let regions = coverboard::coverage::by_region(&data, &def, date(d));
        let eng = coverage_at(&data, &def, &Scope::new(&data.areas, "ENG"), date(d));
        assert_eq!(
            regions.iter().map(|(_, c)| c.covered).sum::<u64>(),
            eng.covered,
            "{d}"
        );
        assert_eq!(
            regions.iter().map(|(_, c)| c.base).sum::<u64>(),
            eng.base,
            "{d}"
        );
    }
}
