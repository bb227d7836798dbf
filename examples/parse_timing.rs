//! Native timing of reading an own sites file (development aid for issue 7's parse budget):
//! `cargo run --release --example parse_timing -- <sites.csv> [runs]` prints the best and median
//! time of `own_data` (decode, checks, CSV, validation, data set) and of `parse_sites` alone.
use coverboard::own_data::own_data;
use coverboard::parse::{load_with, parse_sites};
use std::time::{Duration, Instant};

fn summary(mut times: Vec<Duration>) -> String {
    times.sort();
    format!(
        "best {:.1} ms, median {:.1} ms",
        times[0].as_secs_f64() * 1e3,
        times[times.len() / 2].as_secs_f64() * 1e3
    )
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: parse_timing <sites.csv> [runs]");
        return;
    };
    let runs: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(5).max(1);
    let Ok(bytes) = std::fs::read(path) else {
        eprintln!("{path}: not read");
        return;
    };
    let dir = format!("{}/public/data", env!("CARGO_MANIFEST_DIR"));
    let Ok(data) =
        load_with(|n| std::fs::read_to_string(format!("{dir}/{n}")).map_err(|e| e.to_string()))
    else {
        eprintln!("default data not loaded");
        return;
    };
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let mut whole = Vec::new();
    let mut parse = Vec::new();
    let mut accepted = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let out = own_data("own.csv", &bytes, &data);
        whole.push(t.elapsed());
        accepted = out.accepted;
        drop(out);
        let t = Instant::now();
        let parsed = parse_sites("own.csv", &text, &data.areas);
        parse.push(t.elapsed());
        drop(parsed);
    }
    println!("{path}: {accepted} sites accepted, {} bytes", bytes.len());
    println!("own_data    {}", summary(whole));
    println!("parse_sites {}", summary(parse));
}
