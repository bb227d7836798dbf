//! Bounded fuzzing on stable Rust (cargo-fuzz needs nightly): random and mutated versions of the
//! bundled data files (byte flips, truncations, inserted quotes, delimiters, line ends and BOMs,
//! huge fields, swapped and duplicated lines, odd values) go through parse → validate → coverage
//! → the sites table and its CSV export, for a bounded time. Nothing may panic, and coverage
//! (each person once) must stay in [0, 1].
//!
//! `COVERBOARD_FUZZ_SECS` sets the time (default 20 s), `COVERBOARD_FUZZ_SEED` the seed (default:
//! from the clock; always printed), `COVERBOARD_FUZZ_ITER` replays one iteration of a seed.
//! Run alone with its output: `cargo test --test fuzz -- --nocapture`.

mod common;

use coverboard::coverage::{
    by_model, by_region, coverage_at, series, Definition, OverlapRule, PartialRule,
};
use coverboard::date::Date;
use coverboard::export::{sites_csv, ExportMeta};
use coverboard::model::ModelType;
use coverboard::parse::{load, parse_manifest, Texts};
use coverboard::sites_table::build_rows;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// splitmix64: a small, seedable generator (no dependency), good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in 0..n (0 when n is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const FILES: [&str; 4] = ["manifest.json", "areas.csv", "sites.csv", "milestones.csv"];

/// Text the parsers treat specially: delimiters, quotes, line ends, BOMs, and values on the edge
/// of what is accepted.
const INSERTS: &[&str] = &[
    "\"",
    "\"\"",
    ",",
    ";",
    "|",
    "\n",
    "\r",
    "\r\n",
    "\u{feff}",
    "\0",
    "..",
    "-",
    "=",
    "\t",
    "é",
    "\u{202e}",
    "𝔈",
    "2020-02-30",
    "2020-13",
    "0000",
    "9999-12-31",
    "2021..2019",
    "99999999999999999999",
    "-1",
    "1e309",
    "NaN",
    "0.5",
    "1,000",
    "E92000001",
    "E40000003",
    "PACS",
    "ACC",
    "ICS",
    "partial",
    "none",
    "no",
    "event",
    ">",
    "<script>x</script>",
];

/// One mutation of `bytes`, in place. Returns its name for the replay report.
fn mutate(rng: &mut Rng, bytes: &mut Vec<u8>) -> &'static str {
    let at = rng.below(bytes.len() + 1);
    match rng.below(10) {
        0 => {
            if let Some(b) = bytes.get_mut(at) {
                *b ^= 1 << rng.below(8);
            }
            "bit flip"
        }
        1 => {
            if let Some(b) = bytes.get_mut(at) {
                *b = rng.next() as u8;
            }
            "random byte"
        }
        2 => {
            bytes.truncate(at);
            "truncate"
        }
        3 => {
            let end = (at + rng.below(64)).min(bytes.len());
            bytes.drain(at..end);
            "delete a run"
        }
        4 | 5 => {
            let insert = rng.pick(INSERTS).as_bytes();
            bytes.splice(at..at, insert.iter().copied());
            "insert a special"
        }
        6 => {
            let n = 1 << (10 + rng.below(8)); // 1 KiB to 128 KiB
            let filler = *rng.pick(b"x9\",\n;");
            bytes.splice(at..at, std::iter::repeat_n(filler, n));
            "huge field"
        }
        7 => {
            // Duplicate or move a line.
            let lines: Vec<&[u8]> = bytes.split(|b| *b == b'\n').collect();
            let line = rng.pick(&lines).to_vec();
            let mut out = bytes.clone();
            let at = rng.below(out.len() + 1);
            out.splice(at..at, line.into_iter().chain([b'\n']));
            *bytes = out;
            "duplicate a line"
        }
        8 => {
            // Replace one comma-separated field with a special value.
            let start = bytes[..at]
                .iter()
                .rposition(|b| *b == b',')
                .map_or(0, |p| p + 1);
            let end = bytes[at..]
                .iter()
                .position(|b| *b == b',' || *b == b'\n')
                .map_or(bytes.len(), |p| at + p);
            if start <= end {
                let insert = rng.pick(INSERTS).as_bytes();
                bytes.splice(start..end, insert.iter().copied());
            }
            "replace a field"
        }
        _ => {
            // Random bytes, a few to a few hundred.
            let n = 1 + rng.below(300);
            let random: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
            bytes.splice(at..at, random);
            "insert random bytes"
        }
    }
}

/// Parse → validate → coverage → sites table and its export, for one set of file texts.
/// Returns whether the data set loaded (and so went through coverage).
fn run_once(texts: &[String; 4]) -> bool {
    let Ok(manifest) = parse_manifest("manifest.json", &texts[0]) else {
        return false;
    };
    let t = Texts {
        areas: &texts[1],
        sites: &texts[2],
        milestones: &texts[3],
    };
    let Ok(data) = load("manifest.json", manifest, &t) else {
        return false;
    };
    for p in &data.problems {
        let _ = p.to_string();
    }
    let mut defs = vec![Definition::default()];
    defs.push(Definition {
        overlap: OverlapRule::Summed,
        partial: PartialRule::Exclude,
        ..Definition::with_models(&ModelType::ALL)
    });
    let dates: Vec<Date> = [(2016, 6, 30), (2019, 6, 30), (2021, 3, 31)]
        .into_iter()
        .filter_map(|(y, m, d)| Date::new(y, m, d))
        .chain([data.target_date])
        .collect();
    let scopes = common::england_and_regions(&data);
    for def in &defs {
        for scope in &scopes {
            for point in series(&data, def, scope, &dates) {
                let c = &point.coverage;
                if def.overlap == OverlapRule::Once {
                    assert!(
                        (0.0..=1.0).contains(&c.share),
                        "share {} outside [0, 1] for {} at {}",
                        c.share,
                        scope.code,
                        c.date
                    );
                }
            }
            let _ = by_model(&data, def, scope, data.target_date);
        }
        let _ = by_region(&data, def, data.target_date);
        let england = &scopes[0];
        let _ = coverage_at(&data, def, england, data.target_date);
        let rows = build_rows(&data, def, england, data.target_date);
        let listed: Vec<_> = rows.iter().collect();
        let meta = ExportMeta::new(&data, def, england, data.target_date);
        let _ = sites_csv(&listed, &meta).to_csv();
    }
    true
}

#[test]
fn fuzz_parse_validate_coverage_for_a_bounded_time() {
    let env = |name: &str| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok())
    };
    let secs = env("COVERBOARD_FUZZ_SECS").unwrap_or(20);
    let seed = env("COVERBOARD_FUZZ_SEED").unwrap_or_else(|| {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(1)
    });
    let only = env("COVERBOARD_FUZZ_ITER");
    println!("fuzz: seed {seed} (replay: COVERBOARD_FUZZ_SEED={seed}), {secs} s");
    let originals: Vec<Vec<u8>> = FILES.iter().map(|f| common::read(f).into_bytes()).collect();
    let started = Instant::now();
    let deadline = Duration::from_secs(secs);
    let mut iterations = 0u64;
    let mut loaded = 0u64;
    let mut i = only.unwrap_or(0);
    loop {
        if only.is_none() && started.elapsed() >= deadline {
            break;
        }
        // Each iteration has its own generator, so one can be replayed alone.
        let mut rng = Rng(seed ^ i.wrapping_mul(0xa076_1d64_78bd_642f));
        let mut files = originals.clone();
        let mut done: Vec<String> = Vec::new();
        // Mostly one file at a time (so the others let the data load); sometimes several.
        let targets = if rng.below(4) == 0 {
            1 + rng.below(4)
        } else {
            1
        };
        for _ in 0..targets {
            let f = rng.below(FILES.len());
            let Some(bytes) = files.get_mut(f) else {
                continue;
            };
            if rng.below(20) == 0 {
                // Wholly random bytes in place of the file.
                let n = rng.below(2048);
                *bytes = (0..n).map(|_| rng.next() as u8).collect();
                done.push(format!("{}: random", FILES[f]));
            }
            for _ in 0..1 + rng.below(8) {
                let what = mutate(&mut rng, bytes);
                done.push(format!("{}: {what}", FILES[f]));
            }
        }
        let texts: [String; 4] =
            [0, 1, 2, 3].map(|k| String::from_utf8_lossy(&files[k]).into_owned());
        let outcome = catch_unwind(AssertUnwindSafe(|| run_once(&texts)));
        let panic = match outcome {
            Ok(true) => {
                loaded += 1;
                None
            }
            Ok(false) => None,
            Err(panic) => Some(panic),
        };
        if let Some(panic) = panic {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            panic!(
                "fuzz: panic at iteration {i} of seed {seed}: {message}\nmutations: {done:?}\n\
                 replay: COVERBOARD_FUZZ_SEED={seed} COVERBOARD_FUZZ_ITER={i} cargo test --test fuzz -- --nocapture"
            );
        }
        iterations += 1;
        i += 1;
        if only.is_some() {
            break;
        }
    }
    println!(
        "fuzz: {iterations} iterations ({loaded} loaded and went through coverage) in {:.1} s, seed {seed}, no panic",
        started.elapsed().as_secs_f64()
    );
    assert!(iterations > 0, "no iteration ran");
}
