//! Download controls: each chart as PNG (drawn again off screen at twice its on-screen size), as
//! SVG (the same draw function through plotters' SVG backend) and the data behind it as CSV, and
//! the sites table's listed rows as CSV. The files come from `coverboard::export`; this saves them.

use super::canvas::draw_offscreen;
use super::state::{use_ctx, Ctx};
use coverboard::chart::{draw_coverage_chart, CoverageChart};
use coverboard::coverage::Scope;
use coverboard::export::{
    file_name, map_csv, map_svg, model_types_csv, model_types_svg, regions_csv, regions_svg,
    sites_csv, trajectory_csv, trajectory_svg, ExportMeta,
};
use coverboard::map_chart::{draw_map, ColourBy, MapChart, MapLevel};
use coverboard::model_chart::{draw_model_chart, ModelChart};
use coverboard::region_chart::{draw_region_chart, RegionChart};
use coverboard::sites_table::SiteRow;
use leptos::prelude::*;
use std::sync::Arc;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};

/// The image exports' resolution: twice the on-screen CSS size, for slides.
const PNG_SCALE: f64 = 2.0;
/// Largest PNG side in pixels (browsers refuse far larger canvases).
const PNG_MAX: f64 = 8192.0;

/// A chart as drawn, with what its export needs.
#[derive(Clone)]
pub enum Exportable {
    Trajectory(CoverageChart),
    Regions(RegionChart, String),
    Models(ModelChart),
    Map(MapChart, String),
}

impl Exportable {
    /// What the file holds, for its name.
    fn what(&self) -> String {
        match self {
            Exportable::Trajectory(_) => "trajectory".into(),
            Exportable::Regions(..) => "regions".into(),
            Exportable::Models(_) => "model-types".into(),
            Exportable::Map(m, _) => format!(
                "map-{}-{}",
                match m.options.level {
                    MapLevel::Stp => "stps",
                    MapLevel::Region => "regions",
                },
                match m.options.colour_by {
                    ColourBy::Coverage => "coverage",
                    ColourBy::Designation => "designation",
                }
            ),
        }
    }

    /// Whether the chart is about the area chosen (else it shows every region or area of England).
    fn scoped(&self) -> bool {
        matches!(self, Exportable::Trajectory(_) | Exportable::Models(_))
    }

    /// Height over width when the canvas has no size to copy (hidden, or not laid out).
    fn aspect(&self) -> f64 {
        match self {
            Exportable::Trajectory(_) => 0.52,
            Exportable::Regions(..) => 0.42,
            Exportable::Models(_) => 0.45,
            Exportable::Map(..) => 0.62,
        }
    }

    /// The map's type is smaller on a narrow canvas (as `map_view` draws it).
    fn type_scale(&self, css_width: f64) -> f64 {
        match self {
            Exportable::Map(..) if css_width < 480.0 => 0.85,
            _ => 1.0,
        }
    }

    fn svg(&self, (w, h): (f64, f64)) -> Result<String, String> {
        let size = (w.round() as u32, h.round() as u32);
        match self {
            Exportable::Trajectory(c) => trajectory_svg(c, size),
            Exportable::Regions(c, selected) => regions_svg(c, selected, size),
            Exportable::Models(c) => model_types_svg(c, size),
            Exportable::Map(c, selected) => map_svg(c, selected, size, self.type_scale(w)),
        }
    }

    /// A PNG data URL of the chart drawn at `PNG_SCALE` times its CSS size.
    fn png(&self, (w, h): (f64, f64)) -> Result<String, String> {
        let scale = PNG_SCALE.min(PNG_MAX / w.max(h).max(1.0));
        let (pw, ph) = ((w * scale).round() as u32, (h * scale).round() as u32);
        let s = scale * self.type_scale(w);
        let canvas = draw_offscreen(pw, ph, |root| match self {
            Exportable::Trajectory(c) => draw_coverage_chart(root, c, s).map(|_| ()),
            Exportable::Regions(c, selected) => draw_region_chart(root, c, selected, s).map(|_| ()),
            Exportable::Models(c) => draw_model_chart(root, c, s),
            Exportable::Map(c, selected) => draw_map(root, c, selected, s).map(|_| ()),
        })?;
        canvas
            .to_data_url_with_type("image/png")
            .map_err(|e| js_error("the browser could not make the PNG", e))
    }

    fn csv(&self, meta: &ExportMeta) -> String {
        match self {
            Exportable::Trajectory(c) => trajectory_csv(c, meta),
            Exportable::Regions(c, _) => regions_csv(c, meta),
            Exportable::Models(c) => model_types_csv(c, meta),
            Exportable::Map(c, _) => map_csv(c, meta),
        }
        .to_csv()
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Png,
    Svg,
    Csv,
}

impl Format {
    fn ext(self) -> &'static str {
        match self {
            Format::Png => "png",
            Format::Svg => "svg",
            Format::Csv => "csv",
        }
    }
}

fn js_error(what: &str, e: JsValue) -> String {
    match e.as_string() {
        Some(s) => format!("{what}: {s}"),
        None => format!("{what}."),
    }
}

/// Saves `href` as `name` through a temporary `<a download>`.
fn click_download(href: &str, name: &str) -> Result<(), String> {
    let doc = document();
    let a = doc
        .create_element("a")
        .map_err(|e| js_error("the browser could not start the download", e))?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|_| "the browser could not start the download.".to_string())?;
    a.set_href(href);
    a.set_download(name);
    let _ = a.set_attribute("hidden", "");
    let body = doc
        .body()
        .ok_or_else(|| "the page has no body to start a download from.".to_string())?;
    body.append_child(&a)
        .map_err(|e| js_error("the browser could not start the download", e))?;
    a.click();
    a.remove();
    Ok(())
}

/// Saves `text` as a file of type `mime` through a Blob URL (revoked a minute later).
pub(crate) fn save_text(text: &str, mime: &str, name: &str) -> Result<(), String> {
    let parts = JsValue::from(vec![JsValue::from_str(text)]);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|e| js_error("the browser could not make the file", e))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|e| js_error("the browser could not make the file", e))?;
    let result = click_download(&url, name);
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        Duration::from_secs(60),
    );
    result
}

/// What the export says about itself: data as at, as-at date, area, definition in words.
fn meta_for(ctx: &Ctx, scoped: bool) -> (ExportMeta, String) {
    let f = ctx.filters;
    let scope = if scoped {
        f.scope.get_untracked()
    } else {
        Scope::new(&ctx.data.areas, "ENG")
    };
    let meta = ExportMeta::new(
        &ctx.data,
        &f.definition.get_untracked(),
        &scope,
        f.as_at.get_untracked(),
    );
    (meta, scope.name)
}

/// "Download: PNG SVG CSV" for one chart. `name` makes the buttons' ids (`export-<name>-png`);
/// `noun` ("the trajectory chart") their accessible names; `spec` gives the chart as drawn.
#[component]
pub fn ExportMenu(
    name: &'static str,
    noun: &'static str,
    canvas: NodeRef<leptos::html::Canvas>,
    #[prop(into)] spec: Callback<(), Exportable>,
) -> impl IntoView {
    // Context is read here: an event handler runs outside the component.
    let ctx = StoredValue::new(use_ctx());
    let status = RwSignal::new(None::<Result<String, String>>);
    let run = move |format: Format| {
        // Layout is read here, on a click, never after a filter change.
        let chart = spec.run(());
        let size = canvas
            .get_untracked()
            .map(|c| (f64::from(c.client_width()), f64::from(c.client_height())))
            .filter(|(w, h)| *w > 0.0 && *h > 0.0)
            .unwrap_or_else(|| (960.0, (960.0 * chart.aspect()).round()));
        let (meta, area) = ctx.with_value(|c| meta_for(c, chart.scoped()));
        let file = file_name(&chart.what(), &area, meta.as_at, format.ext());
        let saved = match format {
            Format::Png => chart.png(size).and_then(|url| click_download(&url, &file)),
            Format::Svg => chart
                .svg(size)
                .and_then(|svg| save_text(&svg, "image/svg+xml;charset=utf-8", &file)),
            Format::Csv => save_text(&chart.csv(&meta), "text/csv;charset=utf-8", &file),
        };
        status.set(Some(saved.map(|()| file)));
    };
    let button = move |format: Format, text: &'static str, label: String| {
        view! {
            <button
                type="button"
                class="export-button"
                id=format!("export-{name}-{}", format.ext())
                aria-label=label.clone()
                title=label
                on:click=move |_| run(format)
            >
                {text}
            </button>
        }
    };
    view! {
        <div class="export" role="group" aria-label=format!("Download {noun}")>
            <span class="export-label" aria-hidden="true">"Download"</span>
            {button(Format::Png, "PNG", format!("Download {noun} as PNG (twice screen resolution)"))}
            {button(Format::Svg, "SVG", format!("Download {noun} as SVG"))}
            {button(Format::Csv, "CSV", format!("Download the data behind {noun} as CSV"))}
            <ExportStatus status=status />
        </div>
    }
}

/// "Saved <file>." politely, or what went wrong as an alert.
#[component]
pub(crate) fn ExportStatus(status: RwSignal<Option<Result<String, String>>>) -> impl IntoView {
    view! {
        <span class="export-status" role="status" aria-live="polite">
            {move || match status.get() {
                Some(Ok(file)) => format!("Saved {file}."),
                _ => String::new(),
            }}
        </span>
        {move || match status.get() {
            Some(Err(e)) => Some(view! { <p class="field-message export-error" role="alert">"The download failed: " {e}</p> }),
            _ => None,
        }}
    }
}

/// "Download these N rows as CSV" for the sites table: the rows listed (all pages), in order.
#[component]
pub fn SitesExport(rows: Memo<Arc<Vec<SiteRow>>>, listed: Memo<Vec<usize>>) -> impl IntoView {
    let ctx = StoredValue::new(use_ctx());
    let status = RwSignal::new(None::<Result<String, String>>);
    let on_click = move |_| {
        let (meta, area) = ctx.with_value(|c| meta_for(c, true));
        let all = rows.get_untracked();
        let picked: Vec<&SiteRow> =
            listed.with_untracked(|l| l.iter().filter_map(|&i| all.get(i)).collect::<Vec<_>>());
        let file = file_name("sites", &area, meta.as_at, "csv");
        let text = sites_csv(&picked, &meta).to_csv();
        status.set(Some(
            save_text(&text, "text/csv;charset=utf-8", &file).map(|()| file),
        ));
    };
    view! {
        <div class="export export-sites">
            <button type="button" class="export-button" id="export-sites-csv" on:click=on_click>
                {move || {
                    let n = listed.with(Vec::len);
                    format!("Download {} {} as CSV", if n == 1 { "this" } else { "these" }, rows_text(n))
                }}
            </button>
            <ExportStatus status=status />
        </div>
    }
}

fn rows_text(n: usize) -> String {
    if n == 1 {
        "1 row".into()
    } else {
        format!("{} rows", coverboard::summary::thousands(n as u64))
    }
}
