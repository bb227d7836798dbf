//! The sites table: every site with its model type, regions, dates, footprint population (with
//! status) beside any published figure, footprint fit, whether it counts (and why not) and its
//! source. Sortable, searchable, and following the dashboard's filters. Draws at most
//! `PAGE_SIZE` rows at a time ("Show more" adds the next page) so a list of thousands stays cheap.

use super::defer::{element_of, seen_filters};
use super::export_view::SitesExport;
use super::state::{source_link, status_badge, use_ctx};
use coverboard::date::Date;
use coverboard::sites_table::{
    build_rows, count_text, population_year, select, Counting, RowFilter, SiteRow, Sort, SortKey,
    PAGE_SIZE,
};
use coverboard::summary::thousands;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// The hover/focus summary: which row, and where to draw it (CSS px inside the scroll box).
#[derive(Clone, Copy, PartialEq)]
struct Tip {
    row: usize,
    top: f64,
}

const COLUMNS: [(SortKey, &str); 8] = [
    (SortKey::Name, "Site"),
    (SortKey::Model, "Model"),
    (SortKey::Region, "Region"),
    (SortKey::LiveFrom, "Live from"),
    (SortKey::Population, "Population"),
    (SortKey::Published, "Published"),
    (SortKey::Fit, "Footprint"),
    (SortKey::Counts, "Counted"),
];

#[component]
pub fn SitesView() -> impl IntoView {
    let ctx = use_ctx();
    let f = ctx.filters;
    let data = ctx.data.clone();
    let total = data.sites.len();

    let query = RwSignal::new(String::new());
    let include_all = RwSignal::new(false);
    let live_only = RwSignal::new(false);
    let sort = RwSignal::new(Sort::default());
    let limit = RwSignal::new(PAGE_SIZE);
    let tip = RwSignal::new(None::<Tip>);
    let scroll_ref = NodeRef::<leptos::html::Div>::new();
    let section_ref = NodeRef::<leptos::html::Section>::new();
    // The filters as the table shows them (a frame late while the table is off screen).
    let shown = seen_filters(f, element_of(section_ref));

    let d = data.clone();
    let rows = Memo::new(move |_| {
        shown.with(|s| Arc::new(build_rows(&d, &s.definition, &s.scope, s.as_at)))
    });
    let listed = Memo::new(move |_| {
        let filter = RowFilter {
            query: query.get(),
            include_non_counting: include_all.get(),
            live_only: live_only.get(),
        };
        rows.with(|r| select(r, &filter, sort.get()))
    });
    // Whatever the filters, the tip belongs to a row that may have gone: hide it on any change.
    Effect::new(move |_| {
        listed.track();
        tip.set(None);
    });
    let d = data.clone();
    let year = Memo::new(move |_| {
        shown
            .with(|s| population_year(&d, &s.definition, s.as_at))
            .map(|(_, y)| y)
    });

    // Shows the summary below the row the pointer or focus is on.
    let show_tip = move |row: usize, ev: &leptos::ev::Event| {
        let (Some(target), Some(scroller)) = (
            ev.current_target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok()),
            scroll_ref.get_untracked(),
        ) else {
            return;
        };
        let r = target.get_bounding_client_rect();
        let s = scroller.get_bounding_client_rect();
        let top = r.bottom() - s.top() + f64::from(scroller.scroll_top());
        tip.set(Some(Tip { row, top }));
    };
    // Arrow keys move between rows (one tab stop for the whole body); Escape hides the summary.
    let on_row_key = move |ev: leptos::ev::KeyboardEvent| {
        let Some(el) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let next = match ev.key().as_str() {
            "ArrowDown" => el.next_element_sibling(),
            "ArrowUp" => el.previous_element_sibling(),
            "Home" => el.parent_element().and_then(|p| p.first_element_child()),
            "End" => el.parent_element().and_then(|p| p.last_element_child()),
            "Escape" => {
                tip.set(None);
                return;
            }
            _ => return,
        };
        if let Some(h) = next.and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok()) {
            if h.has_attribute("data-site-id") {
                ev.prevent_default();
                let _ = h.focus();
            }
        }
    };

    let header = move |key: SortKey, label: &'static str| {
        view! {
            <th scope="col" class=format!("col-{}", key.slug()) aria-sort=move || sort.get().aria_for(key)>
                <button
                    type="button"
                    class="sort-button"
                    data-sort=key.slug()
                    on:click=move |_| sort.update(|s| *s = s.clicked(key))
                >
                    <span class="sort-label">
                        {label}
                        {(key == SortKey::Population).then(|| view! {
                            <span class="sub">
                                {move || year.get().map(|y| format!("mid-{y}, derived")).unwrap_or_default()}
                            </span>
                        })}
                    </span>
                    <span class="sort-mark" aria-hidden="true">
                        {move || {
                            let s = sort.get();
                            if s.key != key {
                                "↕"
                            } else if s.direction.aria() == "ascending" {
                                "▲"
                            } else {
                                "▼"
                            }
                        }}
                    </span>
                </button>
            </th>
        }
    };

    let body = move || {
        let as_at = shown.with(|s| s.as_at);
        let all = rows.get();
        let shown = listed.get();
        let n = limit.get();
        if shown.is_empty() {
            return view! {
                <tr class="empty">
                    <td colspan="9">
                        "No sites match. Clear the search, untick \"Only sites live\", or tick \"Also list sites that do not count\"."
                    </td>
                </tr>
            }
            .into_any();
        }
        shown
            .iter()
            .take(n)
            .enumerate()
            .filter_map(|(pos, &i)| all.get(i).map(|r| (pos, i, r)))
            .map(|(pos, i, r)| site_row(r, i, pos == 0, as_at, show_tip, tip, on_row_key))
            .collect_view()
            .into_any()
    };

    let tip_view = move || {
        let t = tip.get()?;
        let all = rows.get();
        let r = all.get(t.row)?.clone();
        Some(view! {
            <div class="sites-tip" id="sites-tip" role="tooltip" style=format!("top:{:.0}px", t.top)>
                {shown.with(|s| tip_body(&r, s.as_at, &s.scope.name))}
            </div>
        })
    };

    view! {
        <section class="sites" aria-labelledby="sites-title" node_ref=section_ref>
            <h2 id="sites-title">"Sites"</h2>
            <p class="chart-note">
                "Every vanguard and ACS/ICS with the population of its footprint, worked out from the ONS populations of the pieces it covers (status: derived), beside the figure the site or NHS England published where there is one. Sort by a column's button; point at a row, or focus it (Tab, then the arrow keys), for its value, status and source."
            </p>
            <div class="sites-controls">
                <div class="control sites-search">
                    <label for="sites-search">"Search sites"</label>
                    <input
                        type="search"
                        id="sites-search"
                        autocomplete="off"
                        spellcheck="false"
                        aria-describedby="sites-search-hint"
                        prop:value=move || query.get()
                        on:input=move |ev| {
                            query.set(event_target_value(&ev));
                            limit.set(PAGE_SIZE);
                        }
                    />
                    <span class="hint" id="sites-search-hint">"Name, id, model type, region or area code; every word must match."</span>
                </div>
                <div class="control sites-options">
                    <label class="check" for="sites-include-all">
                        <input
                            type="checkbox"
                            id="sites-include-all"
                            prop:checked=move || include_all.get()
                            on:change=move |ev| {
                                include_all.set(event_target_checked(&ev));
                                limit.set(PAGE_SIZE);
                            }
                        />
                        "Also list sites that do not count (networks, unselected types)"
                    </label>
                    <label class="check" for="sites-live-only">
                        <input
                            type="checkbox"
                            id="sites-live-only"
                            prop:checked=move || live_only.get()
                            on:change=move |ev| {
                                live_only.set(event_target_checked(&ev));
                                limit.set(PAGE_SIZE);
                            }
                        />
                        {move || format!("Only sites live at the as-at date ({})", shown.with(|s| s.as_at.long()))}
                    </label>
                </div>
            </div>
            <p id="sites-count" class="sites-count" aria-live="polite">
                {move || {
                    let m = listed.with(Vec::len);
                    count_text(m.min(limit.get()), m, total)
                }}
                {move || {
                    shown.with(|s| {
                        (!s.scope.is_england())
                            .then(|| format!(" whose footprint touches {}", s.scope.name))
                    })
                }}
                "."
            </p>
            <SitesExport rows=rows listed=listed />
            <div class="sites-scroll" node_ref=scroll_ref>
                <table id="sites-table">
                    <caption>
                        {move || {
                            let s = shown.get();
                            let mid_year = year
                                .get()
                                .map(|y| format!("mid-{y}"))
                                .unwrap_or_else(|| "no year held".into());
                            format!(
                                "Sites in {} at {}: footprint population at {mid_year} (derived) and published figure (its own status). Definition: {}.",
                                s.scope.name,
                                s.as_at.long(),
                                s.definition.short()
                            )
                        }}
                    </caption>
                    <thead>
                        <tr>
                            {COLUMNS.into_iter().map(|(k, l)| header(k, l)).collect_view()}
                            <th scope="col" class="col-source">"Source"</th>
                        </tr>
                    </thead>
                    <tbody on:mouseleave=move |_| tip.set(None)>{body}</tbody>
                </table>
                {tip_view}
            </div>
            {move || {
                let m = listed.with(Vec::len);
                let n = limit.get();
                (m > n).then(|| {
                    let next = (m - n).min(PAGE_SIZE);
                    view! {
                        <p class="sites-more">
                            <button type="button" class="button" id="sites-more" on:click=move |_| limit.update(|l| *l += PAGE_SIZE)>
                                {format!("Show {} more", thousands(next as u64))}
                            </button>
                            " "
                            <button type="button" class="link-button" id="sites-all" on:click=move |_| limit.set(m)>
                                {format!("Show all {}", thousands(m as u64))}
                            </button>
                            <span class="hint">{format!(" The table draws {PAGE_SIZE} rows at a time to stay quick.")}</span>
                        </p>
                    }
                })
            }}
        </section>
    }
}

/// One row of the table.
fn site_row(
    r: &SiteRow,
    index: usize,
    first: bool,
    as_at: Date,
    show_tip: impl Fn(usize, &leptos::ev::Event) + Copy + 'static,
    tip: RwSignal<Option<Tip>>,
    on_key: impl Fn(leptos::ev::KeyboardEvent) + Copy + 'static,
) -> impl IntoView {
    let mut class = vec!["site-row"];
    if !r.counting.counts() {
        class.push("not-counted");
    }
    if !r.live.is_live() {
        class.push("not-live");
    }
    let population = match &r.population {
        Some(p) => view! {
            <span class="value" title=format!("mid-{} ONS populations of the footprint's pieces", p.year)>{p.text()}</span>
            " "
            {status_badge(p.status)}
            {p.in_scope.map(|n| view! { " " <span class="secondary in-scope">{format!("{} inside the area chosen", thousands(n))}</span> })}
        }
        .into_any(),
        None => view! { <span class="missing">"no defined population"</span> }.into_any(),
    };
    let published = match r.published_text() {
        Some(t) => {
            let is_number = r.published_population.is_some();
            view! {
                <span class=if is_number { "value" } else { "words" } title=r.published_note.clone()>{t}</span>
                {r.published_status.map(|s| view! { " " {status_badge(s)} })}
            }
            .into_any()
        }
        None => {
            view! { <span class="missing" title="not published / not found">"—"</span> }.into_any()
        }
    };
    let counted = if r.counting.counts() {
        view! { <span class="counts-yes">"counts"</span> }.into_any()
    } else {
        view! {
            <span class="counts-no">{r.counting.short()}</span>
            " "
            <span class="secondary why">{r.counting.reason(r.model)}</span>
        }
        .into_any()
    };
    let source = if r.source_url.trim().is_empty() {
        view! { <span class="missing">"—"</span> }.into_any()
    } else {
        source_link(r.source_url.clone(), r.source_label()).into_any()
    };
    let id = r.id.clone();
    view! {
        <tr
            class=class.join(" ")
            data-site-id=id
            tabindex=if first { "0" } else { "-1" }
            aria-describedby=move || (tip.get().map(|t| t.row) == Some(index)).then_some("sites-tip")
            on:mouseenter=move |ev| show_tip(index, &ev)
            on:focusin=move |ev| show_tip(index, &ev)
            on:focusout=move |_| tip.set(None)
            on:keydown=on_key
        >
            <th scope="row" class="site-name">
                <span class="name">{r.name.clone()}</span>
                " "
                <span class="secondary">{r.id.clone()}</span>
            </th>
            <td class="model"><abbr title=r.model.name()>{r.model.code()}</abbr></td>
            <td class="region">{r.region_text()}</td>
            <td class="live-from">
                <span class="date" title=r.date_note.clone()>{r.live_from.clone()}</span>
                {r.live_to.clone().map(|t| view! { " " <span class="secondary">{format!("until {t}")}</span> })}
                " "
                <span class=format!("live-state {}", r.live.class()) title=r.live.describe(as_at)>{r.live.short()}</span>
            </td>
            <td class="num population">{population}</td>
            <td class="num published">{published}</td>
            <td class="fit">{r.fit.as_str()}</td>
            <td class="counted">{counted}</td>
            <td class="source">{source} " " {status_badge(r.status)}</td>
        </tr>
    }
}

/// What the hover/focus summary says: value, status, source, and how the date is known.
fn tip_body(r: &SiteRow, as_at: Date, scope: &str) -> impl IntoView {
    let population = match &r.population {
        Some(p) => view! {
            <p>
                <strong>{p.text()}</strong>
                {format!(" people in its footprint at mid-{} ", p.year)}
                {status_badge(p.status)}
                " (ONS populations of its pieces)"
                {p.in_scope.map(|n| format!("; {} of them in {scope}", thousands(n)))}
            </p>
        }
        .into_any(),
        None => view! { <p>"No defined population: a network, not a place."</p> }.into_any(),
    };
    let published = r.published_text().map(|t| {
        view! {
            <p>
                "Published: " {t} " "
                {r.published_status.map(status_badge)}
                {(r.published_population.is_some() && !r.published_note.trim().is_empty()).then(|| format!(" ({})", r.published_note))}
            </p>
        }
    });
    let date_note = (!r.date_note.trim().is_empty())
        .then(|| format!(" How the date is known: {}.", r.date_note));
    let footprint = if r.footprint_codes.is_empty() {
        "no footprint".to_string()
    } else {
        format!("{} ({})", r.footprint_codes.join(", "), r.fit.as_str())
    };
    let source = if r.source_url.trim().is_empty() {
        "no source given".to_string()
    } else {
        r.source_label()
    };
    view! {
        <p class="tip-title"><strong>{r.name.clone()}</strong> {format!(" ({}, {}{})", r.model.code(), r.id, if r.wave.is_empty() { String::new() } else { format!(", {}", r.wave) })}</p>
        {population}
        {published}
        <p>{format!("Live from {}", r.live_from)} {r.live_to.clone().map(|t| format!(" until {t}"))} {format!("; {}.", r.live.describe(as_at))} {date_note}</p>
        <p>{format!("Footprint: {footprint}. ")} {if r.counting == Counting::Counts { "Counts under the chosen definition.".to_string() } else { format!("Not counted: {}.", r.counting.reason(r.model)) }}</p>
        <p>"Row status " {status_badge(r.status)} {format!("; source: {source}")}</p>
        {(!r.note.trim().is_empty()).then(|| view! { <p class="secondary">{r.note.clone()}</p> })}
    }
}
