//! Chart drawing, generic over plotters' `DrawingBackend`: the app draws to a canvas, the tests
//! to an SVG string. `main_chart` turns data into a `CoverageChart`; `draw_coverage_chart` draws it.

use crate::coverage::{series, Coverage, Definition, Scope};
use crate::date::Date;
use crate::legend::{draw_legend, Corner, LegendEntry};
use crate::model::{Comparator, DataSet, MilestoneKind, ModelType, Status};
use crate::projection::Outlook;
use crate::summary::{pct, people};
use plotters::coord::ranged1d::{KeyPointHint, NoDefaultFormatting, ValueFormatter};
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use std::ops::Range;

/// A linear axis of `f64` (plotters' own) whose fallback label format is `summary::fixed`.
/// Every chart gives its own label formatters, but plotters keeps its default one in the code,
/// and that default's float printing is a tenth of the first view's WebAssembly (issue 7).
pub struct Axis(RangedCoordf64);

impl Axis {
    pub fn new(range: Range<f64>) -> Axis {
        Axis(range.into())
    }
}

impl Ranged for Axis {
    type FormatOption = NoDefaultFormatting;
    type ValueType = f64;
    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        self.0.map(value, limit)
    }
    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        self.0.key_points(hint)
    }
    fn range(&self) -> Range<f64> {
        self.0.range()
    }
}

impl ValueFormatter<f64> for Axis {
    fn format(value: &f64) -> String {
        crate::summary::fixed(*value, 2, false)
    }
}

/// NHS identity colours (all at least 3:1 against white, for graphics).
pub mod palette {
    use plotters::style::RGBColor;
    pub const NHS_DARK_BLUE: RGBColor = RGBColor(0x00, 0x30, 0x87);
    pub const NHS_BLUE: RGBColor = RGBColor(0x00, 0x5E, 0xB8);
    pub const NHS_GREEN: RGBColor = RGBColor(0x00, 0x7F, 0x3B);
    pub const NHS_PINK: RGBColor = RGBColor(0xAE, 0x25, 0x73);
    pub const NHS_RED: RGBColor = RGBColor(0xD5, 0x28, 0x1B);
    pub const NHS_DARK_GREY: RGBColor = RGBColor(0x42, 0x55, 0x63);
    pub const NHS_BLACK: RGBColor = RGBColor(0x23, 0x1F, 0x20);
    pub const NHS_MID_GREY: RGBColor = RGBColor(0x76, 0x86, 0x92);
    pub const GRID: RGBColor = RGBColor(0xE8, 0xED, 0xEE);
}

/// Which line a series is: the three definitions coverboard draws side by side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeriesKind {
    Vanguards,
    Ics,
    Combined,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ChartSeries {
    pub kind: SeriesKind,
    pub label: String,
    /// (x as a fractional year, share)
    pub points: Vec<(f64, f64)>,
    /// The coverage behind each point (same order as `points`), for tooltips and tables.
    pub coverages: Vec<Coverage>,
    /// (x, low, high) where dates are imprecise; empty when the band adds nothing.
    pub band: Vec<(f64, f64, f64)>,
    pub emphasised: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ChartMilestone {
    pub x: f64,
    /// End of the date's span (equal to `x` for a known day).
    pub x_end: f64,
    pub share: f64,
    /// The short figure drawn beside the marker ("≈ 21.0 million").
    pub label: String,
    pub kind: SeriesKind,
    /// What was published, when, with status and source, for the tooltip.
    pub title: String,
    pub date_text: String,
    pub status: Status,
    pub source: String,
    pub url: String,
    /// True when the share was derived from a published population.
    pub share_derived: bool,
}

/// A policy event drawn as a numbered marker; the list under the chart gives its citation.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartEvent {
    pub number: usize,
    pub x: f64,
    pub label: String,
    pub date_text: String,
    pub source: String,
    pub url: String,
}

/// A straight-line projection from the as-at date to the deadline.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartProjection {
    pub window_months: i32,
    pub from: (f64, f64),
    pub to: (f64, f64),
    pub central: bool,
}

/// What to draw besides the series.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct ChartOptions {
    pub show_events: bool,
    pub show_projection: bool,
}

/// Where the plot landed on the backend, to map a pointer position back to data.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlotArea {
    /// Pixel box of the plotting area: left, top, right, bottom.
    pub left: i32,
    pub top: i32,
    pub right: i32,
    pub bottom: i32,
    pub x_range: (f64, f64),
    pub y_range: (f64, f64),
}

impl PlotArea {
    /// The plotting area a chart context reports (`get_pixel_range`) with its data ranges.
    pub fn new(
        pixels: (std::ops::Range<i32>, std::ops::Range<i32>),
        x_range: (f64, f64),
        y_range: (f64, f64),
    ) -> PlotArea {
        let (xs, ys) = pixels;
        PlotArea {
            left: xs.start,
            top: ys.start,
            right: xs.end,
            bottom: ys.end,
            x_range,
            y_range,
        }
    }

    /// Data coordinates to pixels.
    pub fn to_px(&self, x: f64, y: f64) -> (f64, f64) {
        let fx = (x - self.x_range.0) / (self.x_range.1 - self.x_range.0);
        let fy = (y - self.y_range.0) / (self.y_range.1 - self.y_range.0);
        (
            f64::from(self.left) + fx * f64::from(self.right - self.left),
            f64::from(self.bottom) - fy * f64::from(self.bottom - self.top),
        )
    }
}

/// Everything the main chart shows, computed from the data (no drawing yet).
#[derive(Clone, Debug, PartialEq)]
pub struct CoverageChart {
    pub title: String,
    pub series: Vec<ChartSeries>,
    pub target_share: f64,
    pub target_label: String,
    pub deadline: f64,
    pub deadline_label: String,
    pub as_at: f64,
    pub as_at_label: String,
    pub milestones: Vec<ChartMilestone>,
    pub events: Vec<ChartEvent>,
    pub projections: Vec<ChartProjection>,
    pub x_range: (f64, f64),
    pub y_max: f64,
}

fn colour(kind: SeriesKind) -> RGBColor {
    match kind {
        SeriesKind::Vanguards => palette::NHS_PINK,
        SeriesKind::Ics => palette::NHS_GREEN,
        SeriesKind::Combined => palette::NHS_DARK_BLUE,
    }
}

/// The definitions drawn as lines, from the user's definition: its vanguard types, its ACS/ICS,
/// and both together. The last is the headline figure's definition.
pub fn line_definitions(def: &Definition) -> Vec<(SeriesKind, String, Definition)> {
    let vanguards: Vec<ModelType> = def
        .models
        .iter()
        .copied()
        .filter(|m| m.is_vanguard() && *m != ModelType::Acc)
        .collect();
    let ics = def.models.contains(&ModelType::Ics);
    let mut out = Vec::new();
    if !vanguards.is_empty() {
        let codes: Vec<&str> = vanguards.iter().map(|m| m.code()).collect();
        out.push((
            SeriesKind::Vanguards,
            format!("Vanguards ({})", codes.join(", ")),
            Definition {
                models: vanguards.clone(),
                ..def.clone()
            },
        ));
    }
    if ics {
        out.push((
            SeriesKind::Ics,
            "ACS/ICS".into(),
            Definition {
                models: vec![ModelType::Ics],
                ..def.clone()
            },
        ));
    }
    if !vanguards.is_empty() && ics {
        out.push((
            SeriesKind::Combined,
            "Either (each person once)".into(),
            def.clone(),
        ));
    }
    out
}

/// Builds the main chart for `scope` under `def`, over `dates` (month ends), at `as_at`.
pub fn main_chart(
    data: &DataSet,
    def: &Definition,
    scope: &Scope,
    dates: &[Date],
    as_at: Date,
    outlook: Option<&Outlook>,
    options: ChartOptions,
) -> CoverageChart {
    let series_list = chart_series(data, def, scope, dates);
    main_chart_from(data, series_list, scope, dates, as_at, outlook, options)
}

/// The lines of the main chart (one per definition drawn), which depend on the definition, the
/// area and the dates but not on the as-at date: the app keeps them while the date moves.
pub fn chart_series(
    data: &DataSet,
    def: &Definition,
    scope: &Scope,
    dates: &[Date],
) -> Vec<ChartSeries> {
    let lines = line_definitions(def);
    let last = lines.len().saturating_sub(1);
    lines
        .into_iter()
        .enumerate()
        .map(|(i, (kind, label, line_def))| {
            let pts = series(data, &line_def, scope, dates);
            let points: Vec<(f64, f64)> = pts
                .iter()
                .map(|p| (p.coverage.date.as_year_fraction(), p.coverage.share))
                .collect();
            let coverages: Vec<Coverage> = pts.iter().map(|p| p.coverage.clone()).collect();
            let band: Vec<(f64, f64, f64)> = pts
                .iter()
                .map(|p| (p.coverage.date.as_year_fraction(), p.low, p.high))
                .collect();
            let has_band = band.iter().any(|(_, l, h)| (h - l).abs() > 1e-9);
            ChartSeries {
                kind,
                label,
                points,
                coverages,
                band: if has_band { band } else { Vec::new() },
                emphasised: i == last,
            }
        })
        .collect()
}

/// The main chart from lines made by `chart_series` (for the same `scope` and `dates`).
pub fn main_chart_from(
    data: &DataSet,
    series_list: Vec<ChartSeries>,
    scope: &Scope,
    dates: &[Date],
    as_at: Date,
    outlook: Option<&Outlook>,
    options: ChartOptions,
) -> CoverageChart {
    let mut y_max: f64 = 1.0;
    for s in &series_list {
        for (_, share) in &s.points {
            y_max = y_max.max(*share);
        }
        for (_, _, high) in &s.band {
            y_max = y_max.max(*high);
        }
    }
    let england_pop = |year: i32| {
        let yi = data.areas.year_index(year)?;
        let (p, _) = data.areas.population(&data.areas.all(), yi);
        (p > 0).then_some(p as f64)
    };
    let milestones = if scope.is_england() {
        data.milestones
            .iter()
            .filter(|m| m.kind == MilestoneKind::Milestone)
            .filter_map(|m| {
                let share_derived = m.share.is_none();
                let share = m
                    .share
                    .or_else(|| Some(m.population? as f64 / england_pop(m.date.start.year())?))?;
                let figure = match m.population {
                    Some(p) => people(p),
                    None => pct(share),
                };
                let kind = if m.models.iter().all(|t| *t == ModelType::Ics) {
                    SeriesKind::Ics
                } else {
                    SeriesKind::Vanguards
                };
                let symbol = match m.comparator {
                    Comparator::Exactly => String::new(),
                    c => format!("{} ", c.symbol()),
                };
                Some(ChartMilestone {
                    x: m.date.start.as_year_fraction(),
                    x_end: m.date.end.as_year_fraction(),
                    share,
                    label: format!("{symbol}{figure}"),
                    kind,
                    title: m.label.clone(),
                    date_text: m.date.describe(),
                    status: m.status,
                    source: source_text(&m.publisher, &m.source_title),
                    url: m.url.clone(),
                    share_derived,
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    let x_range = match (dates.first(), dates.last()) {
        (Some(a), Some(b)) => (f64::from(a.year()), b.as_year_fraction()),
        _ => (2015.0, 2022.25),
    };
    let events = if options.show_events {
        data.milestones
            .iter()
            .filter(|m| m.kind == MilestoneKind::Event)
            .enumerate()
            .map(|(i, m)| ChartEvent {
                number: i + 1,
                x: m.date.start.as_year_fraction().max(x_range.0),
                label: m.label.clone(),
                date_text: m.date.describe(),
                source: source_text(&m.publisher, &m.source_title),
                url: m.url.clone(),
            })
            .collect()
    } else {
        Vec::new()
    };
    let projections = match outlook {
        Some(o) if options.show_projection && as_at < o.deadline => {
            let from = (as_at.as_year_fraction(), o.current.share);
            let to_x = o.deadline.as_year_fraction();
            o.fan
                .iter()
                .map(|p| ChartProjection {
                    window_months: p.window_months,
                    from,
                    to: (to_x, p.at_deadline),
                    central: p.window_months == o.central.window_months,
                })
                .collect()
        }
        _ => Vec::new(),
    };
    CoverageChart {
        title: format!("Population covered by new care models: {}", scope.name),
        series: series_list,
        target_share: data.manifest.target.share,
        target_label: format!("Target {}", pct(data.manifest.target.share)),
        deadline: data.target_date.as_year_fraction(),
        deadline_label: format!("Deadline {}", data.target_date.long()),
        as_at: as_at.as_year_fraction(),
        as_at_label: format!("As at {}", as_at.long()),
        milestones,
        events,
        projections,
        x_range,
        y_max: y_max.min(10.0),
    }
}

fn source_text(publisher: &str, title: &str) -> String {
    match (publisher.is_empty(), title.is_empty()) {
        (false, false) => format!("{publisher}: {title}"),
        (false, true) => publisher.to_string(),
        _ => title.to_string(),
    }
}

/// Draws `chart` on `root`. `scale` multiplies every size (the screen's device pixel ratio, or 2
/// for a high-resolution export). Returns where the plot landed; errors are the backend's, as text.
pub fn draw_coverage_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &CoverageChart,
    scale: f64,
) -> Result<PlotArea, String> {
    let px = |v: f64| (v * scale).round().max(1.0) as u32;
    let font = |size: f64| ("sans-serif", size * scale);
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    let (x0, x1) = chart.x_range;
    let y_top = if chart.y_max > 1.0 {
        chart.y_max * 1.05
    } else {
        1.0
    };
    let mut ctx = ChartBuilder::on(root)
        .caption(
            &chart.title,
            font(18.0).into_font().color(&palette::NHS_BLACK),
        )
        .margin(px(12.0))
        .x_label_area_size(px(32.0))
        .y_label_area_size(px(52.0))
        .build_cartesian_2d(Axis::new(x0..x1), Axis::new(0f64..y_top))
        .map_err(|e| e.to_string())?;
    let years = (x1.floor() - x0.ceil()) as usize + 1;
    ctx.configure_mesh()
        .x_labels(years.max(2))
        .y_labels(if y_top > 1.0 { 8 } else { 11 })
        .x_label_formatter(&|x| {
            if (x - x.round()).abs() < 1e-6 {
                crate::summary::fixed(*x, 0, false)
            } else {
                String::new()
            }
        })
        .y_label_formatter(&|y| format!("{}%", crate::summary::fixed(*y * 100.0, 0, false)))
        .label_style(font(13.0).into_font().color(&palette::NHS_DARK_GREY))
        .light_line_style(TRANSPARENT)
        .bold_line_style(palette::GRID)
        .axis_style(palette::NHS_MID_GREY)
        .y_desc("Share of population covered")
        .axis_desc_style(font(13.0).into_font().color(&palette::NHS_DARK_GREY))
        .draw()
        .map_err(|e| e.to_string())?;

    // Uncertainty bands first, under the lines.
    for s in chart.series.iter().filter(|s| !s.band.is_empty()) {
        let mut poly: Vec<(f64, f64)> = s.band.iter().map(|(x, _, h)| (*x, *h)).collect();
        poly.extend(s.band.iter().rev().map(|(x, l, _)| (*x, *l)));
        ctx.draw_series(std::iter::once(Polygon::new(
            poly,
            colour(s.kind).mix(0.18),
        )))
        .map_err(|e| e.to_string())?;
    }

    // Target line and deadline marker.
    let target_style = palette::NHS_RED.stroke_width(px(2.0));
    ctx.draw_series(DashedLineSeries::new(
        vec![(x0, chart.target_share), (x1, chart.target_share)],
        px(10.0),
        px(6.0),
        target_style,
    ))
    .map_err(|e| e.to_string())?;
    let mut legend = vec![LegendEntry::line(chart.target_label.clone(), target_style)];
    let deadline_style = palette::NHS_DARK_GREY.stroke_width(px(2.0));
    ctx.draw_series(DashedLineSeries::new(
        vec![(chart.deadline, 0.0), (chart.deadline, y_top)],
        px(4.0),
        px(4.0),
        deadline_style,
    ))
    .map_err(|e| e.to_string())?;
    legend.push(LegendEntry::line(
        chart.deadline_label.clone(),
        deadline_style,
    ));
    let small = font(12.0).into_font().color(&palette::NHS_DARK_GREY);
    ctx.draw_series(std::iter::once(Text::new(
        chart.target_label.clone(),
        (x0 + 0.05, chart.target_share + 0.015 * y_top),
        font(12.0).into_font().color(&palette::NHS_RED),
    )))
    .map_err(|e| e.to_string())?;

    // As-at marker.
    ctx.draw_series(std::iter::once(PathElement::new(
        vec![(chart.as_at, 0.0), (chart.as_at, y_top)],
        palette::NHS_BLUE.stroke_width(px(1.0)),
    )))
    .map_err(|e| e.to_string())?;
    ctx.draw_series(std::iter::once(Text::new(
        chart.as_at_label.clone(),
        (chart.as_at, y_top * 0.97),
        small.clone(),
    )))
    .map_err(|e| e.to_string())?;

    // Policy events: a thin line and a number at the top (the list under the chart cites them).
    for e in &chart.events {
        ctx.draw_series(std::iter::once(PathElement::new(
            vec![(e.x, 0.0), (e.x, y_top * 0.9)],
            palette::NHS_MID_GREY.stroke_width(px(1.0)),
        )))
        .map_err(|er| er.to_string())?;
        let marker = EmptyElement::at((e.x, y_top * 0.9))
            + Circle::new((0, 0), px(8.0), palette::NHS_DARK_GREY.filled())
            + Text::new(
                e.number.to_string(),
                (-(px(3.5) as i32), -(px(6.0) as i32)),
                font(11.0).into_font().color(&WHITE),
            );
        ctx.draw_series(std::iter::once(marker))
            .map_err(|er| er.to_string())?;
    }

    // Projection fan from the as-at date to the deadline: the central window thicker.
    let mut fan_labelled = false;
    for p in &chart.projections {
        let style = palette::NHS_BLUE.stroke_width(px(if p.central { 2.5 } else { 1.0 }));
        ctx.draw_series(DashedLineSeries::new(
            vec![p.from, p.to],
            px(3.0),
            px(3.0),
            style,
        ))
        .map_err(|e| e.to_string())?;
        if p.central && !fan_labelled {
            fan_labelled = true;
            legend.push(LegendEntry::line(
                "Projection (trailing 3-24 months)",
                palette::NHS_BLUE.stroke_width(px(2.5)),
            ));
        }
    }

    // The series: the headline definition thickest.
    for s in &chart.series {
        let width = if s.emphasised { 4.0 } else { 2.5 };
        let style = colour(s.kind).stroke_width(px(width));
        let drawn = if s.kind == SeriesKind::Vanguards && !s.emphasised {
            ctx.draw_series(DashedLineSeries::new(
                s.points.clone(),
                px(8.0),
                px(4.0),
                style,
            ))
        } else {
            ctx.draw_series(LineSeries::new(s.points.clone(), style))
        };
        drawn.map_err(|e| e.to_string())?;
        legend.push(LegendEntry::line(s.label.clone(), style));
    }

    // Published milestones: a marker (with a bar across an imprecise date) and its figure.
    for m in &chart.milestones {
        let c = colour(m.kind);
        if m.x_end - m.x > 1e-6 {
            ctx.draw_series(std::iter::once(PathElement::new(
                vec![(m.x, m.share), (m.x_end, m.share)],
                c.stroke_width(px(3.0)),
            )))
            .map_err(|e| e.to_string())?;
        }
        let marker = EmptyElement::at((m.x, m.share))
            + Circle::new((0, 0), px(5.0), WHITE.filled())
            + Circle::new((0, 0), px(5.0), c.stroke_width(px(2.5)))
            + Text::new(
                m.label.clone(),
                (px(7.0) as i32, -(px(16.0) as i32)),
                font(12.0).into_font().color(&palette::NHS_BLACK),
            );
        ctx.draw_series(std::iter::once(marker))
            .map_err(|e| e.to_string())?;
    }
    if !chart.milestones.is_empty() {
        legend.push(LegendEntry::dot(
            "Published figure (source)",
            palette::NHS_BLACK.stroke_width(px(2.0)),
        ));
    }

    draw_legend(
        &ctx.plotting_area().strip_coord_spec(),
        &legend,
        Corner::UpperLeft,
        13.0 * scale,
        scale,
    )?;
    let pixels = ctx.plotting_area().get_pixel_range();
    root.present().map_err(|e| e.to_string())?;
    Ok(PlotArea::new(pixels, (x0, x1), (0.0, y_top)))
}

/// What a pointer or keyboard focus points at on the main chart, in words.
#[derive(Clone, Debug, PartialEq)]
pub struct PointInfo {
    pub title: String,
    pub value: String,
    pub status: Status,
    pub source: String,
    pub url: String,
    /// Pixel position of the point on the backend.
    pub at: (f64, f64),
}

impl PointInfo {
    /// What a screen reader hears for the point: title, value, status and source.
    pub fn announcement(&self) -> String {
        format!(
            "{}. {}. Status {}. Source: {}.",
            self.title, self.value, self.status, self.source
        )
    }
}

/// The point of `chart` nearest to pixel (`px`, `py`) within `radius` pixels, if any.
pub fn point_at(
    chart: &CoverageChart,
    area: &PlotArea,
    px: f64,
    py: f64,
    radius: f64,
) -> Option<PointInfo> {
    let mut best: Option<(f64, PointInfo)> = None;
    let mut consider = |d: f64, info: PointInfo| {
        if d <= radius * radius && best.as_ref().is_none_or(|(bd, _)| d < *bd) {
            best = Some((d, info));
        }
    };
    for m in &chart.milestones {
        let at = area.to_px(m.x, m.share);
        let d = (at.0 - px).powi(2) + (at.1 - py).powi(2);
        // Milestones win over a series point at the same place: bias them closer.
        consider(d * 0.5, milestone_info(m, at));
    }
    for s in &chart.series {
        for c in &s.coverages {
            let at = area.to_px(c.date.as_year_fraction(), c.share);
            let d = (at.0 - px).powi(2) + (at.1 - py).powi(2);
            consider(d, series_point_info(&s.label, c, at));
        }
    }
    best.map(|(_, info)| info)
}

pub fn milestone_info(m: &ChartMilestone, at: (f64, f64)) -> PointInfo {
    let share = if m.share_derived {
        format!(
            "{} of England (derived from the published population)",
            pct(m.share)
        )
    } else {
        format!("{} of England", pct(m.share))
    };
    PointInfo {
        title: format!("Published, {}: {}", m.date_text, m.title),
        value: share,
        status: m.status,
        source: m.source.clone(),
        url: m.url.clone(),
        at,
    }
}

pub fn series_point_info(label: &str, c: &Coverage, at: (f64, f64)) -> PointInfo {
    PointInfo {
        title: format!("{label}, {}", c.date.long()),
        value: format!(
            "{}: {} of {} people, {} sites{}",
            pct(c.share),
            people(c.covered),
            people(c.base),
            c.live_sites,
            if c.incomplete {
                " (some populations missing: a floor)"
            } else {
                ""
            }
        ),
        status: Status::Derived,
        source: format!(
            "union of site footprints over ONS mid-{} populations",
            c.population_year
        ),
        url: String::new(),
        at,
    }
}
