//! A deterministic generator of large sites data sets over real areas (benchmarks, scale tests):
//! N sites with K footprint codes each, a mix of model types, fits and date precisions.
//!
//! The same `Spec` always gives the same file: the random numbers come from a fixed-seed
//! splitmix64, and the codes are taken in the order of the areas file, never of a hash map.
//! Each site's codes are piece ids, LAD, CCG and STP codes from one NHS region (the region of a
//! piece drawn at random), as a real footprint is local; when K is more than a region has, they
//! come from all of England. `live_from` is spread over 2015–2024: 55% known to the day, 25% to
//! the month, 10% to the year and 10% as a span of months, so the uncertainty band has work to
//! do; 20% of sites end (`live_to`, to the day or the month). About 10% are ACC networks (which
//! never count) and 12% served only part of their footprint.

use crate::model::{Areas, DataSet};
use crate::parse::parse_sites;
use std::collections::HashSet;
use std::fmt::Write;

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spec {
    pub sites: usize,
    /// Footprint codes per site (fewer when the areas have fewer codes).
    pub codes_per_site: usize,
    pub seed: u64,
}

impl Spec {
    /// `sites` sites of `codes_per_site` codes with the default seed.
    pub fn new(sites: usize, codes_per_site: usize) -> Spec {
        Spec {
            sites,
            codes_per_site,
            seed: DEFAULT_SEED,
        }
    }
}

pub const DEFAULT_SEED: u64 = 0x00C0_FFEE_2015_2021;

/// The header of `public/data/sites.csv` (docs/data-format.md).
pub const SITES_HEADER: &str = "site_id,name,programme,model,wave,live_from,live_to,footprint,footprint_fit,counts_population,published_population,published_population_status,published_population_note,date_status,status,source_url,note";

/// splitmix64: small, fast and fixed, so a seed gives the same numbers on every machine.
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// One of `choices` with probability proportional to its weight (the first when all are 0).
    fn weighted<T: Copy>(&mut self, choices: &[(u32, T)]) -> Option<T> {
        let total: usize = choices.iter().map(|(w, _)| *w as usize).sum();
        let mut pick = self.below(total);
        for (w, value) in choices {
            if pick < *w as usize {
                return Some(*value);
            }
            pick -= *w as usize;
        }
        choices.first().map(|(_, v)| *v)
    }
}

/// The codes a generated footprint draws from: every piece id, LAD, CCG and STP code, once each,
/// for all of England and for each NHS region, in the order of the areas file.
struct CodePools {
    england: Vec<String>,
    /// By piece index: the pool of that piece's region.
    region_of_piece: Vec<usize>,
    regions: Vec<Vec<String>>,
}

impl CodePools {
    fn new(areas: &Areas) -> CodePools {
        let mut england = Vec::new();
        let mut seen = HashSet::new();
        let mut region_codes: Vec<&str> = Vec::new();
        let mut regions: Vec<Vec<String>> = Vec::new();
        let mut region_seen: Vec<HashSet<&str>> = Vec::new();
        let mut region_of_piece = Vec::with_capacity(areas.len());
        for p in &areas.pieces {
            let r = match region_codes.iter().position(|c| *c == p.region_code) {
                Some(r) => r,
                None => {
                    region_codes.push(&p.region_code);
                    regions.push(Vec::new());
                    region_seen.push(HashSet::new());
                    region_codes.len() - 1
                }
            };
            region_of_piece.push(r);
            for code in [&p.id, &p.lad_code, &p.ccg_code, &p.stp_code] {
                if code.is_empty() || areas.area(code).is_none() {
                    continue;
                }
                if seen.insert(code.as_str()) {
                    england.push(code.clone());
                }
                if let (Some(pool), Some(pool_seen)) = (regions.get_mut(r), region_seen.get_mut(r))
                {
                    if pool_seen.insert(code.as_str()) {
                        pool.push(code.clone());
                    }
                }
            }
        }
        CodePools {
            england,
            region_of_piece,
            regions,
        }
    }

    /// `k` different codes around a piece drawn at random (a partial Fisher–Yates shuffle of the
    /// pool, which stays a permutation from one site to the next).
    fn draw(&mut self, rng: &mut Rng, k: usize, out: &mut Vec<String>) {
        out.clear();
        let piece = rng.below(self.region_of_piece.len());
        let region = self.region_of_piece.get(piece).copied().unwrap_or(0);
        let pool = match self.regions.get_mut(region) {
            Some(pool) if pool.len() >= k => pool,
            _ => &mut self.england,
        };
        let k = k.min(pool.len());
        for i in 0..k {
            let j = i + rng.below(pool.len() - i);
            pool.swap(i, j);
            if let Some(code) = pool.get(i) {
                out.push(code.clone());
            }
        }
    }
}

const MODELS: [(u32, &str); 6] = [
    (30, "ICS"),
    (15, "PACS"),
    (15, "MCP"),
    (15, "EHCH"),
    (15, "UEC"),
    (10, "ACC"),
];

const FITS: [(u32, &str); 4] = [
    (70, "whole"),
    (15, "nearly_whole"),
    (12, "partial"),
    (3, "none"),
];

/// The month `index` months after January 2015 as (year, month).
fn month(index: usize) -> (usize, usize) {
    (2015 + index / 12, index % 12 + 1)
}

/// A `live_from` in 2015–2024 of a random precision, and how it is known; also the month index
/// it starts in.
fn live_from(rng: &mut Rng) -> (String, &'static str, usize) {
    let m = rng.below(120);
    let (y, mo) = month(m);
    let day = 1 + rng.below(28);
    match rng.below(20) {
        0..=10 => (format!("{y}-{mo:02}-{day:02}"), "day", m),
        11..=15 => (format!("{y}-{mo:02}"), "month", m),
        16..=17 => (format!("{y}"), "year", m - m % 12),
        _ => {
            let (y2, mo2) = month(m + 1 + rng.below(3));
            (format!("{y}-{mo:02}..{y2}-{mo2:02}"), "span of months", m)
        }
    }
}

/// A `live_to` 3 to 48 months after the month `from` starts in (after `live_from`'s first day).
fn live_to(rng: &mut Rng, from: usize) -> String {
    let (y, mo) = month(from + 3 + rng.below(46));
    if rng.below(10) < 7 {
        format!("{y}-{mo:02}-{:02}", 1 + rng.below(28))
    } else {
        format!("{y}-{mo:02}")
    }
}

/// The sites file of `spec` over `areas`, in the format of `public/data/sites.csv`.
pub fn sites_csv(areas: &Areas, spec: &Spec) -> String {
    let mut rng = Rng(spec.seed);
    let mut pools = CodePools::new(areas);
    let mut codes = Vec::with_capacity(spec.codes_per_site);
    let mut out = String::with_capacity(spec.sites.saturating_mul(64 + spec.codes_per_site * 14));
    out.push_str(SITES_HEADER);
    out.push('\n');
    for i in 1..=spec.sites {
        let model = rng.weighted(&MODELS).unwrap_or("ICS");
        let fit = rng.weighted(&FITS).unwrap_or("whole");
        let (from, date_status, from_month) = live_from(&mut rng);
        let to = if rng.below(5) == 0 {
            live_to(&mut rng, from_month)
        } else {
            String::new()
        };
        pools.draw(&mut rng, spec.codes_per_site, &mut codes);
        let counts = if model == "ACC" { "no" } else { "yes" };
        let published = if rng.below(10) == 0 {
            format!("{},estimate,", 50_000 + rng.below(1_950_000))
        } else {
            ",,".to_string()
        };
        // Writing to a String cannot fail.
        let _ = writeln!(
            out,
            "G{i:06},Site {i},,{model},,{from},{to},{},{fit},{counts},{published},{date_status},estimate,,",
            codes.join(";"),
        );
    }
    out
}

/// `base` with its sites replaced by the sites of `spec` (read by the ordinary parser, so they are
/// exactly what the app would make of the file); the parser's problems replace `base`'s.
pub fn data_set(base: &DataSet, spec: &Spec) -> DataSet {
    let text = sites_csv(&base.areas, spec);
    let parsed = parse_sites("sites.csv", &text, &base.areas);
    DataSet {
        manifest: base.manifest.clone(),
        target_date: base.target_date,
        areas: base.areas.clone(),
        sites: parsed.records,
        milestones: base.milestones.clone(),
        problems: parsed.problems,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_is_fixed_and_below_stays_in_range() {
        let mut a = Rng(1);
        let mut b = Rng(1);
        assert_eq!(a.next_u64(), b.next_u64());
        assert!((0..1000).all(|_| a.below(7) < 7));
        assert_eq!(a.below(0), 0);
    }
}
