//! The native coverage benchmark (issue 7): `coverage::series`, the main chart's series with its
//! band, for 100,000 and 200,000 generated sites (src/generate.rs, 20 footprint codes each) over
//! 120 months, England, the default definition; then the core work one filter change asks of the
//! app at 10,000 sites, and the straightforward series (`series_reference`) it replaced.
//!
//! `cargo bench --bench coverage` (about a minute and a half on 2 cores, with the build; reading
//! the 310,000 generated sites is a good part of it). Criterion prints each figure as
//! `time: [low estimate high]`: its estimate of the time per call, in a 95% interval. The summary
//! at the end gives the median of each series' 10 samples, the 200k / 100k ratio of those
//! medians, and the budgets: at most 50 ms for 100,000 sites × 120 months, and doubling the sites
//! at most 2.2× the time. Run only some with a filter:
//! `cargo bench --bench coverage -- series_120`.

use coverboard::chart::{chart_series, main_chart_from, ChartOptions};
use coverboard::coverage::{
    alternatives, by_model, coverage_at, coverage_of_areas, default_period, model_series,
    month_ends, series, series_reference, Definition, Scope,
};
use coverboard::date::Date;
use coverboard::generate::{data_set, Spec};
use coverboard::geo::parse_geojson;
use coverboard::map_chart::{map_chart, ColourBy, MapLevel, MapOptions};
use coverboard::model::DataSet;
use coverboard::model_chart::model_chart;
use coverboard::narrative::narrative;
use coverboard::parse::load_with;
use coverboard::projection::outlook;
use coverboard::region_chart::region_chart;
use coverboard::sites_table::{build_rows, select, RowFilter, Sort, SortKey};
use criterion::{BenchmarkId, Criterion, SamplingMode};
use std::cell::RefCell;
use std::hint::black_box;
use std::time::{Duration, Instant};

const SAMPLES: usize = 10;
const BUDGET_MS: f64 = 50.0;
const BUDGET_RATIO: f64 = 2.2;

fn read(name: &str) -> Result<String, String> {
    let path = format!("{}/public/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))
}

fn generated(base: &DataSet, sites: usize) -> DataSet {
    let data = data_set(base, &Spec::new(sites, 20));
    assert!(data.problems.is_empty(), "{:?}", data.problems.first());
    data
}

/// The month ends of 2015 to 2024: 120 months.
fn months() -> Vec<Date> {
    match (Date::new(2015, 1, 1), Date::new(2024, 12, 31)) {
        (Some(a), Some(b)) => month_ends(a, b),
        _ => Vec::new(),
    }
}

/// Each sample's time per call, as criterion measured it (the last `SAMPLES` are the
/// measurement; earlier calls are its warm-up).
type Samples = RefCell<Vec<f64>>;

fn median_of_measurement(samples: &Samples) -> Option<f64> {
    let all = samples.borrow();
    let mut last: Vec<f64> = all.iter().rev().take(SAMPLES).copied().collect();
    last.sort_by(f64::total_cmp);
    last.get(last.len() / 2).copied()
}

fn bench_series(c: &mut Criterion, base: &DataSet) -> Vec<(usize, f64)> {
    let months = months();
    let def = Definition::default();
    let mut group = c.benchmark_group("series_120_months");
    // Flat: every sample runs the same number of calls, so criterion's estimate is the mean of
    // the samples' times per call (not a slope), comparable with the median the summary prints.
    group
        .sample_size(SAMPLES)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    let mut medians = Vec::new();
    for sites in [100_000, 200_000] {
        let data = generated(base, sites);
        let england = Scope::new(&data.areas, "ENG");
        let samples = Samples::default();
        group.bench_function(BenchmarkId::from_parameter(format!("{sites} sites")), |b| {
            b.iter_custom(|iters| {
                let t = Instant::now();
                for _ in 0..iters {
                    black_box(series(&data, &def, &england, &months));
                }
                let elapsed = t.elapsed();
                samples
                    .borrow_mut()
                    .push(elapsed.as_secs_f64() / iters.max(1) as f64);
                elapsed
            });
        });
        if let Some(m) = median_of_measurement(&samples) {
            medians.push((sites, m));
        }
    }
    group.finish();
    medians
}

/// What one filter change asks of the core, at 10,000 sites: each memo of the app in turn.
fn bench_app_10k(c: &mut Criterion, base: &DataSet) {
    let data = generated(base, 10_000);
    let def = Definition::default();
    let scope = Scope::new(&data.areas, "ENG");
    let period = default_period();
    let as_at = data.target_date;
    let first = period.first().copied().unwrap_or(as_at);
    let mut group = c.benchmark_group("app_10k_sites");
    group
        .sample_size(SAMPLES)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1));
    group.bench_function("chart_series (main chart lines)", |b| {
        b.iter(|| chart_series(&data, &def, &scope, &period))
    });
    let lines = chart_series(&data, &def, &scope, &period);
    let o = outlook(&data, &def, &scope, as_at);
    group.bench_function("main_chart_from", |b| {
        b.iter(|| {
            main_chart_from(
                &data,
                lines.clone(),
                &scope,
                &period,
                as_at,
                Some(&o),
                ChartOptions::default(),
            )
        })
    });
    group.bench_function("outlook", |b| {
        b.iter(|| outlook(&data, &def, &scope, as_at))
    });
    // Where the target is never met, `outlook` looks for the first month it was at every month
    // end from January 2015 (coverage_at each); `series` over those months is the sweep for it.
    let mut never_met = data.clone();
    never_met.manifest.target.share = 1.01;
    group.bench_function("outlook, target never met", |b| {
        b.iter(|| outlook(&never_met, &def, &scope, as_at))
    });
    let up_to_as_at: Vec<Date> = period.iter().copied().filter(|d| *d < as_at).collect();
    group.bench_function("series to the as-at date (what first_met could use)", |b| {
        b.iter(|| series(&data, &def, &scope, &up_to_as_at))
    });
    group.bench_function("narrative", |b| {
        b.iter(|| narrative(&data, &def, &scope, as_at, &o, first))
    });
    group.bench_function("model_chart (by_model per month)", |b| {
        b.iter(|| model_chart(&data, &def, &scope, &period, as_at))
    });
    group.bench_function("model_series (the sweep model_chart could use)", |b| {
        b.iter(|| model_series(&data, &def, &scope, &period))
    });
    group.bench_function("by_model at the as-at date", |b| {
        b.iter(|| by_model(&data, &def, &scope, as_at))
    });
    group.bench_function("region_chart", |b| {
        b.iter(|| region_chart(&data, &def, as_at))
    });
    group.bench_function("definition table (8 coverage_at)", |b| {
        b.iter(|| {
            let chosen = coverage_at(&data, &def, &scope, as_at);
            let rows: Vec<_> = alternatives(&def)
                .iter()
                .map(|(_, d)| coverage_at(&data, d, &scope, as_at))
                .collect();
            (chosen, rows)
        })
    });
    group.bench_function("sites table (build_rows + select)", |b| {
        b.iter(|| {
            let rows = build_rows(&data, &def, &scope, as_at);
            let sort = Sort {
                key: SortKey::Name,
                direction: SortKey::Name.first_direction(),
            };
            select(&rows, &RowFilter::default(), sort)
        })
    });
    let stps: Vec<Scope> = {
        let mut codes: Vec<&String> = data.areas.pieces.iter().map(|p| &p.stp_code).collect();
        codes.sort();
        codes.dedup();
        codes
            .into_iter()
            .map(|c| Scope::new(&data.areas, c))
            .collect()
    };
    group.bench_function(
        "coverage_of_areas (every STP, what map_chart could use)",
        |b| b.iter(|| coverage_of_areas(&data, &def, &stps, as_at)),
    );
    if let Ok(text) = read(MapLevel::Stp.file()) {
        let features = parse_geojson(MapLevel::Stp.file(), &text, MapLevel::Stp.keys()).records;
        let options = MapOptions {
            level: MapLevel::Stp,
            colour_by: ColourBy::Coverage,
            as_at,
        };
        group.bench_function("map_chart (STPs, when the map is open)", |b| {
            b.iter(|| map_chart(&data, &def, &options, MapLevel::Stp.file(), &features))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("series_10k_sites_120_months");
    group
        .sample_size(SAMPLES)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2));
    let months = months();
    group.bench_function("series (sweep)", |b| {
        b.iter(|| series(&data, &def, &scope, &months))
    });
    group.bench_function("series_reference (per date, before)", |b| {
        b.iter(|| series_reference(&data, &def, &scope, &months))
    });
    group.finish();
}

fn summary(medians: &[(usize, f64)]) {
    println!("\n==== coverage::series, 120 months, England, default definition ====");
    for (sites, m) in medians {
        let verdict = if *sites == 100_000 {
            if m * 1e3 <= BUDGET_MS {
                format!("  (budget {BUDGET_MS} ms: met)")
            } else {
                format!("  (budget {BUDGET_MS} ms: OVER)")
            }
        } else {
            String::new()
        };
        println!("{sites:>7} sites: median {:8.2} ms{verdict}", m * 1e3);
    }
    if let ([(_, a), (_, b)], true) = (medians, medians.len() == 2) {
        let ratio = b / a;
        let verdict = if ratio <= BUDGET_RATIO { "met" } else { "OVER" };
        println!("200k / 100k: {ratio:.2}x  (budget {BUDGET_RATIO}x: {verdict})");
    }
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let base = match load_with(read) {
        Ok(d) => d,
        Err(e) => panic!("the default data: {e}"),
    };
    let medians = bench_series(&mut c, &base);
    bench_app_10k(&mut c, &base);
    c.final_summary();
    if !medians.is_empty() {
        summary(&medians);
    }
}
