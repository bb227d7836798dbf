//! The model-types view: over time, the population covered by each model type (each person once
//! within a type), by any counted type, and by more than one type (the overlap the union removes).

use crate::chart::{palette, PlotArea, PointInfo};
use crate::coverage::{by_model, model_series, Definition, ModelBreakdown, Scope};
use crate::date::Date;
use crate::legend::{draw_legend, Corner, LegendEntry};
use crate::model::{DataSet, ModelType, Status};
use crate::summary::{pct, people};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

#[derive(Clone, Debug, PartialEq)]
pub struct ModelLine {
    /// `None` for the "any type" and "more than one type" lines.
    pub model: Option<ModelType>,
    pub label: String,
    /// (x as a fractional year, people)
    pub points: Vec<(f64, u64)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ModelChart {
    pub title: String,
    pub lines: Vec<ModelLine>,
    /// The breakdown at the as-at date, for the table.
    pub at_as_at: ModelBreakdown,
    pub as_at: f64,
    pub x_range: (f64, f64),
    /// The month ends of the lines' points, in order.
    pub dates: Vec<Date>,
}

pub const ANY_TYPE: &str = "Any counted type (each person once)";
pub const SEVERAL_TYPES: &str = "Covered by more than one type";

/// Room (px at scale 1) to the right of the plot for the lines' names.
const DIRECT_LABEL_ROOM: f64 = 84.0;

/// A line's short name, written at its end.
fn direct_label(line: &ModelLine) -> String {
    match line.model {
        Some(ModelType::Ics) => "ACS/ICS".into(),
        Some(m) => m.code().into(),
        None if line.label == SEVERAL_TYPES => "2+ types".into(),
        None => "Any type".into(),
    }
}

pub fn model_chart(
    data: &DataSet,
    def: &Definition,
    scope: &Scope,
    dates: &[Date],
    as_at: Date,
) -> ModelChart {
    // Every date in one sweep (`coverage::model_series`), not one breakdown each.
    let breakdowns: Vec<(f64, ModelBreakdown)> = dates
        .iter()
        .map(|d| d.as_year_fraction())
        .zip(model_series(data, def, scope, dates))
        .collect();
    let models: Vec<ModelType> = ModelType::ALL
        .into_iter()
        .filter(|m| def.counts_model(*m))
        .collect();
    let mut lines: Vec<ModelLine> = models
        .iter()
        .map(|m| ModelLine {
            model: Some(*m),
            label: m.code().replace("ICS", "ACS/ICS"),
            points: breakdowns
                .iter()
                .map(|(x, b)| {
                    (
                        *x,
                        b.per_model
                            .iter()
                            .find(|(t, _)| t == m)
                            .map(|(_, p)| *p)
                            .unwrap_or(0),
                    )
                })
                .collect(),
        })
        .collect();
    lines.push(ModelLine {
        model: None,
        label: ANY_TYPE.into(),
        points: breakdowns.iter().map(|(x, b)| (*x, b.union)).collect(),
    });
    lines.push(ModelLine {
        model: None,
        label: SEVERAL_TYPES.into(),
        points: breakdowns
            .iter()
            .map(|(x, b)| (*x, b.covered_by_several))
            .collect(),
    });
    let x_range = match (dates.first(), dates.last()) {
        (Some(a), Some(b)) => (f64::from(a.year()), b.as_year_fraction()),
        _ => (2015.0, 2022.25),
    };
    ModelChart {
        title: format!("People covered by model type: {}", scope.name),
        lines,
        at_as_at: by_model(data, def, scope, as_at),
        as_at: as_at.as_year_fraction(),
        x_range,
        dates: dates.to_vec(),
    }
}

fn line_colour(model: Option<ModelType>, label: &str) -> RGBColor {
    match model {
        Some(ModelType::Pacs) => RGBColor(0x00, 0x5E, 0xB8),
        Some(ModelType::Mcp) => RGBColor(0x33, 0x00, 0x72),
        Some(ModelType::Ehch) => RGBColor(0x8A, 0x15, 0x38),
        Some(ModelType::Uec) => RGBColor(0x7C, 0x28, 0x55),
        Some(ModelType::Acc) => palette::NHS_MID_GREY,
        Some(ModelType::Ics) => palette::NHS_GREEN,
        None if label == SEVERAL_TYPES => palette::NHS_RED,
        None => palette::NHS_BLACK,
    }
}

/// The pixel position of point `k` of line `j` on the plot `area` where `chart` was drawn.
pub fn model_point(
    chart: &ModelChart,
    area: &PlotArea,
    line: usize,
    k: usize,
) -> Option<(f64, f64)> {
    let (x, p) = *chart.lines.get(line)?.points.get(k)?;
    Some(area.to_px(x, p as f64 / 1e6))
}

/// Point `k` of line `j` in words (date, value, status, source), for the tooltip and live region.
pub fn model_point_info(
    chart: &ModelChart,
    line: usize,
    k: usize,
    at: (f64, f64),
) -> Option<PointInfo> {
    let l = chart.lines.get(line)?;
    let (_, p) = *l.points.get(k)?;
    let date = chart.dates.get(k)?;
    let total = chart.lines.iter().find(|l| l.label == ANY_TYPE);
    let any = total.and_then(|t| t.points.get(k)).map(|x| x.1);
    let share = match any {
        Some(a) if a > 0 && l.label != ANY_TYPE => format!(
            " ({} of those covered by any type)",
            pct(p as f64 / a as f64)
        ),
        _ => String::new(),
    };
    Some(PointInfo {
        title: format!("{}, {}", l.label, date.long()),
        value: format!("{} people{}", people(p), share),
        status: Status::Derived,
        source: if l.model.is_some() {
            "the type's union of site footprints (each person once within the type) over ONS mid-year populations".to_string()
        } else {
            "union of site footprints over ONS mid-year populations".to_string()
        },
        url: String::new(),
        at,
    })
}

/// Draws the lines (millions of people on the y axis), the overlap dashed.
pub fn draw_model_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &ModelChart,
    scale: f64,
) -> Result<(), String> {
    draw_model_chart_area(root, chart, scale).map(|_| ())
}

/// As `draw_model_chart`, returning where the plot landed (for a keyboard tooltip).
pub fn draw_model_chart_area<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &ModelChart,
    scale: f64,
) -> Result<PlotArea, String> {
    let px = |v: f64| (v * scale).round().max(1.0) as u32;
    let font = |size: f64| ("sans-serif", size * scale);
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    let y_max = chart
        .lines
        .iter()
        .flat_map(|l| l.points.iter().map(|p| p.1))
        .max()
        .unwrap_or(0)
        .max(1) as f64
        / 1e6
        * 1.08;
    let (x0, x1) = chart.x_range;
    let mut ctx = ChartBuilder::on(root)
        .caption(
            &chart.title,
            font(16.0).into_font().color(&palette::NHS_BLACK),
        )
        .margin(px(10.0))
        .margin_right(px(DIRECT_LABEL_ROOM))
        .x_label_area_size(px(28.0))
        .y_label_area_size(px(52.0))
        .build_cartesian_2d(x0..x1, 0f64..y_max)
        .map_err(|e| e.to_string())?;
    let years = (x1.floor() - x0.ceil()) as usize + 1;
    ctx.configure_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(palette::GRID)
        .x_labels(years.max(2))
        .x_label_formatter(&|x| {
            if (x - x.round()).abs() < 1e-6 {
                format!("{:.0}", x)
            } else {
                String::new()
            }
        })
        .y_label_formatter(&|y| format!("{y:.0}m"))
        .y_desc("People (millions)")
        .label_style(font(13.0).into_font().color(&palette::NHS_DARK_GREY))
        .axis_desc_style(font(13.0).into_font().color(&palette::NHS_DARK_GREY))
        .axis_style(palette::NHS_MID_GREY)
        .draw()
        .map_err(|e| e.to_string())?;
    ctx.draw_series(std::iter::once(PathElement::new(
        vec![(chart.as_at, 0.0), (chart.as_at, y_max)],
        palette::NHS_BLUE.stroke_width(px(1.0)),
    )))
    .map_err(|e| e.to_string())?;
    let mut legend = Vec::with_capacity(chart.lines.len());
    // Each line's name at its right-hand end, so no line is told apart by its colour alone
    // (WCAG 1.4.1): (backend y of the last point, text, colour).
    let mut ends: Vec<(i32, String, RGBColor)> = Vec::with_capacity(chart.lines.len());
    for line in &chart.lines {
        let c = line_colour(line.model, &line.label);
        let width = if line.model.is_none() && line.label == ANY_TYPE {
            3.5
        } else {
            2.0
        };
        let style = c.stroke_width(px(width));
        let pts: Vec<(f64, f64)> = line
            .points
            .iter()
            .map(|(x, p)| (*x, *p as f64 / 1e6))
            .collect();
        let drawn = if line.label == SEVERAL_TYPES {
            ctx.draw_series(DashedLineSeries::new(pts, px(6.0), px(4.0), style))
        } else {
            ctx.draw_series(LineSeries::new(pts, style))
        };
        drawn.map_err(|e| e.to_string())?;
        legend.push(LegendEntry::line(line.label.clone(), style));
        if let Some((x, p)) = line.points.last() {
            let (_, y) = ctx.backend_coord(&(*x, *p as f64 / 1e6));
            ends.push((y, direct_label(line), c));
        }
    }
    // Stack the end labels top to bottom, at least a line apart.
    ends.sort_by_key(|e| e.0);
    let gap = (13.0 * scale).round() as i32;
    let mut last_y = i32::MIN;
    let (plot_x, _) = ctx.plotting_area().get_pixel_range();
    let (base_x, base_y) = root.get_base_pixel();
    for (y, text, colour) in ends {
        let y = y.max(last_y.saturating_add(gap));
        last_y = y;
        root.draw(&Text::new(
            text,
            (plot_x.end - base_x + px(6.0) as i32, y - base_y),
            font(12.0)
                .into_font()
                .color(&colour)
                .pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(|e| e.to_string())?;
    }
    draw_legend(
        &ctx.plotting_area().strip_coord_spec(),
        &legend,
        Corner::UpperLeft,
        12.0 * scale,
        scale,
    )?;
    let pixels = ctx.plotting_area().get_pixel_range();
    root.present().map_err(|e| e.to_string())?;
    Ok(PlotArea::new(pixels, (x0, x1), (0.0, y_max)))
}
