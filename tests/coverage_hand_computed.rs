//! Coverage on a tiny hand-made England, every expected figure worked out by hand (see tiny.rs).

mod common;
#[path = "common/tiny.rs"]
mod tiny;

use common::date;
use coverboard::coverage::{
    by_model, by_region, coverage_at, series, Definition, OverlapRule, PartialRule, PopulationBase,
    Scope,
};
use coverboard::model::ModelType;

fn all() -> Definition {
    Definition::with_models(&[
        ModelType::Pacs,
        ModelType::Mcp,
        ModelType::Ehch,
        ModelType::Uec,
        ModelType::Ics,
    ])
}

#[test]
fn overlapping_sites_are_counted_once() {
    // A covers P1+P2 (300), B covers P2+P3 (500): union P1+P2+P3 = 600, not 800.
    let data = tiny::with_sites(
        "A,Site A,PACS,2019-01-01,,L1;L2,whole,yes,derived\nB,Site B,MCP,2019-01-01,,P2;P3,whole,yes,derived\n",
    );
    let eng = Scope::new(&data.areas, "ENG");
    let c = coverage_at(&data, &all(), &eng, date("2019-06-30"));
    assert_eq!((c.covered, c.base, c.live_sites), (600, 1000, 2));
    assert!((c.share - 0.6).abs() < 1e-12);
    let summed = Definition {
        overlap: OverlapRule::Summed,
        ..all()
    };
    assert_eq!(
        coverage_at(&data, &summed, &eng, date("2019-06-30")).covered,
        800
    );
    let m = by_model(&data, &all(), &eng, date("2019-06-30"));
    assert_eq!(
        m.per_model,
        vec![
            (ModelType::Pacs, 300),
            (ModelType::Mcp, 500),
            (ModelType::Ehch, 0),
            (ModelType::Uec, 0),
            (ModelType::Ics, 0)
        ]
    );
    assert_eq!((m.union, m.covered_by_several, m.summed), (600, 200, 800));
}

#[test]
fn a_site_spanning_two_regions_counts_in_each() {
    // S spans P2 (region one) and P3 (region two).
    let data = tiny::with_sites("S,Spanning,UEC,2019-01-01,,P2;P3,whole,yes,derived\n");
    let regions: Vec<&str> = data.sites[0].regions.iter().map(|r| &**r).collect();
    assert_eq!(regions, ["R1", "R2"]);
    let regions = by_region(&data, &all(), date("2019-06-30"));
    let figures: Vec<(String, u64, u64)> = regions
        .iter()
        .map(|(s, c)| (s.code.clone(), c.covered, c.base))
        .collect();
    assert_eq!(
        figures,
        vec![("R1".into(), 200, 300), ("R2".into(), 300, 700)]
    );
    let total: u64 = regions.iter().map(|(_, c)| c.covered).sum();
    assert_eq!(
        total,
        coverage_at(
            &data,
            &all(),
            &Scope::new(&data.areas, "ENG"),
            date("2019-06-30")
        )
        .covered
    );
}

#[test]
fn a_site_that_ends_stops_counting_on_its_end_date() {
    let data = tiny::with_sites("E,Ending,PACS,2019-01-01,2019-07-01,S2,whole,yes,derived\n");
    let eng = Scope::new(&data.areas, "ENG");
    assert_eq!(
        coverage_at(&data, &all(), &eng, date("2018-12-31")).covered,
        0
    );
    assert_eq!(
        coverage_at(&data, &all(), &eng, date("2019-01-01")).covered,
        700
    );
    assert_eq!(
        coverage_at(&data, &all(), &eng, date("2019-06-30")).covered,
        700
    );
    assert_eq!(
        coverage_at(&data, &all(), &eng, date("2019-07-01")).covered,
        0
    );
}

#[test]
fn footprints_at_different_levels_resolve_to_the_same_pieces() {
    // Region R2 = STP S2 = LAD L3 = CCGs C2+C3 = pieces P3+P4; R1 by LADs.
    let data = tiny::with_sites(
        "R,By region,PACS,2019-01-01,,R2,whole,yes,derived\nS,By STP,MCP,2019-01-01,,S2,whole,yes,derived\nL,By LAD,EHCH,2019-01-01,,L3,whole,yes,derived\nC,By CCGs,UEC,2019-01-01,,C2;C3,whole,yes,derived\n",
    );
    let first = &data.sites[0].footprint;
    assert!(data.sites.iter().all(|s| &s.footprint == first));
    let c = coverage_at(
        &data,
        &all(),
        &Scope::new(&data.areas, "ENG"),
        date("2020-01-31"),
    );
    assert_eq!((c.covered, c.population_year), (690, 2020));
    let e = coverage_at(
        &data,
        &all(),
        &Scope::new(&data.areas, "E92000001"),
        date("2020-01-31"),
    );
    assert_eq!(e.covered, 690);
}

#[test]
fn definition_switches_change_the_figure() {
    let data = tiny::with_sites(
        "V,Partial vanguard,MCP,2019-01-01,,P1,partial,yes,derived\nI,An ICS,ICS,2019-06-01,,S2,whole,yes,verified\nN,A network,ACC,2019-01-01,,P2,whole,no,derived\n",
    );
    let eng = Scope::new(&data.areas, "ENG");
    let d = date("2019-06-30");
    assert_eq!(
        coverage_at(&data, &all(), &eng, d).covered,
        800,
        "ACC never counts"
    );
    let no_partial = Definition {
        partial: PartialRule::Exclude,
        ..all()
    };
    assert_eq!(coverage_at(&data, &no_partial, &eng, d).covered, 700);
    assert_eq!(
        coverage_at(&data, &Definition::with_models(&[ModelType::Ics]), &eng, d).covered,
        700
    );
    assert_eq!(
        coverage_at(&data, &Definition::with_models(&[ModelType::Mcp]), &eng, d).covered,
        100
    );
    assert_eq!(
        coverage_at(&data, &Definition::with_models(&[ModelType::Acc]), &eng, d).covered,
        0
    );
    // Population base: the 2020 date on a fixed 2019 base.
    let fixed = Definition {
        base: PopulationBase::Fixed(2019),
        ..all()
    };
    let c = coverage_at(&data, &fixed, &eng, date("2020-06-30"));
    assert_eq!((c.covered, c.base, c.population_year), (800, 1000, 2019));
    let by_year = coverage_at(&data, &all(), &eng, date("2020-06-30"));
    assert_eq!((by_year.covered, by_year.population_year), (800, 2020));
}

#[test]
fn imprecise_dates_give_a_band_around_the_counted_line() {
    // Known only to the month (Jun 2019) and to a span (Apr..May 2020).
    let data = tiny::with_sites("M,Month only,ICS,2019-06,,S1,whole,yes,verified\nX,Span,ICS,2020-04..2020-05,,S2,whole,yes,verified\n");
    let eng = Scope::new(&data.areas, "ENG");
    let ics = Definition::with_models(&[ModelType::Ics]);
    let pts = series(
        &data,
        &ics,
        &eng,
        &[
            date("2019-06-15"),
            date("2019-06-30"),
            date("2020-04-30"),
            date("2020-05-31"),
        ],
    );
    let triples: Vec<(u64, f64, f64)> = pts
        .iter()
        .map(|p| (p.coverage.covered, p.low, p.high))
        .collect();
    assert_eq!(
        triples[0],
        (300, 0.0, 0.3),
        "mid-June: counted from 1 June, certain only from 30 June"
    );
    assert_eq!(triples[1], (300, 0.3, 0.3));
    assert_eq!(triples[2].0, 1000);
    assert!((triples[2].1 - 0.31).abs() < 1e-12 && (triples[2].2 - 1.0).abs() < 1e-12);
    assert!((pts[3].low - 1.0).abs() < 1e-12);
}

#[test]
fn nothing_selected_or_nothing_live_is_zero_not_a_crash() {
    let data = tiny::with_sites("A,Site A,PACS,2019-01-01,,L1,whole,yes,derived\n");
    let eng = Scope::new(&data.areas, "ENG");
    let none = Definition::with_models(&[]);
    assert_eq!(
        coverage_at(&data, &none, &eng, date("2019-06-30")).share,
        0.0
    );
    assert_eq!(
        coverage_at(&data, &all(), &eng, date("2015-01-31")).covered,
        0
    );
    // An unknown region falls back to England rather than failing.
    assert_eq!(Scope::new(&data.areas, "NOPE").code, "E92000001");
}
