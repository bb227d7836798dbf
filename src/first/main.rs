//! The first view: a small WebAssembly module (the core and plotters, no leptos) that fetches the
//! data set, shows the headline figures, the summary and the main chart for the link's filters,
//! then loads the full app, which takes over the page (docs/benchmarks.md, "first dashboard").
//!
//! It never shows an error: if anything fails it steps aside at once and the full app, which
//! owns retries, messages and the offline copy, does the work. The files it fetched are handed
//! to the full app (`window.__coverboardFirst`) so nothing is downloaded twice.

#[path = "../web/measuring_canvas.rs"]
mod measuring_canvas;

use coverboard::chart::{draw_coverage_chart, CoverageChart};
use coverboard::first_page::{prerender_key, ChartMarkup, FirstView};
use coverboard::model::{Manifest, ManifestFiles, Target};
use coverboard::parse::{load, Texts};
use measuring_canvas::MeasuringCanvas;
use plotters::prelude::*;
use std::cell::Cell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The full app's files, as Trunk writes them for `data-type="worker"` (index.html).
const APP_SCRIPT: &str = "coverboard.js";
/// Calls the full app's `wasm_bindgen` with coverboard_bg.wasm (public/start-app.js).
const START_SCRIPT: &str = "start-app.js";
/// The full app is loaded after this long even if the first view is still waiting for data (a
/// slow but working network should not have every file fetched twice).
const GIVE_UP_MS: i32 = 8000;

/// Where the stylesheet hides the prerendered chart (style/first.css): the first view draws it.
const NARROW: &str = "(max-width: 760px)";

/// The line shown while the first view works (as in index.html).
const WAIT: &str =
    r#"<p class="loading" role="status" aria-live="polite">Loading the data set…</p>"#;

thread_local! {
    static APP_REQUESTED: Cell<bool> = const { Cell::new(false) };
}

fn main() {
    mark("coverboard:first-start");
    let give_up = Closure::once_into_js(load_app);
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
            give_up.unchecked_ref(),
            GIVE_UP_MS,
        );
    }
    wasm_bindgen_futures::spawn_local(async {
        // When the page is shown, the chart is drawn (and the full app loaded) at the first
        // layout (`draw_when_laid_out`); otherwise the full app is loaded at once.
        if show().await.is_none() {
            // Stepped aside before it could check a prerendered page: not shown as this one.
            if let Some(body) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("first-body"))
            {
                withdraw_prerender(&body);
            }
            load_app();
        }
    });
}

/// Loads the full app once: coverboard.js (Trunk's no-modules build, which declares the global
/// `wasm_bindgen`), then public/start-app.js, which calls it; in that order (`async = false`).
fn load_app() {
    if APP_REQUESTED.with(|r| r.replace(true)) {
        return;
    }
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(head) = document.head() else {
        return;
    };
    for src in [APP_SCRIPT, START_SCRIPT] {
        if let Ok(script) = document.create_element("script") {
            let _ = script.set_attribute("src", src);
            if let Ok(s) = script.dyn_into::<web_sys::HtmlScriptElement>() {
                s.set_async(false);
                let _ = head.append_child(&s);
            }
        }
    }
}

/// Takes a prerendered page out of `#first-body` (it is not this page's, or could not be
/// checked): the loading line stands in its place.
fn withdraw_prerender(body: &web_sys::Element) {
    if body.has_attribute("data-prerender") {
        let _ = body.remove_attribute("data-prerender");
        body.set_inner_html(WAIT);
    }
}

fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// One fetched file, as handed to the full app.
struct Fetched {
    text: String,
    /// The service worker's `x-coverboard-saved` header (the file came from the offline copy).
    saved: Option<String>,
}

/// Starts fetching `data/<file>` (index.html preloads the default files, so this often finds
/// them on the way already).
fn start(file: &str) -> Option<JsFuture> {
    let window = web_sys::window()?;
    Some(JsFuture::from(
        window.fetch_with_str(&format!("data/{file}")),
    ))
}

/// The fetched file; `None` on any failure (the full app then fetches it itself).
async fn finish(request: Option<JsFuture>) -> Option<Fetched> {
    let response: web_sys::Response = request?.await.ok()?.dyn_into().ok()?;
    let content_type = response.headers().get("content-type").ok().flatten();
    if response.status() != 200 || content_type.is_some_and(|t| t.contains("html")) {
        return None;
    }
    let saved = response.headers().get("x-coverboard-saved").ok().flatten();
    let text = JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()?;
    Some(Fetched { text, saved })
}

/// Hands the fetched files to the full app: `window.__coverboardFirst[file] = {text, saved}`.
fn hand_over(files: &[(&str, &Fetched)]) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let all = js_sys::Object::new();
    for (name, f) in files {
        let entry = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&entry, &"text".into(), &JsValue::from_str(&f.text));
        if let Some(s) = &f.saved {
            let _ = js_sys::Reflect::set(&entry, &"saved".into(), &JsValue::from_str(s));
        }
        let _ = js_sys::Reflect::set(&all, &JsValue::from_str(name), &entry);
    }
    let _ = js_sys::Reflect::set(&window, &"__coverboardFirst".into(), &all);
}

/// Fetches, validates and shows the first dashboard; `None` when it stepped aside.
async fn show() -> Option<()> {
    let window = web_sys::window()?;
    let search = window.location().search().unwrap_or_default();
    // A presentation or an own data set is the full app's to show.
    if search.contains("slide=") || search.contains("data=") {
        return None;
    }
    let manifest_file = "manifest.json";
    let manifest_text = finish(start(manifest_file)).await?;
    let manifest = read_manifest(&manifest_text.text)?;
    mark("coverboard:first-manifest");
    let files = manifest.files.clone();
    let requests = [
        start(&files.areas),
        start(&files.sites),
        start(&files.milestones),
    ];
    let [areas, sites, milestones] = requests;
    let (areas, sites, milestones) = (
        finish(areas).await?,
        finish(sites).await?,
        finish(milestones).await?,
    );
    mark("coverboard:first-data");
    hand_over(&[
        (manifest_file, &manifest_text),
        (&files.areas, &areas),
        (&files.sites, &sites),
        (&files.milestones, &milestones),
    ]);
    let document = window.document()?;
    let body = document.get_element_by_id("first-body")?;
    // The build's prerender (scripts/post_build.mjs) is this page already when the link has no
    // query and the files are the ones it was drawn from: it stays, and the full app loads now.
    let kept = body.get_attribute("data-prerender").is_some_and(|key| {
        search.len() <= 1
            && key
                == prerender_key(
                    &manifest_text.text,
                    &areas.text,
                    &sites.text,
                    &milestones.text,
                )
    });
    if kept {
        mark("coverboard:first-prerender-kept");
        // On a narrow screen the prerendered chart (drawn 1136 px wide) is hidden by the
        // stylesheet; the text stays and the first view draws the chart at the screen's width.
        let narrow = window
            .match_media(NARROW)
            .ok()
            .flatten()
            .is_some_and(|m| m.matches());
        if !narrow {
            load_app();
            return Some(());
        }
    } else {
        withdraw_prerender(&body);
    }
    let texts = Texts {
        areas: &areas.text,
        sites: &sites.text,
        milestones: &milestones.text,
    };
    let data = load(manifest_file, manifest, &texts).ok()?;
    mark("coverboard:first-parsed");
    let first = FirstView::new(&data, &search);
    let spec = first.chart(&data);
    mark("coverboard:first-figures");
    if kept {
        document
            .get_element_by_id("first-chart-img")?
            .set_outer_html(&first.chart_markup(ChartMarkup::Canvas));
    } else {
        body.set_inner_html(&first.page(&data, ChartMarkup::Canvas));
    }
    mark("coverboard:first-text");
    let canvas: web_sys::HtmlCanvasElement =
        document.get_element_by_id("first-chart")?.dyn_into().ok()?;
    // The canvas's width, as the app reads it: this lays the page out now, the layout the next
    // frame would do anyway, so the chart is drawn without waiting for that frame.
    let width = canvas.client_width();
    if width > 0 {
        draw_then_load_app(&canvas, &spec, f64::from(width));
        return Some(());
    }
    draw_when_laid_out(canvas, spec)
}

/// Draws the chart on the laid-out canvas (marks `coverboard:first-layout`, then
/// `coverboard:first-chart` once drawn), then loads the full app.
fn draw_then_load_app(canvas: &web_sys::HtmlCanvasElement, spec: &CoverageChart, width: f64) {
    mark("coverboard:first-layout");
    if draw(canvas, spec, width).is_some() {
        mark("coverboard:first-chart");
    }
    load_app();
}

/// Draws the chart when the browser lays the canvas out (not laid out yet, e.g. the page is
/// hidden: a `ResizeObserver` reports its first width), marks `coverboard:first-chart`, then
/// loads the full app.
fn draw_when_laid_out(canvas: web_sys::HtmlCanvasElement, spec: CoverageChart) -> Option<()> {
    let target = canvas.clone();
    let on_size = Closure::<dyn FnMut(js_sys::Array, web_sys::ResizeObserver)>::new(
        move |entries: js_sys::Array, observer: web_sys::ResizeObserver| {
            let width = entries
                .get(0)
                .dyn_into::<web_sys::ResizeObserverEntry>()
                .map(|e| e.content_rect().width())
                .unwrap_or(0.0);
            if width <= 0.0 {
                return;
            }
            observer.disconnect();
            draw_then_load_app(&canvas, &spec, width);
        },
    );
    let observer = web_sys::ResizeObserver::new(on_size.as_ref().unchecked_ref()).ok()?;
    observer.observe(&target);
    // Called once; kept for the page's life (a few hundred bytes).
    on_size.forget();
    Some(())
}

/// The manifest read with the browser's JSON parser (serde_json would add a tenth to this module).
/// Anything unexpected (a field missing or of the wrong type) returns `None`: the full app then
/// reads it with the core's `parse::parse_manifest` and reports the problem.
fn read_manifest(text: &str) -> Option<Manifest> {
    let root = js_sys::JSON::parse(text.strip_prefix('\u{feff}').unwrap_or(text)).ok()?;
    let get = |v: &JsValue, k: &str| js_sys::Reflect::get(v, &JsValue::from_str(k)).ok();
    let text = |v: &JsValue, k: &str| get(v, k)?.as_string();
    let files = get(&root, "files")?;
    let target = get(&root, "target")?;
    Some(Manifest {
        title: text(&root, "title")?,
        data_as_at: text(&root, "data_as_at")?,
        compiled: match get(&root, "compiled") {
            Some(v) if v.is_undefined() => String::new(),
            Some(v) => v.as_string()?,
            None => String::new(),
        },
        files: ManifestFiles {
            areas: text(&files, "areas")?,
            sites: text(&files, "sites")?,
            milestones: text(&files, "milestones")?,
        },
        target: Target {
            share: get(&target, "share")?.as_f64()?,
            date: text(&target, "date")?,
            label: text(&target, "label")?,
            status: text(&target, "status")?,
            source: text(&target, "source")?,
            url: text(&target, "url")?,
        },
        population_source: text(&root, "population_source")?,
        attribution: text(&root, "attribution")?,
    })
}

/// Draws `spec` on `canvas`, `css_width` CSS pixels wide, as the app sizes it.
fn draw(canvas: &web_sys::HtmlCanvasElement, spec: &CoverageChart, css_width: f64) -> Option<()> {
    let dpr = web_sys::window()?.device_pixel_ratio().clamp(1.0, 4.0);
    let css_width = css_width.max(280.0);
    let css_height = (css_width * 0.52).clamp(300.0, 620.0).round();
    canvas.set_width((css_width * dpr).round() as u32);
    canvas.set_height((css_height * dpr).round() as u32);
    let _ = canvas.set_attribute("style", &format!("height:{}px", css_height as u32));
    let root = MeasuringCanvas::new(canvas)?.into_drawing_area();
    draw_coverage_chart(&root, spec, dpr).ok()?;
    let _ = root.present();
    let _ = canvas.set_attribute("data-drawn", "1");
    Some(())
}
