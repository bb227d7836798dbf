//! Prints the core's headline coverage for the bundled default data as JSON, for the browser tests
//! to compare with what the page shows: `cargo run --example expected -- <region|ENG> <YYYY-MM-DD>`.

use coverboard::coverage::{Definition, Scope};
use coverboard::date::Date;
use coverboard::parse::{load, parse_manifest, Texts};
use coverboard::projection::outlook;
use coverboard::summary::pct;

fn read(name: &str) -> Result<String, String> {
    let path = format!("{}/public/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))
}

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let region = args.first().cloned().unwrap_or_else(|| "ENG".into());
    let date = Date::parse(args.get(1).map(String::as_str).unwrap_or("2021-03-31"))
        .map_err(|e| e.to_string())?;
    let manifest_text = read("manifest.json")?;
    let manifest = parse_manifest("manifest.json", &manifest_text).map_err(|e| e.to_string())?;
    let files = manifest.files.clone();
    let (areas, sites, milestones) = (
        read(&files.areas)?,
        read(&files.sites)?,
        read(&files.milestones)?,
    );
    let texts = Texts {
        manifest: &manifest_text,
        areas: &areas,
        sites: &sites,
        milestones: &milestones,
    };
    let data = load("manifest.json", manifest, &texts).map_err(|e| e.to_string())?;
    let scope = Scope::new(&data.areas, &region);
    let h = outlook(&data, &Definition::default(), &scope, date);
    println!(
        "{}",
        serde_json::json!({
            "region": scope.code,
            "date": date.to_string(),
            "share": h.current.share,
            "covered": h.current.covered,
            "base": h.current.base,
            "share_text": pct(h.current.share),
            "verdict": h.verdict.label(),
            "problems": data.problems.len(),
        })
    );
    Ok(())
}
