//! Canvas plumbing shared by the chart views: sizes the backing store for the device pixel ratio,
//! hands plotters a canvas backend, and maps pointer events to canvas pixels.

use super::state::status_badge;
pub use crate::measuring_canvas::MeasuringCanvas;
use coverboard::chart::PointInfo;
use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::*;
use web_sys::HtmlCanvasElement;

/// A monotonic clock in milliseconds (0 where the browser has none).
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// The screen's device pixel ratio (1 to 4).
pub fn device_pixel_ratio() -> f64 {
    web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .unwrap_or(1.0)
        .clamp(1.0, 4.0)
}

/// Sizes `canvas` to `css_width` × `aspect` (height/width, clamped to `min_h..max_h` CSS px)
/// times the pixel ratio, then runs `draw` on it with that ratio as the scale.
pub fn draw_on<T>(
    canvas: &HtmlCanvasElement,
    css_width: f64,
    aspect: f64,
    min_h: f64,
    max_h: f64,
    draw: impl FnOnce(&DrawingArea<MeasuringCanvas, Shift>, f64) -> Result<T, String>,
) -> Result<T, String> {
    draw_on_at(
        canvas,
        css_width,
        aspect,
        min_h,
        max_h,
        device_pixel_ratio(),
        draw,
    )
}

/// As `draw_on`, at pixel ratio `dpr` instead of the screen's (2 for print and exports).
pub fn draw_on_at<T>(
    canvas: &HtmlCanvasElement,
    css_width: f64,
    aspect: f64,
    min_h: f64,
    max_h: f64,
    dpr: f64,
    draw: impl FnOnce(&DrawingArea<MeasuringCanvas, Shift>, f64) -> Result<T, String>,
) -> Result<T, String> {
    let started = now_ms();
    // `css_width` is the canvas's CSS width as `keep_drawn` measured it (the stylesheet sets it;
    // the `width` attribute does not change it), so drawing forces no layout.
    let css_width = css_width.max(280.0);
    let css_height = (css_width * aspect).clamp(min_h, max_h);
    canvas.set_width((css_width * dpr).round() as u32);
    canvas.set_height((css_height * dpr).round() as u32);
    let _ = web_sys::HtmlElement::style(canvas).set_property("height", &format!("{css_height}px"));
    let backend = MeasuringCanvas::new(canvas).ok_or("the browser gave no 2D canvas")?;
    let root = backend.into_drawing_area();
    let out = draw(&root, dpr);
    // Tests wait for this attribute: how many times the canvas has been drawn.
    let n = canvas
        .get_attribute("data-drawn")
        .and_then(|v| v.parse::<u32>().ok())
        .unwrap_or(0)
        + 1;
    let _ = canvas.set_attribute("data-drawn", &n.to_string());
    // How long the last draw took (ms), read by the benchmark.
    let _ = canvas.set_attribute("data-draw-ms", &format!("{:.2}", now_ms() - started));
    out
}

/// A canvas outside the page, `width` × `height` pixels, with `draw` run on it (image exports).
pub fn draw_offscreen(
    width: u32,
    height: u32,
    draw: impl FnOnce(&DrawingArea<MeasuringCanvas, Shift>) -> Result<(), String>,
) -> Result<HtmlCanvasElement, String> {
    use wasm_bindgen::JsCast;
    let canvas: HtmlCanvasElement = document()
        .create_element("canvas")
        .ok()
        .and_then(|e| e.dyn_into().ok())
        .ok_or("the browser gave no canvas")?;
    canvas.set_width(width.max(1));
    canvas.set_height(height.max(1));
    let backend = MeasuringCanvas::new(&canvas).ok_or("the browser gave no 2D canvas")?;
    draw(&backend.into_drawing_area())?;
    Ok(canvas)
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

/// The tooltip of a chart point (title, value, status and source) at `pos` (CSS px in the
/// canvas box), while `tip` holds one.
pub fn point_tooltip(
    id: &'static str,
    tip: RwSignal<Option<PointInfo>>,
    pos: RwSignal<(f64, f64)>,
) -> impl IntoView {
    move || {
        tip.get().map(|t| {
            let (x, y) = pos.get();
            view! {
                <div class="tooltip" id=id style=format!("left:{x:.0}px;top:{y:.0}px")>
                    <strong>{t.title.clone()}</strong>
                    <br />
                    {t.value.clone()}
                    <br />
                    {status_badge(t.status)}
                    " "
                    {t.source.clone()}
                </div>
            }
        })
    }
}

/// A counter bumped on every scroll and resize: charts re-check whether they are on screen.
#[derive(Clone, Copy)]
pub struct Viewport(pub RwSignal<u32>);

/// Listens to scroll and resize once for the whole dashboard.
pub fn provide_viewport() {
    let v = RwSignal::new(0u32);
    let bump = move || v.update(|n| *n = n.wrapping_add(1));
    let scroll = window_event_listener(leptos::ev::scroll, move |_| bump());
    let resize = window_event_listener(leptos::ev::resize, move |_| bump());
    on_cleanup(move || {
        scroll.remove();
        resize.remove();
    });
    provide_context(Viewport(v));
}

/// A function that tells the charts the layout changed without a scroll or resize (a canvas was
/// just shown), so they measure again. Call this in the component; the function may run later.
pub fn use_layout_changed() -> impl Fn() + Copy + 'static {
    let viewport = use_context::<Viewport>().map(|v| v.0);
    move || {
        if let Some(v) = viewport {
            v.update(|n| *n = n.wrapping_add(1));
        }
    }
}

/// Whether `el` is within a screen's height of the viewport (reads layout: call it only after a
/// scroll or resize, as `keep_drawn` and `defer::near_screen` do).
pub fn near_viewport(el: &web_sys::Element) -> bool {
    let Some(height) = web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
    else {
        return true;
    };
    let rect = el.get_bounding_client_rect();
    rect.bottom() > -height && rect.top() < 2.0 * height
}

/// Keeps the canvas drawn with the latest `spec`: draws when the spec or the canvas's width
/// changes, but only while the canvas is on or near the screen; a chart scrolled out of view is
/// drawn when it comes back. The one `Effect` of a chart view.
pub fn keep_drawn<S>(
    canvas_ref: NodeRef<leptos::html::Canvas>,
    spec: Memo<S>,
    draw: impl Fn(&HtmlCanvasElement, &S, f64) + 'static,
) where
    S: Clone + PartialEq + Send + Sync + 'static,
{
    let viewport = use_context::<Viewport>().map(|v| v.0);
    let last = StoredValue::new(None::<(S, i32)>);
    // (viewport counter when measured, on screen, CSS width): layout is read only after a
    // scroll or resize, never after a filter change, so a change forces no synchronous layout.
    let measured = StoredValue::new(None::<(u32, bool, i32)>);
    Effect::new(move |_| {
        let tick = viewport.map(|v| v.get()).unwrap_or(0);
        let Some(el) = canvas_ref.get() else { return };
        let (visible, width) = match measured.get_value() {
            Some((t, visible, width)) if t == tick => (visible, width),
            _ => {
                let visible = near_viewport(&el);
                let width = el.client_width();
                measured.set_value(Some((tick, visible, width)));
                (visible, width)
            }
        };
        if !visible {
            return;
        }
        let s = spec.get();
        if last.with_value(|l| l.as_ref().is_some_and(|(ls, lw)| *lw == width && *ls == s)) {
            return;
        }
        draw(&el, &s, f64::from(width));
        last.set_value(Some((s, width)));
    });
}
