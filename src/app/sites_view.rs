//! The sites table: every site with its model type, regions, dates, footprint population (with
//! status) beside any published figure, footprint fit, whether it counts (and why not) and its
//! source. Sortable, searchable, and following the dashboard's filters.
//!
//! Built for lists of tens of thousands of sites: the rows' facts are made once per data set, a
//! filter change recomputes only each site's state and the order (`sites_table`), and only the
//! rows in the scroll box's view (plus a margin) are in the page, between two spacer rows as tall
//! as the rows left out, so the scrollbar spans the whole list. Row heights are measured when the
//! box scrolls or the window is resized, never after a filter change. Rows are keyed: a scroll
//! adds and removes rows at the edges and leaves the rest. `aria-rowcount` on the table and
//! `aria-rowindex` on each row give the whole list's size and each row's place in it.

use super::defer::{element_of, seen_filters};
use super::export_view::SitesExport;
use super::state::{source_link, status_badge, use_ctx};
use coverboard::date::Date;
use coverboard::sites_table::{
    count_text, population_year, row_facts, row_states, select_states, Counting, RowFacts,
    RowFilter, RowHeights, RowState, RowWindow, SiteRow, Sort, SortKey,
};
use coverboard::summary::thousands;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// The hover/focus summary: which row (site index and place in the list), and where the table's
/// body starts in the scroll box (CSS px): the summary goes under the row, at the row's bottom
/// as the row heights have it, so it follows the row when heights are measured.
#[derive(Clone, Copy, PartialEq)]
struct Tip {
    row: usize,
    pos: usize,
    body_top: f64,
}

/// What measuring the scroll box needs: the elements, the box's position, the heights, the list
/// and the rows drawn.
#[derive(Clone, Copy)]
struct Measure {
    scroll_ref: NodeRef<leptos::html::Div>,
    body_ref: NodeRef<leptos::html::Tbody>,
    view: RwSignal<(f64, f64)>,
    heights: StoredValue<RowHeights>,
    listed: Memo<Vec<usize>>,
    window: Memo<RowWindow>,
    /// The box was scrolled to the bottom: it stays there while the rows drawn are measured.
    at_bottom: StoredValue<bool>,
    /// How far the table's body starts below the top of the box's content (caption, header).
    head: StoredValue<f64>,
    /// The box's `scrollTop` as last read (the summary is placed by it).
    scrolled: RwSignal<f64>,
}

/// How many frames after a scroll newly drawn rows are measured again, at most.
const FOLLOW_FRAMES: u8 = 3;

/// Reads the drawn rows' heights and the box's position; only on a scroll or a resize (or in the
/// frame after one drew rows not measured yet), never after a filter change. When measuring
/// changes the space standing for the rows above those drawn (the first measurement sets the
/// height of rows not measured), the box is scrolled by as much once the rows are redrawn, so
/// what is in view stays put; a box scrolled to the bottom stays at the bottom. When the rows to
/// draw now include some not measured yet, they are measured in the next frame (`follow` more
/// times at most).
fn measure(m: Measure, follow: u8) {
    let (Some(scroller), Some(body)) = (m.scroll_ref.get_untracked(), m.body_ref.get_untracked())
    else {
        return;
    };
    let scroll_top = f64::from(scroller.scroll_top());
    if m.scrolled.get_untracked() != scroll_top {
        m.scrolled.set(scroll_top);
    }
    let height = f64::from(scroller.client_height());
    let mut at_bottom =
        scroll_top > 0.0 && scroll_top + height >= f64::from(scroller.scroll_height()) - 2.0;
    if follow < FOLLOW_FRAMES {
        // Measuring again after a scroll: rows drawn taller than thought do not move the box
        // off the bottom.
        at_bottom |= m.at_bottom.get_value();
    }
    m.at_bottom.set_value(at_bottom);
    // Positions in the list are from the top of the table's body.
    let head = body.get_bounding_client_rect().top() - scroller.get_bounding_client_rect().top()
        + scroll_top;
    m.head.set_value(head);
    let top = scroll_top - head;
    let drawn = m.window.get_untracked();
    let rows = body.children();
    m.heights.update_value(|h| {
        for i in 0..rows.length() {
            let Some(tr) = rows.item(i) else { continue };
            if let Some(idx) = tr.get_attribute("data-idx").and_then(|v| v.parse().ok()) {
                h.set(idx, tr.get_bounding_client_rect().height());
            }
        }
        h.settle();
    });
    // The first drawn row is `drawn.before` from the top of the body now, and will be at its
    // offset by the heights as they are now measured: the view moves by the difference.
    let (offset, total) = m.listed.with_untracked(|l| {
        m.heights
            .with_value(|h| (h.offset(l, drawn.first), h.total(l)))
    });
    // At the bottom: the list's end (the window keeps the view within the list).
    let wanted = if at_bottom {
        total
    } else {
        top + offset - drawn.before
    };
    if m.view.get_untracked() != (wanted, height) {
        m.view.set((wanted, height));
    }
    let moved = at_bottom || (offset - drawn.before).abs() >= 1.0;
    if moved {
        // Queued after the redraw the line above starts, so the box is as tall as the new
        // spacers make it when it is scrolled (to the bottom: as far as it goes).
        let to = if at_bottom {
            i32::MAX
        } else {
            (wanted + head).round() as i32
        };
        leptos::task::spawn_local(async move {
            if scroller.scroll_top() != to {
                scroller.set_scroll_top(to);
            }
        });
    }
    if follow > 0 {
        let w = m.window.get_untracked();
        let unmeasured = m.listed.with_untracked(|l| {
            m.heights.with_value(|h| {
                l.get(w.first..w.end)
                    .is_some_and(|s| s.iter().any(|&i| !h.is_measured(i)))
            })
        });
        if unmeasured {
            request_animation_frame(move || measure(m, follow - 1));
        }
    }
}

/// Focuses `el` without scrolling it into view (`focus({ preventScroll: true })`, called through
/// `Reflect`: the options dictionary is not among the web-sys types the app builds with).
fn focus_in_place(el: &web_sys::HtmlElement) {
    use web_sys::js_sys::{Function, Object, Reflect};
    let options = Object::new();
    let _ = Reflect::set(&options, &"preventScroll".into(), &true.into());
    match Reflect::get(el, &"focus".into()).map(|f| f.dyn_into::<Function>()) {
        Ok(Ok(focus)) => {
            let _ = focus.call1(el, &options);
        }
        _ => {
            let _ = el.focus();
        }
    }
}

/// Every site's state under the filters shown, numbered so rows drawn from it can be keyed by it.
#[derive(Clone)]
struct States {
    version: u64,
    rows: Arc<Vec<RowState>>,
}

impl PartialEq for States {
    fn eq(&self, other: &States) -> bool {
        self.version == other.version
    }
}

/// A row's height before any is measured (CSS px; most rows of the default data are 80–100).
const ROW_GUESS_PX: f64 = 90.0;
/// Rows drawn above and below the box's view (CSS px), so a scroll shows drawn rows at once.
const OVERSCAN_PX: f64 = 600.0;
/// The most rows drawn at once, whatever the heights.
const MAX_DRAWN: usize = 120;
/// The box's height (`max-height: 70vh` in sites.css) before it is measured.
const BOX_SHARE: f64 = 0.7;

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

/// The window's inner height (CSS px), read without a layout.
fn window_height() -> f64 {
    web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .unwrap_or(900.0)
}

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
    let tip = RwSignal::new(None::<Tip>);
    // The site whose row last had the focus: it keeps the table's one tab stop while drawn.
    let active = RwSignal::new(None::<usize>);
    let scroll_ref = NodeRef::<leptos::html::Div>::new();
    let body_ref = NodeRef::<leptos::html::Tbody>::new();
    let section_ref = NodeRef::<leptos::html::Section>::new();
    // The filters as the table shows them (a frame late while the table is off screen).
    let shown = seen_filters(f, element_of(section_ref));

    // Facts once per data set; states, order and window as the filters and the scroll move.
    let facts: Arc<Vec<RowFacts>> = Arc::new(row_facts(&data));
    let counter = StoredValue::new(0u64);
    let d = data.clone();
    let states = Memo::new(move |_| {
        let rows = shown.with(|s| row_states(&d, &s.definition, &s.scope, s.as_at));
        counter.update_value(|n| *n += 1);
        States {
            version: counter.get_value(),
            rows: Arc::new(rows),
        }
    });
    let fa = facts.clone();
    let listed = Memo::new(move |_| {
        let filter = RowFilter {
            query: query.get(),
            include_non_counting: include_all.get(),
            live_only: live_only.get(),
        };
        states.with(|s| select_states(&fa, &s.rows, &filter, sort.get()))
    });
    // Every row in full, for the CSV download only: a memo is not computed until it is read,
    // and only the download reads it.
    let fa = facts.clone();
    let rows = Memo::new(move |_| {
        states.with(|s| {
            Arc::new(
                fa.iter()
                    .zip(s.rows.iter())
                    .map(|(f, st)| f.with_state(st))
                    .collect::<Vec<SiteRow>>(),
            )
        })
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

    // The box's scroll position and height as last measured, and the rows' heights.
    let view = RwSignal::new((0.0, window_height() * BOX_SHARE));
    let heights = StoredValue::new(RowHeights::new(total, ROW_GUESS_PX));
    let window = Memo::new(move |_| {
        let (top, height) = view.get();
        listed.with(|l| heights.with_value(|h| h.window(l, top, height, OVERSCAN_PX, MAX_DRAWN)))
    });
    let m = Measure {
        scroll_ref,
        body_ref,
        view,
        heights,
        listed,
        window,
        at_bottom: StoredValue::new(false),
        head: StoredValue::new(0.0),
        scrolled: RwSignal::new(0.0),
    };
    let resize = window_event_listener(leptos::ev::resize, move |_| {
        // Column widths follow the window: every row may wrap differently now.
        heights.update_value(RowHeights::clear);
        measure(m, FOLLOW_FRAMES);
    });
    on_cleanup(move || resize.remove());
    // A change made in the table itself (search, options, sort) starts the list from the top.
    let to_top = move || {
        if let Some(s) = scroll_ref.get_untracked() {
            s.set_scroll_top(0);
        }
        view.update(|v| v.0 = 0.0);
    };
    // The one tab stop: the row last focused while it is drawn, else the first row in view.
    let tab_stop = Memo::new(move |_| {
        let w = window.get();
        let a = active.get();
        listed.with(|l| {
            (w.first..w.end)
                .find(|&p| a.is_some() && l.get(p).copied() == a)
                .unwrap_or(w.in_view)
        })
    });

    let fa = facts.clone();
    let row_of = move |i: usize| -> Option<SiteRow> {
        let state = states.with_untracked(|s| s.rows.get(i).cloned())?;
        fa.get(i).map(|f| f.with_state(&state))
    };

    // Shows the summary below the row the pointer or focus is on.
    let show_tip = move |row: usize, pos: usize| {
        let (Some(scroller), Some(body)) = (scroll_ref.get_untracked(), body_ref.get_untracked())
        else {
            return;
        };
        let b = body.get_bounding_client_rect();
        let s = scroller.get_bounding_client_rect();
        let scrolled = f64::from(scroller.scroll_top());
        let body_top = b.top() - s.top() + scrolled;
        if m.scrolled.get_untracked() != scrolled {
            m.scrolled.set(scrolled);
        }
        tip.set(Some(Tip { row, pos, body_top }));
    };
    // The drawn row at `pos` of the list, if it is drawn.
    let drawn_row = move |pos: usize| -> Option<web_sys::HtmlElement> {
        body_ref
            .get_untracked()?
            .query_selector(&format!("tr[data-pos=\"{pos}\"]"))
            .ok()??
            .dyn_into()
            .ok()
    };
    // The place in the list of the row that has the keyboard focus, if one has.
    let focused_pos = move || -> Option<usize> {
        let el = document().active_element()?;
        let body = body_ref.get_untracked()?;
        let inside = el
            .parent_element()
            .is_some_and(|p| p.is_same_node(Some(&body)));
        inside
            .then(|| el.get_attribute("data-pos")?.parse().ok())
            .flatten()
    };
    // Focuses the row at `pos`; one not drawn is scrolled to and drawn first.
    let focus_row = move |pos: usize| {
        if let Some(tr) = drawn_row(pos) {
            let _ = tr.focus();
            return;
        }
        let Some(scroller) = scroll_ref.get_untracked() else {
            return;
        };
        let (_, height) = view.get_untracked();
        let offset = listed.with_untracked(|l| heights.with_value(|h| h.offset(l, pos)));
        let top = (offset - height / 3.0).max(0.0);
        scroller.set_scroll_top((top + m.head.get_value()).round() as i32);
        view.set((top, height));
        // The row is drawn by the time the next frame starts.
        request_animation_frame(move || {
            if let Some(tr) = drawn_row(pos) {
                let _ = tr.focus();
            }
        });
    };
    // Arrow keys, Page Up/Down, Home and End move between rows (one tab stop for the whole
    // list, drawn or not); Escape hides the summary.
    let on_row_key = move |pos: usize, ev: leptos::ev::KeyboardEvent| {
        let n = listed.with_untracked(Vec::len);
        let page = {
            let (_, height) = view.get_untracked();
            let typical = heights.with_value(RowHeights::typical);
            ((height / typical).floor() as usize).max(1)
        };
        let target = match ev.key().as_str() {
            "ArrowDown" => pos + 1,
            "ArrowUp" if pos > 0 => pos - 1,
            "PageDown" => (pos + page).min(n.saturating_sub(1)),
            "PageUp" => pos.saturating_sub(page),
            "Home" => 0,
            "End" => n.saturating_sub(1),
            "Escape" => {
                tip.set(None);
                return;
            }
            _ => return,
        };
        if target >= n || target == pos {
            return;
        }
        ev.prevent_default();
        focus_row(target);
    };

    let header = move |key: SortKey, label: &'static str| {
        view! {
            <th scope="col" class=format!("col-{}", key.slug()) aria-sort=move || sort.get().aria_for(key)>
                <button
                    type="button"
                    class="sort-button"
                    data-sort=key.slug()
                    on:click=move |_| {
                        sort.update(|s| *s = s.clicked(key));
                        to_top();
                    }
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

    // The rows drawn: (place in the list, site index, states version) — the key, so a row stays
    // in the page while it is in the window and the filters are unchanged.
    let drawn = move || {
        let w: RowWindow = window.get();
        let version = states.with(|s| s.version);
        let rows = listed.with(|l| {
            (w.first..w.end)
                .filter_map(|p| l.get(p).map(|&i| (p, i, version)))
                .collect::<Vec<_>>()
        });
        // Rows kept are moved when rows are added above them, and a moved row loses the focus:
        // the row that has it gets it back once the rows are in place (without scrolling).
        if let Some(pos) = focused_pos().filter(|&p| w.contains(p)) {
            leptos::task::spawn_local(async move {
                if focused_pos().is_none() {
                    if let Some(tr) = drawn_row(pos) {
                        focus_in_place(&tr);
                    }
                }
            });
        }
        rows
    };
    let spacer = move |px: f64| {
        view! {
            <tr class="sites-spacer" aria-hidden="true" style=format!("height:{px:.0}px")>
                <td colspan="9"></td>
            </tr>
        }
    };

    let row_for_tip = row_of.clone();
    let tip_view = move || {
        let t = tip.get()?;
        if !window.with(|w| w.contains(t.pos)) {
            return None;
        }
        // Under the row, in the box around the scroll box (so the summary of a row at the bottom
        // hangs below the box rather than lengthening what it scrolls): the row's bottom as the
        // heights have it, less the scroll, read again after each measure.
        view.track();
        let bottom = t.body_top + listed.with(|l| heights.with_value(|h| h.offset(l, t.pos + 1)));
        let top = bottom - m.scrolled.get();
        if top < 0.0 {
            return None;
        }
        let r = row_for_tip(t.row)?;
        Some(view! {
            <div class="sites-tip" id="sites-tip" role="tooltip" style=format!("top:{top:.0}px")>
                {shown.with(|s| tip_body(&r, s.as_at, &s.scope.name))}
            </div>
        })
    };

    view! {
        <section class="sites" aria-labelledby="sites-title" node_ref=section_ref>
            <h2 id="sites-title">"Sites"</h2>
            <p class="chart-note">
                "Every vanguard and ACS/ICS with the population of its footprint, worked out from the ONS populations of the pieces it covers (status: derived), beside the figure the site or NHS England published where there is one. Sort by a column's button; point at a row, or focus it (Tab, then the arrow keys, Page Up, Page Down, Home and End), for its value, status and source."
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
                            to_top();
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
                                to_top();
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
                                to_top();
                            }
                        />
                        {move || format!("Only sites live at the as-at date ({})", shown.with(|s| s.as_at.long()))}
                    </label>
                </div>
            </div>
            <p id="sites-count" class="sites-count" aria-live="polite">
                {move || count_text(listed.with(Vec::len), total)}
                {move || {
                    shown.with(|s| {
                        (!s.scope.is_england())
                            .then(|| format!(" whose footprint touches {}", s.scope.name))
                    })
                }}
                "."
            </p>
            <SitesExport rows=rows listed=listed />
            <div class="sites-box">
            <div class="sites-scroll" node_ref=scroll_ref on:scroll=move |_| measure(m, FOLLOW_FRAMES)>
                <table id="sites-table" aria-rowcount=move || listed.with(Vec::len).max(1) + 1>
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
                        <tr aria-rowindex="1">
                            {COLUMNS.into_iter().map(|(k, l)| header(k, l)).collect_view()}
                            <th scope="col" class="col-source">"Source"</th>
                        </tr>
                    </thead>
                    <tbody node_ref=body_ref on:mouseleave=move |_| tip.set(None)>
                        {move || listed.with(Vec::is_empty).then(|| view! {
                            <tr class="empty" aria-rowindex="2">
                                <td colspan="9">
                                    "No sites match. Clear the search, untick \"Only sites live\", or tick \"Also list sites that do not count\"."
                                </td>
                            </tr>
                        })}
                        {move || spacer(window.with(|w| w.before))}
                        <For
                            each=drawn
                            key=|k| *k
                            children=move |(pos, i, _)| {
                                let as_at = shown.with_untracked(|s| s.as_at);
                                row_of(i).map(|r| {
                                    site_row(&r, pos, as_at, RowHooks { show_tip, tip, tab_stop, active, on_key: on_row_key })
                                })
                            }
                        />
                        {move || spacer(window.with(|w| w.after))}
                    </tbody>
                </table>
            </div>
            {tip_view}
            </div>
        </section>
    }
}

/// What a row needs from the table: the summary, the tab stop and the keys.
struct RowHooks<S, K>
where
    S: Fn(usize, usize) + Copy + 'static,
    K: Fn(usize, leptos::ev::KeyboardEvent) + Copy + 'static,
{
    show_tip: S,
    tip: RwSignal<Option<Tip>>,
    tab_stop: Memo<usize>,
    active: RwSignal<Option<usize>>,
    on_key: K,
}

/// One row of the table, at place `pos` of the list.
fn site_row<S, K>(r: &SiteRow, pos: usize, as_at: Date, hooks: RowHooks<S, K>) -> impl IntoView
where
    S: Fn(usize, usize) + Copy + 'static,
    K: Fn(usize, leptos::ev::KeyboardEvent) + Copy + 'static,
{
    let RowHooks {
        show_tip,
        tip,
        tab_stop,
        active,
        on_key,
    } = hooks;
    let index = r.index;
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
            data-idx=index
            data-pos=pos
            aria-rowindex=pos + 2
            tabindex=move || if tab_stop.get() == pos { "0" } else { "-1" }
            aria-describedby=move || (tip.get().map(|t| t.row) == Some(index)).then_some("sites-tip")
            on:mouseenter=move |_| show_tip(index, pos)
            on:focusin=move |_| {
                active.set(Some(index));
                show_tip(index, pos)
            }
            on:focusout=move |_| tip.set(None)
            on:keydown=move |ev| on_key(pos, ev)
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
