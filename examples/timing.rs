//! Rough native timing of the work one filter change triggers (development aid).
use coverboard::chart::{main_chart, ChartOptions};
use coverboard::coverage::{coverage_at, default_period, Definition, Scope};
use coverboard::date::Date;
use coverboard::model_chart::model_chart;
use coverboard::parse::load_with;
use coverboard::projection::outlook;
use coverboard::region_chart::region_chart;
use std::collections::HashMap;
use std::time::Instant;

fn main() {
    // Read the files first, so that "load" times parsing and validation only.
    let texts: HashMap<String, String> =
        ["manifest.json", "areas.csv", "sites.csv", "milestones.csv"]
            .iter()
            .map(|n| {
                let path = format!("{}/public/data/{n}", env!("CARGO_MANIFEST_DIR"));
                (
                    n.to_string(),
                    std::fs::read_to_string(path).unwrap_or_default(),
                )
            })
            .collect();
    let t = Instant::now();
    let Ok(data) = load_with(|n| texts.get(n).cloned().ok_or(format!("{n}: not read"))) else {
        return;
    };
    println!("load {:?}", t.elapsed());
    let def = Definition::default();
    let scope = Scope::new(&data.areas, "E40000003");
    let period = default_period();
    let as_at = Date::new(2021, 3, 31).unwrap_or(data.target_date);
    let t = Instant::now();
    let o = outlook(&data, &def, &scope, as_at);
    println!("outlook {:?}", t.elapsed());
    let mut best = std::time::Duration::MAX;
    for _ in 0..20 {
        let t = Instant::now();
        let _c = main_chart(
            &data,
            &def,
            &scope,
            &period,
            as_at,
            Some(&o),
            ChartOptions::default(),
        );
        best = best.min(t.elapsed());
    }
    println!("main_chart (best of 20) {:?}", best);
    let t = Instant::now();
    let _m = model_chart(&data, &def, &scope, &period, as_at);
    println!("model_chart {:?}", t.elapsed());
    let t = Instant::now();
    let _r = region_chart(&data, &def, as_at);
    println!("region_chart {:?}", t.elapsed());
    let t = Instant::now();
    for _ in 0..100 {
        let _ = coverage_at(&data, &def, &scope, as_at);
    }
    println!("coverage_at x100 {:?}", t.elapsed());
}
