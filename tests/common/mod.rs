//! Shared by the native tests: loads the bundled default data set from public/data.
#![allow(dead_code)]

use coverboard::date::Date;
use coverboard::model::DataSet;
use coverboard::parse::{load, parse_manifest, Texts};

pub fn read(name: &str) -> String {
    let path = format!("{}/public/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub fn default_data() -> DataSet {
    let manifest_text = read("manifest.json");
    let manifest = parse_manifest("manifest.json", &manifest_text).expect("manifest");
    let files = manifest.files.clone();
    let (areas, sites, milestones) = (
        read(&files.areas),
        read(&files.sites),
        read(&files.milestones),
    );
    let texts = Texts {
        manifest: &manifest_text,
        areas: &areas,
        sites: &sites,
        milestones: &milestones,
    };
    load("manifest.json", manifest, &texts).expect("default data loads")
}

pub fn date(text: &str) -> Date {
    Date::parse(text).expect("test date")
}
