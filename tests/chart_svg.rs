//! The main chart drawn natively through plotters' SVG backend: the same drawing code the app
//! runs on a canvas. Asserts the title, target line, deadline marker, series and milestones.

mod common;

use common::{date, default_data};
use coverboard::chart::{draw_coverage_chart, main_chart, point_at, ChartOptions, SeriesKind};
use coverboard::coverage::{default_period, Definition, Scope};
use coverboard::model::ModelType;
use coverboard::projection::outlook;
use plotters::prelude::*;

/// The text of every <text> element, trimmed.
fn texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| t.split_once('>'))
        .map(|(_, rest)| {
            rest.split("</text>")
                .next()
                .unwrap_or("")
                .trim()
                .to_string()
        })
        .collect()
}

fn render(chart: &coverboard::chart::CoverageChart) -> String {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (1000, 520)).into_drawing_area();
        draw_coverage_chart(&root, chart, 1.0).expect("draws");
    }
    svg
}

#[test]
fn england_chart_has_title_target_deadline_series_and_milestones() {
    let data = default_data();
    let scope = Scope::new(&data.areas, "ENG");
    let chart = main_chart(
        &data,
        &Definition::default(),
        &scope,
        &default_period(),
        date("2021-03-31"),
        None,
        ChartOptions::default(),
    );
    let kinds: Vec<SeriesKind> = chart.series.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        vec![SeriesKind::Vanguards, SeriesKind::Ics, SeriesKind::Combined]
    );
    assert!(
        chart.series.iter().all(|s| s.points.len() == 87),
        "Jan 2015 - Mar 2022 monthly"
    );
    let svg = render(&chart);
    assert!(svg.contains("Population covered by new care models: England"));
    assert!(svg.contains("Target 50.0%"));
    assert!(svg.contains("Deadline 31 Mar 2021"));
    assert!(svg.contains("Vanguards (PACS, MCP, EHCH, UEC)"));
    assert!(svg.contains("ACS/ICS"));
    assert!(svg.contains("Either (each person once)"));
    assert!(
        svg.contains("≈ 21.0 million"),
        "the June 2019 milestone is labelled"
    );
    assert!(svg.contains("&gt; 35.0 million") || svg.contains("> 35.0 million"));
    // The target line is NHS red (#D5281B), the combined series NHS dark blue (#003087).
    assert!(svg.to_ascii_uppercase().contains("#D5281B"));
    assert!(svg.to_ascii_uppercase().contains("#003087"));
    let labels = texts(&svg);
    for year in 2015..=2022 {
        assert!(
            labels.contains(&year.to_string()),
            "x axis label {year}: {labels:?}"
        );
    }
    assert!(labels.contains(&"50%".to_string()), "y axis in percent");
}

#[test]
fn region_chart_changes_title_and_drops_england_milestones() {
    let data = default_data();
    let london = Scope::new(&data.areas, "E40000003");
    let chart = main_chart(
        &data,
        &Definition::default(),
        &london,
        &default_period(),
        date("2021-03-31"),
        None,
        ChartOptions::default(),
    );
    assert!(chart.milestones.is_empty());
    let svg = render(&chart);
    assert!(svg.contains("Population covered by new care models: London"));
    assert!(!svg.contains("21.0 million"));
}

#[test]
fn one_model_type_draws_one_line() {
    let data = default_data();
    let scope = Scope::new(&data.areas, "ENG");
    let chart = main_chart(
        &data,
        &Definition::with_models(&[ModelType::Ics]),
        &scope,
        &default_period(),
        date("2019-06-30"),
        None,
        ChartOptions::default(),
    );
    assert_eq!(chart.series.len(), 1);
    assert!(chart.series[0].emphasised);
    // The ICS line steps up on 19 June 2019 from the 14-ICS figure: 37.6% at the end of June.
    let june_2019 = chart.series[0]
        .points
        .iter()
        .find(|(x, _)| (*x - date("2019-06-30").as_year_fraction()).abs() < 1e-9);
    let share = june_2019.map(|p| p.1).unwrap_or(-1.0);
    assert!((share - 0.376).abs() < 0.001, "{share}");
    // Dates known only to a span (the four ICSs of April-May 2020) give an uncertainty band.
    assert!(!chart.series[0].band.is_empty());
    let svg = render(&chart);
    assert!(!svg.contains("Either (each person once)"));
    assert!(svg.contains("As at 30 Jun 2019"));
}

#[test]
fn drawing_scales_for_high_density_screens() {
    let data = default_data();
    let chart = main_chart(
        &data,
        &Definition::default(),
        &Scope::new(&data.areas, "ENG"),
        &default_period(),
        date("2021-03-31"),
        None,
        ChartOptions::default(),
    );
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (2000, 1040)).into_drawing_area();
        draw_coverage_chart(&root, &chart, 2.0).expect("draws at 2x");
    }
    assert!(svg.contains("width=\"2000\""));
    assert!(
        svg.contains("stroke-width=\"8\""),
        "the emphasised line is 4 px × 2"
    );
}

#[test]
fn projection_fan_and_events_are_drawn_when_asked() {
    let data = default_data();
    let scope = Scope::new(&data.areas, "ENG");
    let def = Definition::with_models(&[ModelType::Ics]);
    let as_at = date("2019-06-30");
    let o = outlook(&data, &def, &scope, as_at);
    let options = ChartOptions {
        show_events: true,
        show_projection: true,
    };
    let chart = main_chart(
        &data,
        &def,
        &scope,
        &default_period(),
        as_at,
        Some(&o),
        options,
    );
    assert_eq!(chart.projections.len(), 4, "one line per trailing window");
    assert_eq!(chart.projections.iter().filter(|p| p.central).count(), 1);
    assert!(chart
        .projections
        .iter()
        .all(|p| (p.to.0 - date("2021-03-31").as_year_fraction()).abs() < 1e-9));
    let events = data
        .milestones
        .iter()
        .filter(|m| m.kind == coverboard::model::MilestoneKind::Event)
        .count();
    assert_eq!(chart.events.len(), events);
    let svg = render(&chart);
    assert!(svg.contains("Projection (trailing 3-24 months)"));
    // No projection once the deadline has passed.
    let late = main_chart(
        &data,
        &def,
        &scope,
        &default_period(),
        date("2021-06-30"),
        Some(&o),
        options,
    );
    assert!(late.projections.is_empty());
}

#[test]
fn pointing_at_a_milestone_gives_its_status_and_source() {
    let data = default_data();
    let scope = Scope::new(&data.areas, "ENG");
    let chart = main_chart(
        &data,
        &Definition::default(),
        &scope,
        &default_period(),
        date("2021-03-31"),
        None,
        ChartOptions::default(),
    );
    let mut svg = String::new();
    let area = {
        let root = SVGBackend::with_string(&mut svg, (1000, 520)).into_drawing_area();
        draw_coverage_chart(&root, &chart, 1.0).expect("draws")
    };
    let m = chart
        .milestones
        .iter()
        .find(|m| m.label.contains("21.0 million"))
        .expect("June 2019 milestone");
    let (px, py) = area.to_px(m.x, m.share);
    let info = point_at(&chart, &area, px + 2.0, py - 1.0, 12.0).expect("a point near the marker");
    assert!(info.title.contains("21 million"), "{}", info.title);
    assert_eq!(info.status, coverboard::model::Status::Verified);
    assert!(info.url.starts_with("https://www.hsj.co.uk/"));
    assert!(info.value.contains("derived from the published population"));
    // Far from everything: nothing.
    assert!(point_at(&chart, &area, -100.0, -100.0, 12.0).is_none());
    // On the combined line at the end of June 2019 the tooltip gives the coverage and its basis.
    let s = chart.series.last().expect("series");
    let c = s
        .coverages
        .iter()
        .find(|c| c.date == date("2019-06-30"))
        .expect("point");
    let (px, py) = area.to_px(c.date.as_year_fraction(), c.share);
    let info = point_at(&chart, &area, px, py, 3.0).expect("series point");
    assert!(
        info.title
            .starts_with("Either (each person once), 30 Jun 2019"),
        "{}",
        info.title
    );
    assert!(info.source.contains("ONS mid-2019"));
}
