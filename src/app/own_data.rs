//! The "Use your own site list" panel: file picker, drop zone, `?data=` address, template link,
//! the "what went wrong" report and the way back to the default data. Reading is in
//! `coverboard::own_data`; files never leave the browser.

use super::export_view::{save_text, ExportStatus};
use super::net::{fetch, Expect};
use coverboard::date::Date;
use coverboard::export::slug;
use coverboard::model::DataSet;
use coverboard::own_data::{
    own_data, problems_csv, refuse_size, OwnData, ReportRow, REPORT_ROWS_SHOWN,
};
use coverboard::view_state::parse_pairs;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The own data set shown instead of the default, and its label for the "Data as at" line.
#[derive(Clone)]
pub struct OwnLoaded {
    pub data: Arc<DataSet>,
    /// "file.csv (loaded 23 Nov 2026)".
    pub label: String,
}

/// What the last own file gave, for the report.
#[derive(Clone)]
struct Report {
    file: String,
    summary: String,
    used: bool,
    rows: Vec<ReportRow>,
    dropped: Vec<String>,
}

impl Report {
    fn from(out: &OwnData) -> Report {
        Report {
            file: out.file.clone(),
            summary: out.summary(),
            used: out.data.is_some(),
            rows: out.report_rows(),
            dropped: out.sites_dropped.clone(),
        }
    }

    /// A refusal that is not about the file's content (an address that is not http(s), a network
    /// failure): nothing read.
    fn refused(file: &str, reason: String) -> Report {
        Report {
            file: file.to_string(),
            summary: "0 rows read: 0 accepted, 0 rejected".into(),
            used: false,
            rows: vec![ReportRow {
                row: None,
                field: String::new(),
                value: file.to_string(),
                reason,
                effect: "file not used",
            }],
            dropped: Vec::new(),
        }
    }
}

fn today() -> String {
    let now = web_sys::js_sys::Date::new_0();
    let (y, m, d) = (now.get_full_year(), now.get_month() + 1, now.get_date());
    i32::try_from(y)
        .ok()
        .zip(u8::try_from(m).ok())
        .zip(u8::try_from(d).ok())
        .and_then(|((y, m), d)| Date::new(y, m, d))
        .map(|d| d.long())
        .unwrap_or_default()
}

/// The `data` parameter of the address, if any.
fn data_param() -> Option<String> {
    let search = web_sys::window().and_then(|w| w.location().search().ok())?;
    parse_pairs(&search)
        .into_iter()
        .find(|(k, _)| k == "data")
        .map(|(_, v)| v)
}

/// Removes `data=` from the address (after "Back to the default data"), keeping the rest.
fn drop_data_param() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let (Ok(path), Ok(search), Ok(hash)) =
        (location.pathname(), location.search(), location.hash())
    else {
        return;
    };
    let kept: Vec<&str> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("data=") && *p != "data")
        .collect();
    let query = if kept.is_empty() {
        String::new()
    } else {
        format!("?{}", kept.join("&"))
    };
    if let Ok(history) = window.history() {
        let url = format!("{path}{query}{hash}");
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// An http(s) address, or why it is refused.
fn checked_address(text: &str) -> Result<String, String> {
    let url = web_sys::Url::new(text.trim()).map_err(|_| {
        "is not a web address: give a full http:// or https:// address of a CSV or JSON file"
            .to_string()
    })?;
    match url.protocol().as_str() {
        "http:" | "https:" => Ok(url.href()),
        other => Err(format!(
            "uses '{other}': only http:// and https:// addresses are read; nothing was loaded"
        )),
    }
}

/// The file name in an address ("…/plan.csv?x=1" → "plan.csv"), or the address.
fn name_of(address: &str) -> String {
    let path = address.split(['?', '#']).next().unwrap_or(address);
    path.rsplit('/')
        .find(|s| !s.is_empty())
        .map(String::from)
        .unwrap_or_else(|| address.to_string())
}

/// Reads `file` in the browser (FileReader) and passes its bytes to `done`.
fn read_file(file: web_sys::File, done: impl FnOnce(String, Result<Vec<u8>, String>) + 'static) {
    let name = file.name();
    let reader = match web_sys::FileReader::new() {
        Ok(r) => r,
        Err(_) => {
            done(name, Err("this browser cannot read files".into()));
            return;
        }
    };
    let done = Rc::new(RefCell::new(Some(done)));
    let finish = move |name: String, result: Result<Vec<u8>, String>| {
        let f = done.borrow_mut().take();
        if let Some(f) = f {
            f(name, result);
        }
    };
    let (r, n, fin) = (reader.clone(), name.clone(), finish.clone());
    let onload = Closure::once(move || {
        let result = r
            .result()
            .map(|v| web_sys::js_sys::Uint8Array::new(&v).to_vec())
            .map_err(|_| "the file could not be read".to_string());
        fin(n, result);
    });
    let (n, fin) = (name.clone(), finish.clone());
    let onerror = Closure::once(move || fin(n, Err("the file could not be read".into())));
    reader.set_onload(Some(onload.as_ref().unchecked_ref()));
    reader.set_onerror(Some(onerror.as_ref().unchecked_ref()));
    // One reader per file; the callbacks live as long as the page.
    onload.forget();
    onerror.forget();
    if reader.read_as_array_buffer(&file).is_err() {
        finish(name, Err("the file could not be read".into()));
    }
}

/// The name of the performance measure around reading an own file (bench/scale.mjs reads it).
const PARSE_MEASURE: &str = "coverboard:parse-validate";

/// `own_data` (limits, decoding, CSV or JSON parsing, validation against the areas, the new data
/// set) timed as the performance measure `coverboard:parse-validate`, whose detail gives the
/// file's bytes and rows read, accepted and rejected.
fn timed_read(name: &str, bytes: &[u8], current: &DataSet) -> OwnData {
    let performance = web_sys::window().and_then(|w| w.performance());
    let start = format!("{PARSE_MEASURE}:start");
    if let Some(p) = &performance {
        let _ = p.mark(&start);
    }
    let out = own_data(name, bytes, current);
    if let Some(p) = &performance {
        measure(p, &start, &out, bytes.len());
        p.clear_marks_with_mark_name(&start);
    }
    out
}

/// `performance.measure(PARSE_MEASURE, { start, detail })`, through `Reflect` (the options
/// dictionary is not among the web-sys types the app builds with).
fn measure(performance: &web_sys::Performance, start: &str, out: &OwnData, bytes: usize) {
    use web_sys::js_sys::{Function, Object, Reflect};
    let set = |o: &Object, k: &str, v: JsValue| {
        let _ = Reflect::set(o, &JsValue::from_str(k), &v);
    };
    let detail = Object::new();
    set(&detail, "file", JsValue::from_str(&out.file));
    set(&detail, "bytes", JsValue::from_f64(bytes as f64));
    set(&detail, "rows", JsValue::from_f64(out.rows_read as f64));
    set(&detail, "accepted", JsValue::from_f64(out.accepted as f64));
    set(&detail, "rejected", JsValue::from_f64(out.rejected as f64));
    let options = Object::new();
    set(&options, "start", JsValue::from_str(start));
    set(&options, "detail", detail.into());
    let call = Reflect::get(performance, &JsValue::from_str("measure"))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok());
    if let Some(f) = call {
        let _ = f.call2(performance, &JsValue::from_str(PARSE_MEASURE), &options);
    }
}

#[component]
pub fn OwnDataPanel(defaults: Arc<DataSet>, own: RwSignal<Option<OwnLoaded>>) -> impl IntoView {
    let report: RwSignal<Option<Report>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let dragging = RwSignal::new(false);
    let open = RwSignal::new(false);

    let base = {
        let defaults = defaults.clone();
        move || {
            own.get_untracked()
                .map(|o| o.data)
                .unwrap_or_else(|| defaults.clone())
        }
    };
    let take = {
        let base = base.clone();
        move |name: String, bytes: Vec<u8>| {
            let out = timed_read(&name, &bytes, &base());
            report.set(Some(Report::from(&out)));
            if let Some(data) = out.data {
                own.set(Some(OwnLoaded {
                    data: Arc::new(data),
                    label: format!("{name} (loaded {})", today()),
                }));
            }
            busy.set(false);
            open.set(true);
        }
    };
    let load_file = {
        let take = take.clone();
        move |file: web_sys::File| {
            let name = file.name();
            if let Some(refused) = refuse_size(&name, file.size().max(0.0) as u64) {
                report.set(Some(Report::from(&refused)));
                return;
            }
            busy.set(true);
            let take = take.clone();
            read_file(file, move |name, result| match result {
                Ok(bytes) => take(name, bytes),
                Err(reason) => {
                    report.set(Some(Report::refused(&name, reason)));
                    busy.set(false);
                }
            });
        }
    };

    // `?data=` in the address: fetched once, on start.
    if let Some(address) = data_param() {
        open.set(true);
        match checked_address(&address) {
            Err(reason) => report.set(Some(Report::refused(&address, reason))),
            Ok(url) => {
                busy.set(true);
                let take = take.clone();
                leptos::task::spawn_local(async move {
                    let name = name_of(&url);
                    // Timeout, retries and a message per failure, as for the default data.
                    let fetched = fetch(&url, &name, Expect::SiteList)
                        .await
                        .map(|f| f.bytes)
                        .map_err(|e| e.to_string());
                    match fetched {
                        Ok(bytes) => take(name, bytes),
                        Err(reason) => {
                            report.set(Some(Report::refused(
                                &url,
                                format!("could not be fetched: {reason}"),
                            )));
                            busy.set(false);
                        }
                    }
                });
            }
        }
    }

    let on_pick = {
        let load_file = load_file.clone();
        move |ev: leptos::ev::Event| {
            let Some(input) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            if let Some(file) = input.files().and_then(|list| list.get(0)) {
                load_file(file);
            }
            // The same file can be picked again after it is edited.
            input.set_value("");
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(file) = ev
            .data_transfer()
            .and_then(|dt| dt.files())
            .and_then(|list| list.get(0))
        {
            load_file(file);
        }
    };
    let back = move |_| {
        own.set(None);
        report.set(None);
        drop_data_param();
    };

    view! {
        <section class="own-data" aria-label="Use your own site list">
            <details id="own-data" prop:open=move || open.get() on:toggle=move |ev| {
                if let Some(d) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()) {
                    open.set(d.open());
                }
            }>
                <summary>"Use your own site list"</summary>
                <p class="own-privacy">
                    <strong>"Your file is read in this browser and never sent anywhere."</strong>
                    " A CSV (comma separated, UTF-8) or JSON file with the columns of the "
                    <a href="data/template-sites.csv" download="template-sites.csv" id="own-template">"template"</a>
                    ". Footprints use ONS codes of the default areas; an areas file (with "
                    <code>"piece_id"</code>
                    " and "
                    <code>"pop_YYYY"</code>
                    " columns) replaces the areas. Limits: 64 MB, 100,000 rows, 10,000 characters a line."
                </p>
                <div
                    id="own-drop"
                    class="own-drop"
                    class:dragging=move || dragging.get()
                    on:dragover=move |ev: leptos::ev::DragEvent| {
                        ev.prevent_default();
                        dragging.set(true);
                    }
                    on:dragleave=move |_| dragging.set(false)
                    on:drop=on_drop
                >
                    <label for="own-file">"Choose a file"</label>
                    <input id="own-file" type="file" accept=".csv,.json,text/csv,application/json" on:change=on_pick />
                    <p aria-hidden="true">"or drop it here"</p>
                </div>
                <div id="own-status" role="status" aria-live="polite">
                    {move || busy.get().then(|| view! { <p>"Reading…"</p> })}
                    {move || report.get().map(|r| view! { <OwnReport report=r /> })}
                </div>
                <Show when=move || own.with(|o| o.is_some())>
                    <button type="button" id="own-back" on:click=back>"Back to the default data"</button>
                </Show>
            </details>
        </section>
    }
}

#[component]
fn OwnReport(report: Report) -> impl IntoView {
    let outcome = if report.used {
        "Now showing this file's data."
    } else {
        "Nothing in this file could be used; the data shown has not changed."
    };
    let dropped = (!report.dropped.is_empty()).then(|| {
        view! {
            <p class="own-dropped">
                {format!(
                    "{} site{} left out: a footprint code is not in the new areas ({}).",
                    report.dropped.len(),
                    if report.dropped.len() == 1 { "" } else { "s" },
                    report.dropped.join(", "),
                )}
            </p>
        }
    });
    let total = report.rows.len();
    let rows: Vec<ReportRow> = report
        .rows
        .iter()
        .take(REPORT_ROWS_SHOWN)
        .cloned()
        .collect();
    let table = (!rows.is_empty()).then(|| {
        view! {
            <table id="own-problems" class="own-problems">
                <caption>"What went wrong"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Row"</th>
                        <th scope="col">"Field"</th>
                        <th scope="col">"Value"</th>
                        <th scope="col">"Reason"</th>
                        <th scope="col">"Effect"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|r| {
                            view! {
                                <tr>
                                    <td>{r.row.map(|n| n.to_string()).unwrap_or_else(|| "file".into())}</td>
                                    <td>{r.field}</td>
                                    <td>{r.value}</td>
                                    <td>{r.reason}</td>
                                    <td>{r.effect}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
    });
    // Every problem as CSV, offered when the page lists only the first ones.
    let more = (total > REPORT_ROWS_SHOWN).then(|| {
        let status = RwSignal::new(None::<Result<String, String>>);
        let report = StoredValue::new(report.clone());
        let on_click = move |_| {
            let (text, name) = report.with_value(|r| {
                (
                    problems_csv(&r.file, &r.summary, &r.rows).to_csv(),
                    format!("coverboard-problems-{}.csv", slug(&r.file)),
                )
            });
            status.set(Some(
                save_text(&text, "text/csv;charset=utf-8", &name).map(|()| name),
            ));
        };
        view! {
            <p id="own-problems-more" class="own-problems-more">
                {format!(
                    "The table lists the first {} of {} problems. ",
                    REPORT_ROWS_SHOWN,
                    coverboard::summary::thousands(total as u64),
                )}
                <button type="button" class="export-button" id="own-problems-csv" on:click=on_click>
                    {format!(
                        "Download all {} problems as CSV",
                        coverboard::summary::thousands(total as u64),
                    )}
                </button>
                <ExportStatus status=status />
            </p>
        }
    });
    view! {
        <div id="own-report" class="own-report">
            <p>
                <strong>{report.file.clone()}</strong>
                ": "
                <span id="own-summary">{report.summary.clone()}</span>
                ". "
                {outcome}
            </p>
            {dropped}
            {table}
            {more}
        </div>
    }
}
