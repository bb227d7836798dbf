//! Keyboard walking of the regions and model-type charts: where each point lands on a drawn
//! chart (SVG backend) and the words the live region announces for it.

mod common;

use common::{date, default_data};
use coverboard::coverage::{default_period, Definition, Scope};
use coverboard::model::Status;
use coverboard::model_chart::{
    draw_model_chart_area, model_chart, model_point, model_point_info, ANY_TYPE,
};
use coverboard::region_chart::{bar_at, bar_info, bar_point, draw_region_chart, region_chart};
use coverboard::summary::{pct, people};
use plotters::prelude::*;

#[test]
fn each_bar_has_a_point_inside_its_own_box_and_words_with_its_figures() {
    let data = default_data();
    let chart = region_chart(&data, &Definition::default(), date("2021-03-31"));
    let mut svg = String::new();
    let boxes = {
        let root = SVGBackend::with_string(&mut svg, (900, 380)).into_drawing_area();
        draw_region_chart(&root, &chart, "ENG", 1.0).expect("draws")
    };
    assert_eq!(boxes.len(), chart.bars.len());
    let mut last_y = f64::NEG_INFINITY;
    let mut last_x = f64::INFINITY;
    for (i, b) in chart.bars.iter().enumerate() {
        let (x, y) = bar_point(&chart, &boxes, i).expect("a point for each bar");
        assert!(
            x > 0.0 && x < 900.0 && y > 0.0 && y < 380.0,
            "inside the canvas"
        );
        // The point lies on its own bar, which hits that region.
        assert_eq!(bar_at(&boxes, x, y), Some(b.code.as_str()), "bar {i}");
        // Drawn top-down in order, highest share first: lower and no further right each step.
        assert!(y > last_y, "bar {i} below the one before");
        assert!(x <= last_x + 1e-9, "bar {i} no longer than the one before");
        last_y = y;
        last_x = x;
        let info = bar_info(&chart, i, (x, y)).expect("words");
        assert!(info.title.contains(&b.name));
        assert!(info.title.contains("31 Mar 2021"), "{}", info.title);
        assert!(info.value.contains(&pct(b.share)), "{}", info.value);
        assert!(info.value.contains(&people(b.covered)));
        assert!(info.value.contains(&people(b.base)));
        assert_eq!(info.status, Status::Derived);
        assert!(info
            .source
            .contains(&format!("ONS mid-{}", b.population_year)));
        assert_eq!(info.at, (x, y));
    }
    // A bar with twice the share reaches about twice as far from the axis.
    let left = f64::from(boxes[0].left);
    let (first, last) = (chart.bars[0].share, chart.bars[chart.bars.len() - 1].share);
    let x_first = bar_point(&chart, &boxes, 0).expect("first").0 - left;
    let x_last = bar_point(&chart, &boxes, chart.bars.len() - 1)
        .expect("last")
        .0
        - left;
    assert!((x_last / x_first - last / first).abs() < 0.02);
    assert!(bar_point(&chart, &boxes, chart.bars.len()).is_none());
    assert!(bar_info(&chart, chart.bars.len(), (0.0, 0.0)).is_none());
}

#[test]
fn each_line_and_month_of_the_model_chart_lands_in_the_plot_with_its_figures() {
    let data = default_data();
    let scope = Scope::new(&data.areas, "ENG");
    let period = default_period();
    let chart = model_chart(
        &data,
        &Definition::default(),
        &scope,
        &period,
        date("2021-03-31"),
    );
    assert_eq!(chart.dates, period);
    let mut svg = String::new();
    let area = {
        let root = SVGBackend::with_string(&mut svg, (900, 420)).into_drawing_area();
        draw_model_chart_area(&root, &chart, 1.0).expect("draws")
    };
    assert!(area.left > 0 && area.right <= 900 && area.top > 0 && area.bottom <= 420);
    let any = chart
        .lines
        .iter()
        .position(|l| l.label == ANY_TYPE)
        .expect("an any-type line");
    for (j, line) in chart.lines.iter().enumerate() {
        let mut last_x = f64::NEG_INFINITY;
        for (k, (_, p)) in line.points.iter().enumerate() {
            let (x, y) = model_point(&chart, &area, j, k).expect("a point");
            assert!(x >= f64::from(area.left) - 0.5 && x <= f64::from(area.right) + 0.5);
            assert!(y >= f64::from(area.top) - 0.5 && y <= f64::from(area.bottom) + 0.5);
            assert!(x > last_x, "months left to right");
            last_x = x;
            // Nobody is covered by a type who is not covered by any type: never above that line.
            let (ax, ay) = model_point(&chart, &area, any, k).expect("any");
            assert!((ax - x).abs() < 1e-9, "same month, same x");
            assert!(ay <= y + 1e-9, "line {j} month {k} not above any type");
            let info = model_point_info(&chart, j, k, (x, y)).expect("words");
            assert!(info.title.contains(&line.label));
            assert!(info.title.contains(&period[k].long()));
            assert!(info.value.contains(&people(*p)), "{}", info.value);
            assert_eq!(info.status, Status::Derived);
            assert!(info.source.contains("ONS"));
        }
        assert!(model_point(&chart, &area, j, line.points.len()).is_none());
    }
    // The as-at month's any-type figure is the breakdown's union.
    let k = period
        .iter()
        .position(|d| *d == date("2021-03-31"))
        .expect("in the period");
    let info = model_point_info(&chart, any, k, (0.0, 0.0)).expect("words");
    assert!(info.value.contains(&people(chart.at_as_at.union)));
    assert!(model_point_info(&chart, chart.lines.len(), 0, (0.0, 0.0)).is_none());
}
