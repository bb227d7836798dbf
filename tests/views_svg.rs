//! The regions and model-type charts drawn natively through the SVG backend, on the default data.

mod common;

use common::{date, default_data};
use coverboard::coverage::{default_period, Definition, Scope};
use coverboard::model::ModelType;
use coverboard::model_chart::{draw_model_chart, model_chart, ANY_TYPE, SEVERAL_TYPES};
use coverboard::region_chart::{bar_at, draw_region_chart, region_chart};
use plotters::prelude::*;

#[test]
fn regions_are_sorted_with_target_and_england_and_clickable_boxes() {
    let data = default_data();
    let chart = region_chart(&data, &Definition::default(), date("2019-06-30"));
    assert_eq!(chart.bars.len(), 7);
    assert!(
        chart.bars.windows(2).all(|w| w[0].share >= w[1].share),
        "highest first"
    );
    let mut svg = String::new();
    let boxes = {
        let root = SVGBackend::with_string(&mut svg, (900, 380)).into_drawing_area();
        draw_region_chart(&root, &chart, "E40000003", 1.0).expect("draws")
    };
    assert_eq!(boxes.len(), 7);
    assert!(svg.contains("Coverage by NHS region at 30 Jun 2019"));
    assert!(svg.contains("Target 50.0%"));
    assert!(svg.contains(&format!(
        "England {}",
        coverboard::summary::pct(chart.england_share)
    )));
    for b in &chart.bars {
        assert!(svg.contains(&b.name), "label {}", b.name);
    }
    // The middle of each box hits its own region.
    for b in &boxes {
        let (x, y) = (f64::from(b.left + 5), f64::from(b.top + b.bottom) / 2.0);
        assert_eq!(bar_at(&boxes, x, y), Some(b.code.as_str()));
    }
    assert_eq!(bar_at(&boxes, -5.0, -5.0), None);
    // The bars do not overlap.
    let mut tops: Vec<i32> = boxes.iter().map(|b| b.top).collect();
    tops.sort_unstable();
    tops.dedup();
    assert_eq!(tops.len(), 7);
}

#[test]
fn model_chart_has_one_line_per_type_plus_any_and_several() {
    let data = default_data();
    let scope = Scope::new(&data.areas, "ENG");
    let chart = model_chart(
        &data,
        &Definition::default(),
        &scope,
        &default_period(),
        date("2021-03-31"),
    );
    let labels: Vec<&str> = chart.lines.iter().map(|l| l.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "PACS",
            "MCP",
            "EHCH",
            "UEC",
            "ACS/ICS",
            ANY_TYPE,
            SEVERAL_TYPES
        ]
    );
    let b = &chart.at_as_at;
    assert!(b.union <= b.summed, "the union never exceeds the sum");
    assert_eq!(b.summed, b.per_model.iter().map(|(_, p)| p).sum::<u64>());
    assert!(
        b.covered_by_several > 0,
        "vanguards lie inside ICSs by 2021"
    );
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (900, 420)).into_drawing_area();
        draw_model_chart(&root, &chart, 1.0).expect("draws");
    }
    for l in labels {
        assert!(svg.contains(l), "legend {l}");
    }
    // Each line is also named at its end, right of the plot (not told apart by colour alone): a
    // type's code is written twice (legend and end), the two summary lines by a short name.
    let text_count = |t: &str| svg.matches(&format!(">\n{t}\n</text>")).count();
    for code in ["PACS", "MCP", "EHCH", "UEC", "ACS/ICS"] {
        assert_eq!(
            text_count(code),
            2,
            "{code} in the legend and at its line's end"
        );
    }
    for short in ["Any type", "2+ types"] {
        assert_eq!(text_count(short), 1, "{short} at its line's end");
    }
    let only_ics = model_chart(
        &data,
        &Definition::with_models(&[ModelType::Ics]),
        &scope,
        &default_period(),
        date("2021-03-31"),
    );
    assert_eq!(
        only_ics.at_as_at.covered_by_several, 0,
        "one type cannot overlap itself"
    );
}
