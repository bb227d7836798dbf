//! The URL carries the exact view (filters, as-at date, definition, open map, slide): a link opens
//! that view, Back and Forward move through changes, and "Copy link" copies it.
//!
//! - On start [`UrlSync`] reads `location.search` (src/view_state.rs), applies it to the shared
//!   signals before the views first draw, shows what could not be used in a dismissible notice,
//!   and rewrites the address to the view's one spelling (`replaceState`, no new entry).
//! - Then one `Effect` writes the query whenever the signals change. A discrete change (a select,
//!   a checkbox, a radio, the map opened, a slide, an area clicked) is `pushState`, a new history
//!   entry. Date changes come in runs (the slider dragged, the arrow keys held, Play stepping every
//!   400 ms): a date-only change less than [`SETTLE_MS`] after the previous one is
//!   `replaceState`, so a run is one entry and Back returns to the date before the run.
//! - `popstate` (Back, Forward) applies that entry's query to the signals and records it as
//!   written, so the `Effect` sees nothing new and pushes nothing. The page is never reloaded.

use super::state::{use_ctx, Ctx};
use coverboard::coverage::PartialRule;
use coverboard::view_state::ViewQuery;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// Date-only changes closer together than this (ms) share one history entry.
pub const SETTLE_MS: f64 = 500.0;

/// How long "Link copied" stays before the status is cleared for the next announcement.
const STATUS_MS: u64 = 6000;

/// The view the signals show, in one spelling. Tracked: call inside an `Effect` to follow it.
fn current_view(ctx: &Ctx) -> ViewQuery {
    let f = ctx.filters;
    let v = ctx.view;
    ViewQuery {
        region: f.region.get(),
        as_at: f.as_at.get(),
        models: f.models.get(),
        partial: if f.count_partial.get() {
            PartialRule::CountWholeFootprint
        } else {
            PartialRule::Exclude
        },
        overlap: f.overlap.get(),
        base: f.base.get(),
        show_events: f.show_events.get(),
        show_projection: f.show_projection.get(),
        map_open: v.map_open.get(),
        map_level: v.map_level.get(),
        map_colour: v.map_colour.get(),
        slide: v.slide.get(),
        default_date: ctx.data.target_date,
    }
    .normalised()
}

/// Sets a signal only when the value differs, so views that follow it are not woken for nothing.
fn set_if<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    if signal.with_untracked(|now| *now != value) {
        signal.set(value);
    }
}

/// Puts the signals in the state `v` describes.
fn apply(ctx: &Ctx, v: &ViewQuery) {
    let f = ctx.filters;
    set_if(f.region, v.region.clone());
    set_if(f.as_at, v.as_at);
    let same_models = f.models.with_untracked(|m| {
        let mut m = m.clone();
        m.sort();
        m.dedup();
        m == v.models
    });
    if !same_models {
        f.models.set(v.models.clone());
    }
    set_if(
        f.count_partial,
        v.partial == PartialRule::CountWholeFootprint,
    );
    set_if(f.overlap, v.overlap);
    set_if(f.base, v.base);
    set_if(f.show_events, v.show_events);
    set_if(f.show_projection, v.show_projection);
    set_if(ctx.view.map_open, v.map_open);
    set_if(ctx.view.map_level, v.map_level);
    set_if(ctx.view.map_colour, v.map_colour);
    set_if(ctx.view.slide, v.slide);
}

fn location_search() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// Writes `query` ("" or "?…") into the address, keeping the path, any #fragment and the own
/// data's `data=` address (src/app/own_data.rs), which is not part of the view.
fn write_url(query: &str, push: bool) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let location = window.location();
    let search = location.search()?;
    let data = search
        .trim_start_matches('?')
        .split('&')
        .find(|p| p.starts_with("data="));
    let query = match data {
        Some(d) if query.is_empty() => format!("?{d}"),
        Some(d) => format!("{query}&{d}"),
        None => query.to_string(),
    };
    let url = format!("{}{}{}", location.pathname()?, query, location.hash()?);
    let history = window.history()?;
    if push {
        history.push_state_with_url(&JsValue::NULL, "", Some(&url))
    } else {
        history.replace_state_with_url(&JsValue::NULL, "", Some(&url))
    }
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// Keeps the URL and the view in step (see the module comment) and shows what a link asked for
/// that could not be shown. Place it first in the dashboard, so the link's view is set before the
/// other views draw.
#[component]
pub fn UrlSync() -> impl IntoView {
    let ctx = use_ctx();
    let (view, problems_found) = ViewQuery::from_query(&location_search(), &ctx.data);
    apply(&ctx, &view);
    let problems = RwSignal::new(problems_found);
    let canonical = view.to_query();
    if location_search() != canonical {
        // The address shows the view actually shown (bad values and unknown parameters dropped).
        let _ = write_url(&canonical, false);
    }

    // What is in the address now, the view it describes, and when the date last moved on its own.
    let written = StoredValue::new(canonical);
    let shown = StoredValue::new(view);
    let last_date_move = StoredValue::new(f64::NEG_INFINITY);

    let c = ctx.clone();
    Effect::new(move |first_run: Option<()>| {
        let v = current_view(&c);
        let query = v.to_query();
        if written.with_value(|w| *w == query) {
            return;
        }
        // A view that adjusted what the link asked for while starting (the deck clamping a slide
        // number, say) corrects the address without adding an entry.
        if first_run.is_none() {
            if write_url(&query, false).is_ok() {
                written.set_value(query);
                shown.set_value(v);
            }
            return;
        }
        let date_only = shown.with_value(|before| {
            *before
                == ViewQuery {
                    as_at: before.as_at,
                    ..v.clone()
                }
        });
        let now = now_ms();
        let push = if date_only {
            let in_run = now - last_date_move.get_value() < SETTLE_MS;
            last_date_move.set_value(now);
            !in_run
        } else {
            last_date_move.set_value(f64::NEG_INFINITY);
            true
        };
        if write_url(&query, push).is_ok() {
            written.set_value(query);
            shown.set_value(v);
        }
    });

    let c = ctx.clone();
    let listener = window_event_listener_untyped("popstate", move |_| {
        let (v, found) = ViewQuery::from_query(&location_search(), &c.data);
        // Recorded first, so the Effect finds the address already saying this and pushes nothing.
        written.set_value(v.to_query());
        last_date_move.set_value(f64::NEG_INFINITY);
        shown.set_value(v.clone());
        apply(&c, &v);
        if !found.is_empty() {
            problems.set(found);
        }
    });
    on_cleanup(move || listener.remove());

    view! {
        <div id="link-notice-region" role="status" aria-live="polite">
            <Show when=move || problems.with(|p| !p.is_empty())>
                <div id="link-notice" class="link-notice">
                    <p class="link-notice-title">
                        <strong>"Part of this link could not be used."</strong>
                        " The rest of the view it describes is shown."
                    </p>
                    <ul>
                        {move || {
                            problems
                                .get()
                                .into_iter()
                                .map(|p| view! { <li>{p}</li> })
                                .collect_view()
                        }}
                    </ul>
                    <button
                        type="button"
                        id="link-notice-dismiss"
                        class="button link-notice-dismiss"
                        on:click=move |_| problems.set(Vec::new())
                    >
                        "Dismiss"
                    </button>
                </div>
            </Show>
        </div>
    }
}

/// The clipboard, where the page may use it (a secure context whose browser has one).
fn clipboard() -> Option<web_sys::Clipboard> {
    let window = web_sys::window()?;
    if !window.is_secure_context() {
        return None;
    }
    let navigator = window.navigator();
    let value = web_sys::js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard")).ok()?;
    if value.is_undefined() || value.is_null() {
        return None;
    }
    value.dyn_into::<web_sys::Clipboard>().ok()
}

/// "Copy link": copies the address of the exact view, announcing it; where the clipboard is
/// missing or refused, shows the link in a selected read-only field to copy by hand.
#[component]
pub fn CopyLink() -> impl IntoView {
    let status = RwSignal::new(String::new());
    let fallback = RwSignal::new(None::<String>);
    // Each announcement clears itself unless a newer one replaced it.
    let generation = StoredValue::new(0u32);
    let announce = move |text: &str| {
        let g = generation.get_value().wrapping_add(1);
        generation.set_value(g);
        status.set(text.to_string());
        set_timeout(
            move || {
                if generation.try_get_value() == Some(g) {
                    let _ = status.try_set(String::new());
                }
            },
            Duration::from_millis(STATUS_MS),
        );
    };
    let show_fallback = move |href: String| {
        fallback.set(Some(href));
        announce("Copying was not allowed here: the link is selected in the field below. Press Ctrl+C to copy (⌘C on a Mac).");
    };
    let field = NodeRef::<leptos::html::Input>::new();
    // The fallback field is selected as soon as it is shown.
    Effect::new(move |_| {
        if let (Some(href), Some(el)) = (fallback.get(), field.get()) {
            // The value may not be in the field yet when it is first mounted.
            el.set_value(&href);
            let _ = el.focus();
            el.select();
        }
    });

    let on_click = move |_| {
        let Some(href) = web_sys::window().and_then(|w| w.location().href().ok()) else {
            return;
        };
        status.set(String::new());
        let Some(clipboard) = clipboard() else {
            show_fallback(href);
            return;
        };
        let promise = clipboard.write_text(&href);
        let copied = Closure::<dyn FnMut(JsValue)>::new(move |_| {
            let _ = fallback.try_set(None);
            announce("Link copied");
        });
        // Refused: not allowed, or the document lost focus.
        let refused = Closure::<dyn FnMut(JsValue)>::new(move |_| show_fallback(href.clone()));
        let _ = promise.then2(&copied, &refused);
        // One of the two runs once; both are small and live for the page (one pair per click).
        copied.forget();
        refused.forget();
    };

    view! {
        <div class="control copy-link">
            <button type="button" id="copy-link" class="button" on:click=on_click>
                "Copy link"
            </button>
            <p id="copy-link-status" class="copy-link-status" role="status" aria-live="polite">
                {move || status.get()}
            </p>
            {move || {
                fallback
                    .get()
                    .map(|href| {
                        view! {
                            <div class="copy-link-fallback">
                                <label for="copy-link-field">"Link to this view. Press Ctrl+C to copy (⌘C on a Mac)."</label>
                                <input
                                    type="text"
                                    id="copy-link-field"
                                    readonly=true
                                    node_ref=field
                                    prop:value=href
                                    on:focus=move |ev| {
                                        if let Some(el) = ev
                                            .target()
                                            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                                        {
                                            el.select();
                                        }
                                    }
                                    on:copy=move |_| announce("Link copied")
                                    on:keydown=move |ev| {
                                        if ev.key() == "Escape" {
                                            fallback.set(None);
                                        }
                                    }
                                />
                            </div>
                        }
                    })
            }}
        </div>
    }
}
