//! Drawing the main chart on a canvas, sized for the screen's device pixel ratio.

use coverboard::chart::{draw_coverage_chart, CoverageChart};
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

/// Sizes the canvas backing store to its CSS box × device pixel ratio and draws `chart` on it.
/// Returns the error text when drawing failed.
pub fn draw(canvas: &HtmlCanvasElement, chart: &CoverageChart) -> Result<(), String> {
    let dpr = web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .unwrap_or(1.0)
        .clamp(1.0, 4.0);
    let css_width = f64::from(canvas.client_width().max(320));
    let css_height = (css_width * 0.52).clamp(300.0, 620.0);
    canvas.set_width((css_width * dpr).round() as u32);
    canvas.set_height((css_height * dpr).round() as u32);
    let _ = canvas
        .style()
        .set_property("height", &format!("{css_height}px"));
    let backend =
        CanvasBackend::with_canvas_object(canvas.clone()).ok_or("the browser gave no 2D canvas")?;
    let root = backend.into_drawing_area();
    draw_coverage_chart(&root, chart, dpr)
}
