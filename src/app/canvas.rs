//! Canvas plumbing shared by the chart views: sizes the backing store for the device pixel ratio,
//! hands plotters a canvas backend, and maps pointer events to canvas pixels.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

/// The screen's device pixel ratio (1 to 4).
pub fn device_pixel_ratio() -> f64 {
    web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .unwrap_or(1.0)
        .clamp(1.0, 4.0)
}

/// Sizes `canvas` to its CSS width × `aspect` (height/width, clamped to `min_h..max_h` CSS px)
/// times the pixel ratio, then runs `draw` on it with that ratio as the scale.
pub fn draw_on<T>(
    canvas: &HtmlCanvasElement,
    aspect: f64,
    min_h: f64,
    max_h: f64,
    draw: impl FnOnce(&DrawingArea<CanvasBackend, Shift>, f64) -> Result<T, String>,
) -> Result<T, String> {
    let dpr = device_pixel_ratio();
    let css_width = f64::from(canvas.client_width().max(280));
    let css_height = (css_width * aspect).clamp(min_h, max_h);
    canvas.set_width((css_width * dpr).round() as u32);
    canvas.set_height((css_height * dpr).round() as u32);
    let _ = canvas
        .style()
        .set_property("height", &format!("{css_height}px"));
    let backend =
        CanvasBackend::with_canvas_object(canvas.clone()).ok_or("the browser gave no 2D canvas")?;
    let root = backend.into_drawing_area();
    let out = draw(&root, dpr);
    // Tests wait for this attribute: how many times the canvas has been drawn.
    let n = canvas
        .get_attribute("data-drawn")
        .and_then(|v| v.parse::<u32>().ok())
        .unwrap_or(0)
        + 1;
    let _ = canvas.set_attribute("data-drawn", &n.to_string());
    out
}

/// A mouse event's position in canvas backing-store pixels.
pub fn event_px(canvas: &HtmlCanvasElement, ev: &web_sys::MouseEvent) -> (f64, f64) {
    let rect = canvas.get_bounding_client_rect();
    let sx = f64::from(canvas.width()) / rect.width().max(1.0);
    let sy = f64::from(canvas.height()) / rect.height().max(1.0);
    (
        (f64::from(ev.client_x()) - rect.left()) * sx,
        (f64::from(ev.client_y()) - rect.top()) * sy,
    )
}

/// Canvas pixels back to CSS pixels relative to the canvas (for placing a tooltip).
pub fn px_to_css(canvas: &HtmlCanvasElement, at: (f64, f64)) -> (f64, f64) {
    let rect = canvas.get_bounding_client_rect();
    let sx = rect.width().max(1.0) / f64::from(canvas.width().max(1));
    let sy = rect.height().max(1.0) / f64::from(canvas.height().max(1));
    (at.0 * sx, at.1 * sy)
}
