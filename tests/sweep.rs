//! The sweeps (`coverage::series`, `coverage::model_series`) against the straightforward per-date
//! figures (`series_reference`, `by_model`) point by point, on a generated data set
//! (src/generate.rs: 2,000 sites of 20 codes, every date precision) under every definition the
//! sensitivity table compares, and over daily dates, enough for the sweep to take them in chunks.

mod common;

use coverboard::coverage::{
    alternatives, by_model, default_period, model_series, month_ends, series, series_reference,
    Definition, Scope,
};
use coverboard::date::Date;
use coverboard::generate::{data_set, sites_csv, Spec};
use coverboard::model::DataSet;
use coverboard::parse::parse_sites;

fn generated(sites: usize) -> DataSet {
    data_set(&common::default_data(), &Spec::new(sites, 20))
}

fn assert_sweeps_equal(data: &DataSet, def: &Definition, scope: &Scope, dates: &[Date]) {
    let fast = series(data, def, scope, dates);
    let reference = series_reference(data, def, scope, dates);
    assert_eq!(fast.len(), dates.len());
    for (f, r) in fast.iter().zip(&reference) {
        assert_eq!(
            f,
            r,
            "{} at {} in {}",
            def.short(),
            r.coverage.date,
            scope.code
        );
    }
    for (m, d) in model_series(data, def, scope, dates).iter().zip(dates) {
        assert_eq!(m, &by_model(data, def, scope, *d), "{} at {d}", def.short());
    }
}

#[test]
fn the_generator_is_deterministic_and_its_file_reads_without_problems() {
    let data = common::default_data();
    let spec = Spec::new(500, 20);
    let text = sites_csv(&data.areas, &spec);
    assert_eq!(text, sites_csv(&data.areas, &spec), "same spec, same file");
    assert_ne!(text, sites_csv(&data.areas, &Spec { seed: 7, ..spec }));
    let parsed = parse_sites("sites.csv", &text, &data.areas);
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems.first());
    assert_eq!((parsed.records.len(), parsed.rows_read), (500, 500));
    assert!(parsed.records.iter().all(|s| s.footprint_codes.len() == 20));
    // The mix the benchmarks rely on: imprecise starts, ends, every model type.
    let imprecise = parsed
        .records
        .iter()
        .filter(|s| s.live_from.start != s.live_from.end)
        .count();
    let ending = parsed
        .records
        .iter()
        .filter(|s| s.live_to.is_some())
        .count();
    assert!(
        (100..400).contains(&imprecise),
        "{imprecise} imprecise starts"
    );
    assert!((40..200).contains(&ending), "{ending} sites that end");
    for model in coverboard::model::ModelType::ALL {
        assert!(parsed.records.iter().any(|s| s.model == model), "{model:?}");
    }
}

#[test]
fn on_a_generated_data_set_the_sweeps_equal_the_per_date_figures() {
    let data = generated(2_000);
    assert!(data.problems.is_empty(), "{:?}", data.problems.first());
    let (Some(first), Some(last)) = (Date::new(2015, 1, 1), Date::new(2024, 12, 31)) else {
        panic!("dates");
    };
    let months = month_ends(first, last);
    let region = data.areas.regions.first().cloned().unwrap_or_default();
    for code in ["ENG", region.as_str()] {
        let scope = Scope::new(&data.areas, code);
        for (_, def) in alternatives(&Definition::default()) {
            assert_sweeps_equal(&data, &def, &scope, &months);
        }
    }
}

#[test]
fn over_daily_dates_taken_in_chunks_the_sweeps_equal_the_per_date_figures() {
    // 5,000 days: more dates × pieces than one pass of the sweep keeps (4 Mi cells).
    let data = common::default_data();
    let Some(start) = Date::new(2014, 6, 1) else {
        panic!("date");
    };
    let mut days = vec![start];
    while days.len() < 5_000 {
        let Some(&d) = days.last() else { break };
        let next = Date::new(d.year(), d.month(), d.day() + 1).unwrap_or_else(|| d.add_months(1));
        days.push(next);
    }
    let scope = Scope::new(&data.areas, "ENG");
    assert_sweeps_equal(&data, &Definition::default(), &scope, &days);
    // And the app's period, backwards.
    let mut period = default_period();
    period.reverse();
    assert_sweeps_equal(&data, &Definition::default(), &scope, &period);
}
