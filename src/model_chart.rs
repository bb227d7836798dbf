//! The model-types view: over time, the population covered by each model type (each person once
//! within a type), by any counted type, and by more than one type (the overlap the union removes).

use crate::chart::palette;
use crate::coverage::{by_model, Definition, ModelBreakdown, Scope};
use crate::date::Date;
use crate::legend::{draw_legend, Corner, LegendEntry};
use crate::model::{DataSet, ModelType};
use plotters::coord::Shift;
use plotters::prelude::*;

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
}

pub const ANY_TYPE: &str = "Any counted type (each person once)";
pub const SEVERAL_TYPES: &str = "Covered by more than one type";

pub fn model_chart(
    data: &DataSet,
    def: &Definition,
    scope: &Scope,
    dates: &[Date],
    as_at: Date,
) -> ModelChart {
    let breakdowns: Vec<(f64, ModelBreakdown)> = dates
        .iter()
        .map(|d| (d.as_year_fraction(), by_model(data, def, scope, *d)))
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

/// Draws the lines (millions of people on the y axis), the overlap dashed.
pub fn draw_model_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &ModelChart,
    scale: f64,
) -> Result<(), String> {
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
    }
    draw_legend(
        &ctx.plotting_area().strip_coord_spec(),
        &legend,
        Corner::UpperLeft,
        12.0 * scale,
        scale,
    )?;
    root.present().map_err(|e| e.to_string())?;
    Ok(())
}
