//! The build's prerender of the default first dashboard: reads a data directory (the built
//! `dist/data`) and prints, as one JSON object, the HTML the first view would write into
//! `#first-body` for a link without a query (`src/first_page.rs`), the main chart drawn as SVG
//! (shown by an `<img>` in that HTML, named `first-chart-<its own hash>.svg`), and the key the first view
//! checks before keeping it (`first_page::prerender_key`). scripts/post_build.mjs writes them into
//! `dist/index.html` and `dist/` (docs/benchmarks.md, "the prerendered first view").
//! Usage: `cargo run --example prerender -- <data dir>`; exits 1 with a message if the data
//! cannot be read or loaded (the build then ships no prerender).

use coverboard::chart::draw_coverage_chart;
use coverboard::first_page::{content_key, prerender_key, ChartMarkup, FirstView};
use coverboard::parse::{load, parse_manifest, Texts};
use coverboard::true_size_svg::TrueSizeSvg;
use plotters::prelude::*;

/// The chart's size in CSS pixels: the canvas's width on a desktop (the page's 1200 px column
/// less its padding) and the app's 0.52 aspect ratio. The image scales with the column.
const WIDTH: u32 = 1136;
const HEIGHT: u32 = 591;

fn read(dir: &str, name: &str) -> Result<String, String> {
    let path = format!("{dir}/{name}");
    std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))
}

fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `svg` with each run of consecutive `<polyline>`s that share their attributes (grid lines,
/// ticks, the dashes of a dashed line) drawn as one `<path>` of several pieces. The picture is
/// the same, in the same order; the browser styles and lays out ~70 elements instead of ~300,
/// which took most of its time on the image (a trace: 73 ms before, 50 ms after, on this VM).
fn merge_polylines(svg: &str) -> String {
    fn parts(line: &str) -> Option<(String, &str)> {
        let inner = line.trim().strip_prefix("<polyline ")?.strip_suffix("/>")?;
        let start = inner.find("points=\"")?;
        let rest = &inner[start + "points=\"".len()..];
        let end = rest.find('"')?;
        let attrs = format!("{}{}", &inner[..start], &rest[end + 1..]);
        Some((attrs.trim().to_string(), &rest[..end]))
    }
    fn flush(out: &mut String, pending: Option<(String, String)>) {
        if let Some((attrs, d)) = pending {
            out.push_str(&format!("<path {attrs} d=\"{d}\"/>\n"));
        }
    }
    let mut out = String::with_capacity(svg.len());
    let mut pending: Option<(String, String)> = None;
    for line in svg.lines() {
        let Some((attrs, points)) = parts(line) else {
            flush(&mut out, pending.take());
            out.push_str(line);
            out.push('\n');
            continue;
        };
        let mut d = String::new();
        for (i, point) in points.split_whitespace().enumerate() {
            d.push(if i == 0 { 'M' } else { 'L' });
            d.push_str(point);
        }
        match &mut pending {
            Some((same, path)) if *same == attrs => path.push_str(&d),
            _ => {
                flush(&mut out, pending.take());
                pending = Some((attrs, d));
            }
        }
    }
    flush(&mut out, pending);
    out
}

fn run() -> Result<String, String> {
    let dir = std::env::args()
        .nth(1)
        .ok_or("usage: prerender <data dir>")?;
    let manifest_text = read(&dir, "manifest.json")?;
    let manifest = parse_manifest("manifest.json", &manifest_text)
        .map_err(|e| format!("{dir}/manifest.json: {e}"))?;
    let areas = read(&dir, &manifest.files.areas)?;
    let sites = read(&dir, &manifest.files.sites)?;
    let milestones = read(&dir, &manifest.files.milestones)?;
    let key = prerender_key(&manifest_text, &areas, &sites, &milestones);
    let texts = Texts {
        areas: &areas,
        sites: &sites,
        milestones: &milestones,
    };
    let data = load("manifest.json", manifest, &texts)
        .map_err(|e| format!("the data in {dir} does not load: {e}"))?;
    let first = FirstView::new(&data, "");
    let spec = first.chart(&data);
    let mut svg = String::new();
    {
        let root =
            TrueSizeSvg(SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT))).into_drawing_area();
        draw_coverage_chart(&root, &spec, 1.0)?;
        root.present().map_err(|e| e.to_string())?;
    }
    let svg = merge_polylines(&svg).replace(" opacity=\"1\"", "");
    // Named by its own content: a new drawing of the same data is a new file.
    let src = format!("first-chart-{}.svg", content_key(&[&svg]));
    let chart = ChartMarkup::Image {
        src: &src,
        width: WIDTH,
        height: HEIGHT,
    };
    let html = first.page(&data, chart);
    Ok(format!(
        "{{\"key\":{},\"html\":{},\"svg_file\":{},\"svg\":{},\"problems\":{}}}",
        json_string(&key),
        json_string(&html),
        json_string(&src),
        json_string(&svg),
        data.problems.len()
    ))
}

fn main() {
    match run() {
        Ok(json) => println!("{json}"),
        Err(e) => {
            eprintln!("prerender: {e}");
            std::process::exit(1);
        }
    }
}
