//! Writes a generated sites file (src/generate.rs) over the bundled default areas, for browser
//! benchmarks and scale tests. The same arguments always give the same file.
//!
//! ```text
//! cargo run --release --example generate_sites -- <N> <K> [out.csv]
//! ```
//! N sites with K footprint codes each (piece ids, LAD, CCG and STP codes of
//! `public/data/areas.csv`), in the format of `public/data/sites.csv`; to standard output when no
//! path is given. Examples: `-- 10000 20 /tmp/sites-10k.csv` (the 10,000-site repaint benchmark),
//! `-- 100000 2 /tmp/sites-100k.csv` (100,000 rows). The file is about N × (70 + 14 × K) bytes
//! (10,000 × 20: 3.6 MB; 100,000 × 2: 9.9 MB); an own file loaded in the app must stay under
//! 64 MiB (src/own_data.rs), so 100,000 rows fit with K up to 20 (35 MB). Read it with the areas in
//! `public/data/`.

use coverboard::generate::{sites_csv, Spec};
use coverboard::parse::read_areas;
use std::io::Write;
use std::process::ExitCode;

const USAGE: &str = "usage: generate_sites <N sites> <K codes per site> [out.csv]";

fn run(args: &[String]) -> Result<(), String> {
    let (n, k, out) = match args {
        [n, k] => (n, k, None),
        [n, k, out] => (n, k, Some(out)),
        _ => return Err(USAGE.into()),
    };
    let number = |s: &String, what: &str| {
        s.replace('_', "")
            .parse::<usize>()
            .map_err(|_| format!("{what} must be a whole number, not '{s}'\n{USAGE}"))
    };
    let spec = Spec::new(number(n, "N")?, number(k, "K")?);
    let path = format!("{}/public/data/areas.csv", env!("CARGO_MANIFEST_DIR"));
    let areas_text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    let (areas, _, _) = read_areas("areas.csv", &areas_text);
    if areas.is_empty() {
        return Err(format!("{path}: no areas"));
    }
    let text = sites_csv(&areas, &spec);
    match out {
        Some(p) if p != "-" => std::fs::write(p, &text).map_err(|e| format!("{p}: {e}")),
        _ => std::io::stdout()
            .lock()
            .write_all(text.as_bytes())
            .map_err(|e| format!("standard output: {e}")),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
