//! Canvas plumbing shared by the chart views: sizes the backing store for the device pixel ratio,
//! hands plotters a canvas backend, maps pointer events to canvas pixels, and tells a view where
//! it is (`Placement`: near the screen or not, and its width, from the browser's observers).

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

/// Whether `el` is within a screen's height of the viewport, read from its layout now (a forced
/// layout if the page changed since the last frame): only when an element is first watched.
fn near_viewport_now(el: &web_sys::Element) -> bool {
    let Some(height) = web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
    else {
        return true;
    };
    let rect = el.get_bounding_client_rect();
    rect.bottom() > -height && rect.top() < 2.0 * height
}

/// `Placement::width` before the element was first measured.
pub const UNMEASURED: i32 = -1;

/// Where an element is, as the browser reports it after its own layouts: whether it is within a
/// screen's height of the viewport (an `IntersectionObserver` whose root reaches one screen above
/// and below) and its CSS width (a `ResizeObserver`). Nothing is read from layout after a filter
/// change, so a change never forces a layout; the first values are read once, when the element
/// is first watched.
#[derive(Clone, Copy)]
pub struct Placement {
    pub near: RwSignal<bool>,
    pub width: RwSignal<i32>,
}

/// A view's observers and their callbacks, held until the view goes (then disconnected and
/// dropped, so nothing keeps the element alive).
struct Observers {
    io: web_sys::IntersectionObserver,
    ro: web_sys::ResizeObserver,
    _on_cross: wasm_bindgen::closure::Closure<dyn FnMut(js_sys::Array)>,
    _on_size: wasm_bindgen::closure::Closure<dyn FnMut(js_sys::Array)>,
}

impl Placement {
    /// Watches the element `node` gives while it is in the page: an `Effect` reads it once from
    /// layout and installs the observers; they are disconnected and dropped when the element
    /// changes (the effect runs again and watches the new one) or the calling component goes.
    pub fn watch(node: impl Fn() -> Option<web_sys::Element> + 'static) -> Placement {
        let placement = Placement {
            near: RwSignal::new(true),
            width: RwSignal::new(UNMEASURED),
        };
        Effect::new(move |_| {
            let Some(el) = node() else { return };
            placement.near.set(near_viewport_now(&el));
            placement.width.set(el.client_width());
            let Some(observers) = placement.observe(&el) else {
                return;
            };
            let observers = StoredValue::new_local(Some(observers));
            on_cleanup(move || {
                // Taken out and dropped here: the observers stop first, then their callbacks go.
                if let Some(Some(o)) = observers.try_update_value(|o| o.take()) {
                    o.io.disconnect();
                    o.ro.disconnect();
                }
            });
        });
        placement
    }

    /// The observers that keep `near` and `width` current for `el`.
    fn observe(self, el: &web_sys::Element) -> Option<Observers> {
        use wasm_bindgen::closure::Closure;
        use wasm_bindgen::JsCast;
        let near = self.near;
        let on_cross = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            // The last entry is the latest state when several are queued.
            let last = entries.get(entries.length().saturating_sub(1));
            if let Ok(entry) = last.dyn_into::<web_sys::IntersectionObserverEntry>() {
                let now = entry.is_intersecting();
                if near.try_get_untracked() != Some(now) {
                    near.try_set(now);
                }
            }
        });
        let options = web_sys::IntersectionObserverInit::new();
        options.set_root_margin("100% 0px 100% 0px");
        let io = web_sys::IntersectionObserver::new_with_options(
            on_cross.as_ref().unchecked_ref(),
            &options,
        )
        .ok()?;
        let width = self.width;
        let on_size = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let last = entries.get(entries.length().saturating_sub(1));
            let Ok(entry) = last.dyn_into::<web_sys::ResizeObserverEntry>() else {
                return;
            };
            // Read after the browser's layout (that is when observers run): no forced layout.
            let now = entry.target().client_width();
            if width.try_get_untracked() == Some(now) {
                return;
            }
            // Redrawn at the next frame, not in this callback: a redraw sets the canvas's
            // height, which inside the callback would be a resize loop the browser reports.
            request_animation_frame(move || {
                width.try_set(now);
            });
        });
        let ro = web_sys::ResizeObserver::new(on_size.as_ref().unchecked_ref()).ok()?;
        io.observe(el);
        ro.observe(el);
        Some(Observers {
            io,
            ro,
            _on_cross: on_cross,
            _on_size: on_size,
        })
    }
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
    let placement =
        Placement::watch(move || canvas_ref.get().map(wasm_bindgen::JsCast::unchecked_into));
    let last = StoredValue::new(None::<(S, i32)>);
    Effect::new(move |_| {
        let visible = placement.near.get();
        let width = placement.width.get();
        let Some(el) = canvas_ref.get() else { return };
        if !visible || width == UNMEASURED {
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
