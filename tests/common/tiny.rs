//! A tiny hand-made England of four pieces in two regions, for hand-computed coverage tests.
#![allow(dead_code)]
//!
//! | piece | LAD | CCG | STP | region | pop 2019 | pop 2020 |
//! |-------|-----|-----|-----|--------|----------|----------|
//! | P1    | L1  | C1  | S1  | R1     | 100      | 110      |
//! | P2    | L2  | C1  | S1  | R1     | 200      | 200      |
//! | P3    | L3  | C2  | S2  | R2     | 300      | 300      |
//! | P4    | L3  | C3  | S2  | R2     | 400      | 390      |
//! England: 1,000 in 2019, 1,000 in 2020.

use coverboard::model::{DataSet, Manifest};
use coverboard::parse::{load, parse_manifest, Texts};

pub const AREAS: &str =
    "piece_id,lad_code,lad_name,ccg_code,stp_code,region_code,region_name,pop_2019,pop_2020
P1,L1,Lad one,C1,S1,R1,Region one,100,110
P2,L2,Lad two,C1,S1,R1,Region one,200,200
P3,L3,Lad three,C2,S2,R2,Region two,300,300
P4,L3,Lad three,C3,S2,R2,Region two,400,390
";

pub const SITES_HEADER: &str =
    "site_id,name,model,live_from,live_to,footprint,footprint_fit,counts_population,status\n";

pub fn manifest() -> Manifest {
    let text = r#"{"title":"tiny","data_as_at":"2020-12-31","files":{"areas":"areas.csv","sites":"sites.csv","milestones":"milestones.csv"},
      "target":{"share":0.5,"date":"2020-12-31","label":"half","status":"verified","source":"test","url":"https://example.org"},
      "population_source":"test","attribution":"test"}"#;
    parse_manifest("manifest.json", text).expect("tiny manifest")
}

/// The tiny areas with the given site rows (without header).
pub fn with_sites(rows: &str) -> DataSet {
    let sites = format!("{SITES_HEADER}{rows}");
    let texts = Texts {
        areas: AREAS,
        sites: &sites,
        milestones: "date,label\n",
    };
    load("manifest.json", manifest(), &texts).expect("tiny data loads")
}
