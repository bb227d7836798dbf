//! The regions view: coverage of each NHS region at the as-at date against the target, sorted,
//! with England marked; drawn generic over plotters' backend, with the bars' boxes for clicks.

use crate::chart::{palette, PointInfo};
use crate::coverage::{by_region, coverage_at, Definition, Scope};
use crate::date::Date;
use crate::legend::{draw_legend, Corner, LegendEntry};
use crate::model::{DataSet, Status};
use crate::summary::{pct, people};
use plotters::coord::Shift;
use plotters::prelude::*;

#[derive(Clone, Debug, PartialEq)]
pub struct RegionBar {
    pub code: String,
    pub name: String,
    pub share: f64,
    pub covered: u64,
    pub base: u64,
    pub population_year: i32,
    pub live_sites: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RegionChart {
    pub title: String,
    /// Highest coverage first.
    pub bars: Vec<RegionBar>,
    pub england_share: f64,
    pub target_share: f64,
    /// The as-at date of the figures.
    pub as_at: Date,
}

impl RegionChart {
    /// The chart in words, for its accessible label: title, England, then each region's share.
    pub fn summary(&self) -> String {
        let parts: Vec<String> = self
            .bars
            .iter()
            .map(|b| format!("{} {}", b.name, pct(b.share)))
            .collect();
        format!(
            "{}. England {}. {}.",
            self.title,
            pct(self.england_share),
            parts.join("; ")
        )
    }
}

/// Each region's coverage at `as_at`, sorted from highest to lowest (ties by name).
pub fn region_chart(data: &DataSet, def: &Definition, as_at: Date) -> RegionChart {
    let mut bars: Vec<RegionBar> = by_region(data, def, as_at)
        .into_iter()
        .map(|(scope, c)| RegionBar {
            code: scope.code,
            name: scope.name,
            share: c.share,
            covered: c.covered,
            base: c.base,
            population_year: c.population_year,
            live_sites: c.live_sites,
        })
        .collect();
    bars.sort_by(|a, b| {
        b.share
            .total_cmp(&a.share)
            .then_with(|| a.name.cmp(&b.name))
    });
    let england = coverage_at(data, def, &Scope::new(&data.areas, "ENG"), as_at);
    RegionChart {
        title: format!("Coverage by NHS region at {}", as_at.long()),
        bars,
        england_share: england.share,
        target_share: data.manifest.target.share,
        as_at,
    }
}

/// A bar's pixel box, for pointer hits.
#[derive(Clone, Debug, PartialEq)]
pub struct BarBox {
    pub code: String,
    pub left: i32,
    pub top: i32,
    pub right: i32,
    pub bottom: i32,
}

impl RegionBar {
    pub fn describe(&self) -> String {
        format!(
            "{}: {} ({} of {} people, ONS mid-{}; {} sites)",
            self.name,
            pct(self.share),
            people(self.covered),
            people(self.base),
            self.population_year,
            self.live_sites
        )
    }
}

/// The right end of the x axis: room to the right of a full bar for its label.
fn x_max(chart: &RegionChart) -> f64 {
    chart.bars.iter().map(|b| b.share).fold(1.0_f64, f64::max) * 1.1
}

/// The pixel position of bar `i` as drawn (the end of the bar, half way up it), from the boxes
/// `draw_region_chart` returned for `chart`; for a keyboard tooltip.
pub fn bar_point(chart: &RegionChart, boxes: &[BarBox], i: usize) -> Option<(f64, f64)> {
    let (bar, b) = (chart.bars.get(i)?, boxes.get(i)?);
    let width = f64::from(b.right - b.left);
    let x = f64::from(b.left) + width * (bar.share / x_max(chart)).clamp(0.0, 1.0);
    Some((x, f64::from(b.top + b.bottom) / 2.0))
}

/// Bar `i` in words (date, value, status, source), as the tooltip and live region give it.
pub fn bar_info(chart: &RegionChart, i: usize, at: (f64, f64)) -> Option<PointInfo> {
    let b = chart.bars.get(i)?;
    Some(PointInfo {
        title: format!("{}, {}", b.name, chart.as_at.long()),
        value: format!(
            "{}: {} of {} people, {} sites",
            pct(b.share),
            people(b.covered),
            people(b.base),
            b.live_sites
        ),
        status: Status::Derived,
        source: format!(
            "union of site footprints over ONS mid-{} populations",
            b.population_year
        ),
        url: String::new(),
        at,
    })
}

/// Draws horizontal bars, a target line and England's figure. Returns each bar's pixel box.
pub fn draw_region_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &RegionChart,
    selected: &str,
    scale: f64,
) -> Result<Vec<BarBox>, String> {
    let px = |v: f64| (v * scale).round().max(1.0) as u32;
    let font = |size: f64| ("sans-serif", size * scale);
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    let n = chart.bars.len().max(1);
    // Room to the right of a full bar for its label.
    let x_max = x_max(chart);
    let mut ctx = ChartBuilder::on(root)
        .caption(
            &chart.title,
            font(16.0).into_font().color(&palette::NHS_BLACK),
        )
        .margin(px(10.0))
        .x_label_area_size(px(28.0))
        .y_label_area_size(px(170.0))
        .build_cartesian_2d(0f64..x_max, 0f64..n as f64)
        .map_err(|e| e.to_string())?;
    let names: Vec<String> = chart.bars.iter().map(|b| b.name.clone()).collect();
    ctx.configure_mesh()
        .disable_y_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(palette::GRID)
        .x_labels(6)
        .x_label_formatter(&|x| format!("{:.0}%", x * 100.0))
        .y_labels(n * 2 + 1)
        .y_label_formatter(&|y| {
            let i = (y - 0.5).round();
            if (y - 0.5 - i).abs() > 1e-6 || i < 0.0 {
                return String::new();
            }
            // Bars are drawn top-down: index 0 at the top.
            let idx = n as i64 - 1 - i as i64;
            usize::try_from(idx)
                .ok()
                .and_then(|k| names.get(k).cloned())
                .unwrap_or_default()
        })
        .label_style(font(13.0).into_font().color(&palette::NHS_BLACK))
        .axis_style(palette::NHS_MID_GREY)
        .draw()
        .map_err(|e| e.to_string())?;
    let mut boxes = Vec::new();
    for (k, b) in chart.bars.iter().enumerate() {
        let y0 = (n - 1 - k) as f64 + 0.18;
        let y1 = (n - 1 - k) as f64 + 0.82;
        let is_selected = b.code == selected;
        let fill = if is_selected {
            palette::NHS_DARK_BLUE
        } else {
            palette::NHS_BLUE
        };
        ctx.draw_series(std::iter::once(Rectangle::new(
            [(0.0, y0), (b.share, y1)],
            fill.filled(),
        )))
        .map_err(|e| e.to_string())?;
        if is_selected {
            ctx.draw_series(std::iter::once(Rectangle::new(
                [(0.0, y0), (b.share.max(0.002), y1)],
                palette::NHS_BLACK.stroke_width(px(3.0)),
            )))
            .map_err(|e| e.to_string())?;
        }
        ctx.draw_series(std::iter::once(Text::new(
            pct(b.share),
            (b.share + 0.01 * x_max, y0 + 0.12),
            font(13.0).into_font().color(&palette::NHS_BLACK),
        )))
        .map_err(|e| e.to_string())?;
        let (l, t) = ctx.backend_coord(&(0.0, y1));
        let (r, bt) = ctx.backend_coord(&(x_max, y0));
        boxes.push(BarBox {
            code: b.code.clone(),
            left: l,
            top: t,
            right: r,
            bottom: bt,
        });
    }
    let target = palette::NHS_RED.stroke_width(px(2.0));
    ctx.draw_series(DashedLineSeries::new(
        vec![(chart.target_share, 0.0), (chart.target_share, n as f64)],
        px(8.0),
        px(5.0),
        target,
    ))
    .map_err(|e| e.to_string())?;
    let england = palette::NHS_BLACK.stroke_width(px(2.0));
    ctx.draw_series(std::iter::once(PathElement::new(
        vec![(chart.england_share, 0.0), (chart.england_share, n as f64)],
        england,
    )))
    .map_err(|e| e.to_string())?;
    draw_legend(
        &ctx.plotting_area().strip_coord_spec(),
        &[
            LegendEntry::line(format!("Target {}", pct(chart.target_share)), target),
            LegendEntry::line(format!("England {}", pct(chart.england_share)), england),
        ],
        Corner::LowerRight,
        13.0 * scale,
        scale,
    )?;
    root.present().map_err(|e| e.to_string())?;
    Ok(boxes)
}

/// The region whose bar holds pixel (`x`, `y`).
pub fn bar_at(boxes: &[BarBox], x: f64, y: f64) -> Option<&str> {
    boxes
        .iter()
        .find(|b| {
            x >= f64::from(b.left)
                && x <= f64::from(b.right)
                && y >= f64::from(b.top)
                && y <= f64::from(b.bottom)
        })
        .map(|b| b.code.as_str())
}
