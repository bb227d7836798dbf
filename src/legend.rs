//! Chart legends drawn with the backend's own text measure. plotters' series labels measure text
//! through its font layer, which in a browser adds a `<span>` to the page and reads its size (a
//! forced layout of the whole page per label); this legend asks the backend instead
//! (`DrawingArea::estimate_text_size`), so a canvas backend can measure with `measureText`.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::chart::palette;

/// What stands beside a label: a short line or a dot.
#[derive(Clone, Debug)]
pub enum Swatch {
    Line(ShapeStyle),
    Dot(ShapeStyle),
}

/// One row of a legend.
#[derive(Clone, Debug)]
pub struct LegendEntry {
    pub label: String,
    pub swatch: Swatch,
}

impl LegendEntry {
    pub fn line(label: impl Into<String>, style: ShapeStyle) -> LegendEntry {
        LegendEntry {
            label: label.into(),
            swatch: Swatch::Line(style),
        }
    }
    pub fn dot(label: impl Into<String>, style: ShapeStyle) -> LegendEntry {
        LegendEntry {
            label: label.into(),
            swatch: Swatch::Dot(style),
        }
    }
}

/// A box in pixels: (left, top), (right, bottom).
pub type PixelBox = ((i32, i32), (i32, i32));

/// Which corner of the plotting area the legend sits in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Corner {
    UpperLeft,
    LowerRight,
}

/// Draws `entries` in a boxed legend in `corner` of `area` (a plotting area in pixels, e.g.
/// `ctx.plotting_area().strip_coord_spec()`). `font_size` is in pixels already scaled; `scale` is
/// the device pixel ratio (or the export scale). Returns the legend's box in `area`'s pixels.
pub fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[LegendEntry],
    corner: Corner,
    font_size: f64,
    scale: f64,
) -> Result<PixelBox, String> {
    if entries.is_empty() {
        return Ok(((0, 0), (0, 0)));
    }
    let px = |v: f64| (v * scale).round().max(1.0) as i32;
    let font = ("sans-serif", font_size)
        .into_font()
        .color(&palette::NHS_BLACK);
    let mut sizes = Vec::with_capacity(entries.len());
    for e in entries {
        let (w, h) = area
            .estimate_text_size(&e.label, &font)
            .map_err(|err| err.to_string())?;
        sizes.push((w as i32, h as i32));
    }
    let text_w = sizes.iter().map(|s| s.0).max().unwrap_or(0);
    let text_h = sizes.iter().map(|s| s.1).max().unwrap_or(0);
    let (pad, swatch_w, gap, margin) = (px(6.0), px(22.0), px(6.0), px(8.0));
    let row_h = text_h.max(px(12.0)) + px(4.0);
    let width = pad + swatch_w + gap + text_w + pad;
    let height = pad * 2 + row_h * entries.len() as i32;
    let (aw, ah) = area.dim_in_pixel();
    let (aw, ah) = (aw as i32, ah as i32);
    let (x, y) = match corner {
        Corner::UpperLeft => (margin, margin),
        Corner::LowerRight => ((aw - margin - width).max(0), (ah - margin - height).max(0)),
    };
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    area.draw(&Rectangle::new(
        [(x, y), (x + width, y + height)],
        WHITE.mix(0.92).filled(),
    ))
    .map_err(err)?;
    area.draw(&Rectangle::new(
        [(x, y), (x + width, y + height)],
        palette::NHS_MID_GREY.stroke_width(px(1.0) as u32),
    ))
    .map_err(err)?;
    let text_style = font.pos(Pos::new(HPos::Left, VPos::Center));
    for (i, e) in entries.iter().enumerate() {
        let mid = y + pad + row_h * i as i32 + row_h / 2;
        let sx = x + pad;
        match &e.swatch {
            Swatch::Line(style) => area
                .draw(&PathElement::new(
                    vec![(sx, mid), (sx + swatch_w, mid)],
                    *style,
                ))
                .map_err(err)?,
            Swatch::Dot(style) => area
                .draw(&Circle::new((sx + swatch_w / 2, mid), px(5.0), *style))
                .map_err(err)?,
        }
        area.draw(&Text::new(
            e.label.clone(),
            (sx + swatch_w + gap, mid),
            text_style.clone(),
        ))
        .map_err(err)?;
    }
    Ok(((x, y), (x + width, y + height)))
}
