//! The first dashboard's shared markup and the build's prerender (src/first_page.rs,
//! examples/prerender): the key that ties a prerender to its data, the chart element it writes,
//! and the SVG backend (src/true_size_svg.rs) that gives the prerendered chart the canvas's type
//! sizes.

mod common;

use common::{default_data, read};
use coverboard::chart::draw_coverage_chart;
use coverboard::first_page::{content_key, prerender_key, ChartMarkup, FirstView};
use coverboard::true_size_svg::{text_width, TrueSizeSvg, FONT_FAMILY};
use plotters::prelude::*;

fn files() -> [String; 4] {
    ["manifest.json", "areas.csv", "sites.csv", "milestones.csv"].map(read)
}

#[test]
fn the_key_names_the_four_files_and_ignores_a_byte_order_mark() {
    let [m, a, s, l] = files();
    let key = prerender_key(&m, &a, &s, &l);
    assert_eq!(key.len(), 16);
    assert!(key.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(
        key,
        prerender_key(&m, &a, &s, &l),
        "the same files, the same key"
    );
    // fetch's text() drops a leading BOM, so a file saved with one gives the same key.
    assert_eq!(key, prerender_key(&format!("\u{feff}{m}"), &a, &s, &l));
    // Any change to any file, even one byte, gives another key.
    let changed = [
        prerender_key(&format!("{m} "), &a, &s, &l),
        prerender_key(&m, &a.replacen('1', "2", 1), &s, &l),
        prerender_key(&m, &a, &s[..s.len() - 1], &l),
        prerender_key(&m, &a, &s, &format!("{l}\n")),
        // Text moved from one file to the next is not the same data.
        prerender_key(&m, &a, &format!("{s}x"), &l[..]),
    ];
    for other in &changed {
        assert_ne!(&key, other);
    }
    assert_ne!(
        prerender_key("ab", "c", "", ""),
        prerender_key("a", "bc", "", "")
    );
    // The chart file's name: its own content's key, so another drawing is another file.
    assert_eq!(key, content_key(&[&m, &a, &s, &l]));
    assert_ne!(content_key(&["<svg a/>"]), content_key(&["<svg b/>"]));
}

#[test]
fn the_prerendered_page_shows_an_image_where_the_first_view_draws_a_canvas() {
    let data = default_data();
    let first = FirstView::new(&data, "");
    let canvas = first.page(&data, ChartMarkup::Canvas);
    let image = first.page(
        &data,
        ChartMarkup::Image {
            src: "first-chart-\"0\".svg",
            width: 1136,
            height: 591,
        },
    );
    assert!(canvas.contains(r#"<canvas id="first-chart" role="img""#));
    assert!(!image.contains("<canvas"));
    assert!(image.contains(r#"<img id="first-chart-img" elementtiming="first-chart" src="first-chart-&quot;0&quot;.svg" width="1136" height="591" alt="Coverage over time for England. At 31 Mar 2021 coverage is "#));
    // Everything else is the same page.
    let before = |s: &str| s[..s.find("<div class=\"canvas-wrap\">").unwrap_or(0)].to_string();
    assert_eq!(before(&canvas), before(&image));
    assert!(before(&canvas).len() > 1000);
}

#[test]
fn the_prerendered_chart_has_the_canvas_type_sizes_and_arial_widths() {
    assert!((text_width("0", 10.0) - 5.56).abs() < 1e-9);
    assert!((text_width("Mi", 20.0) - (833.0 + 222.0) * 0.02).abs() < 1e-9);
    assert!(text_width("≈ 50.0%", 13.0) > text_width("50.0%", 13.0));
    let data = default_data();
    let spec = FirstView::new(&data, "").chart(&data);
    let mut svg = String::new();
    {
        let root = TrueSizeSvg(SVGBackend::with_string(&mut svg, (1136, 591))).into_drawing_area();
        draw_coverage_chart(&root, &spec, 1.0).expect("drawn");
        root.present().expect("written");
    }
    // The title is asked for at 18 px (chart.rs) and the SVG says 18, as the canvas draws it;
    // plotters' own SVGBackend would say 18 ÷ 1.24.
    let title = svg
        .lines()
        .position(|l| l.trim() == spec.title)
        .expect("the title is in the SVG");
    let tag = svg.lines().nth(title - 1).unwrap_or_default();
    assert!(tag.contains(r#"font-size="18""#), "{tag}");
    assert!(
        tag.contains(&format!(r#"font-family="{FONT_FAMILY}""#)),
        "{tag}"
    );
    // The legend's box fits its longest label measured in Arial (plotters' own guess is 0.7 em a
    // character divided by 1.24 twice): wider than the label, by less than the swatch and padding.
    let longest = "Vanguards (PACS, MCP, EHCH, UEC)";
    assert!(svg.contains(longest));
    let boxed = svg
        .lines()
        .find(|l| l.starts_with("<rect") && l.contains(r##"fill="none" stroke="#768692""##))
        .expect("the legend's frame");
    let width: f64 = boxed
        .split("width=\"")
        .nth(1)
        .and_then(|w| w.split('"').next())
        .and_then(|w| w.parse().ok())
        .expect("a width");
    let label = text_width(longest, 13.0);
    assert!(
        width > label && width < label + 80.0,
        "{width} against {label}"
    );
}
