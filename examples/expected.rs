//! Prints what the core computes for the bundled default data as JSON, for the browser tests to
//! compare the page with: `cargo run --example expected -- <area code|ENG> <YYYY-MM-DD> [options]`.
//! Options: `--models PACS,MCP,...`, `--overlap summed`, `--partial exclude`, `--base 2015`,
//! `--sites FILE` (an own sites or areas file read as the app reads it, src/own_data.rs).

use coverboard::coverage::{
    by_model, default_period, Definition, OverlapRule, PartialRule, PopulationBase, Scope,
};
use coverboard::date::Date;
use coverboard::model::ModelType;
use coverboard::narrative::narrative;
use coverboard::own_data::own_data;
use coverboard::parse::load_with;
use coverboard::projection::outlook;
use coverboard::region_chart::region_chart;
use coverboard::summary::{pct, people};

fn read(name: &str) -> Result<String, String> {
    let path = format!("{}/public/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))
}

fn definition(options: &[String]) -> Result<Definition, String> {
    let mut def = Definition::default();
    let mut it = options.iter();
    while let Some(flag) = it.next() {
        let value = it.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--models" => {
                def.models = value
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(|m| ModelType::parse(m).ok_or(format!("unknown model {m}")))
                    .collect::<Result<_, _>>()?;
            }
            "--overlap" => {
                def.overlap = if value == "summed" {
                    OverlapRule::Summed
                } else {
                    OverlapRule::Once
                }
            }
            "--partial" => {
                def.partial = if value == "exclude" {
                    PartialRule::Exclude
                } else {
                    PartialRule::CountWholeFootprint
                }
            }
            "--base" => {
                def.base = match value.parse::<i32>() {
                    Ok(y) => PopulationBase::Fixed(y),
                    Err(_) => PopulationBase::YearOfDate,
                }
            }
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(def)
}

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let region = args.first().cloned().unwrap_or_else(|| "ENG".into());
    let date = Date::parse(args.get(1).map(String::as_str).unwrap_or("2021-03-31"))
        .map_err(|e| e.to_string())?;
    let mut options: Vec<String> = args.get(2..).unwrap_or(&[]).to_vec();
    let own_file = match options.iter().position(|o| o == "--sites") {
        Some(i) if i + 1 < options.len() => {
            let path = options.remove(i + 1);
            options.remove(i);
            Some(path)
        }
        Some(_) => return Err("--sites needs a file".into()),
        None => None,
    };
    let def = definition(&options)?;
    let mut data = load_with(read).map_err(|e| e.to_string())?;
    if let Some(path) = own_file {
        let bytes = std::fs::read(&path).map_err(|e| format!("{path}: {e}"))?;
        let name = std::path::Path::new(&path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or(path.clone());
        let out = own_data(&name, &bytes, &data);
        let summary = out.summary();
        data = out
            .data
            .ok_or_else(|| format!("{name}: nothing usable ({summary})"))?;
    }
    let scope = Scope::new(&data.areas, &region);
    let o = outlook(&data, &def, &scope, date);
    let regions = region_chart(&data, &def, date);
    let models = by_model(&data, &def, &scope, date);
    let first = default_period().first().copied().unwrap_or(date);
    let story = narrative(&data, &def, &scope, date, &o, first);
    println!(
        "{}",
        serde_json::json!({
            "region": scope.code,
            "name": scope.name,
            "date": date.to_string(),
            "share": o.current.share,
            "covered": o.current.covered,
            "base": o.current.base,
            "share_text": pct(o.current.share),
            "verdict": o.verdict.label(),
            "central_rate_text": format!("{:+.2} points a month", o.central.rate * 100.0),
            "problems": data.problems.len(),
            "regions": regions.bars.iter().map(|b| serde_json::json!({"code": b.code, "name": b.name, "share_text": pct(b.share)})).collect::<Vec<_>>(),
            "england_text": pct(regions.england_share),
            "models": {
                "union_text": people(models.union),
                "overlap_text": people(models.covered_by_several),
                "summed_text": people(models.summed),
            },
            "definition": def.short(),
            "narrative": story.paragraphs(),
            "narrative_title": story.title,
        })
    );
    Ok(())
}
