//! Presentation mode and the board pack. The deck shows the views one slide at a time, full
//! screen, in a projector theme (large type, thick lines, high contrast), following the current
//! filters; the board pack prints the same slides on A4 landscape pages. Both draw the charts
//! with the same core functions as the dashboard, larger.

use super::canvas::{draw_on, draw_on_at, keep_drawn};
use super::map_view::MapBoundaries;
use super::narrative_view::narrative_paragraphs;
use super::state::{use_ctx, Ctx};
use coverboard::chart::{draw_coverage_chart, main_chart};
use coverboard::map_chart::{draw_map, map_chart, MapOptions};
use coverboard::model_chart::{draw_model_chart, model_chart};
use coverboard::region_chart::{draw_region_chart, region_chart};
use coverboard::sites_table::{
    row_facts, row_states, select_states, Direction, RowFilter, Sort, SortKey,
};
use coverboard::summary::{coverage_figure, gap_figure, pct, people, time_left, verdict_reason};
use leptos::portal::Portal;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// The slides, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slide {
    Headline,
    Trajectory,
    Regions,
    Models,
    Map,
    Sites,
}

impl Slide {
    pub const ALL: [Slide; 6] = [
        Slide::Headline,
        Slide::Trajectory,
        Slide::Regions,
        Slide::Models,
        Slide::Map,
        Slide::Sites,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Slide::Headline => "Where we stand",
            Slide::Trajectory => "Trajectory and projection",
            Slide::Regions => "By region",
            Slide::Models => "By model type, and the overlap",
            Slide::Map => "Map",
            Slide::Sites => "Sites",
        }
    }

    fn slug(self) -> &'static str {
        match self {
            Slide::Headline => "headline",
            Slide::Trajectory => "trajectory",
            Slide::Regions => "regions",
            Slide::Models => "models",
            Slide::Map => "map",
            Slide::Sites => "sites",
        }
    }
}

/// Chart sizes and scale for the deck (fills the screen) or a printed page (A4 landscape).
#[derive(Clone, Copy, PartialEq)]
enum Medium {
    Deck,
    Print,
}

impl Medium {
    /// Multiplies every size in the drawing: larger type and thicker lines than on the page.
    fn emphasis(self) -> f64 {
        match self {
            Medium::Deck => 1.5,
            Medium::Print => 1.15,
        }
    }
}

/// CSS width the printed charts are drawn at (an A4 landscape page less its margins, at 96 px/in).
const PRINT_WIDTH: f64 = 1000.0;
const PRINT_HEIGHT: f64 = 470.0;

/// The window's inner height in CSS pixels (no layout read).
fn window_height() -> f64 {
    web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .unwrap_or(800.0)
}

/// A canvas drawn with `draw` whenever `spec` changes: in the deck when on screen (sized to the
/// slide), in print at a fixed page size and twice the resolution.
fn chart_canvas<S>(
    id: String,
    label: Signal<String>,
    medium: Medium,
    spec: Memo<S>,
    draw: impl Fn(
            &plotters::drawing::DrawingArea<super::canvas::MeasuringCanvas, plotters::coord::Shift>,
            &S,
            f64,
        ) -> Result<(), String>
        + Copy
        + Send
        + Sync
        + 'static,
) -> impl IntoView
where
    S: Clone + PartialEq + Send + Sync + 'static,
{
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    let error = RwSignal::new(None::<String>);
    let emphasis = medium.emphasis();
    match medium {
        Medium::Deck => keep_drawn(canvas_ref, spec, move |el, s, width| {
            let max_h = (window_height() * 0.62).max(260.0);
            let result = draw_on(el, width, 0.5, 240.0, max_h, |root, dpr| {
                draw(root, s, dpr * emphasis)
            });
            error.set(result.err());
        }),
        Medium::Print => {
            Effect::new(move |_| {
                let s = spec.get();
                let Some(el) = canvas_ref.get() else { return };
                // Twice the page's resolution, whatever the screen's pixel ratio.
                let aspect = PRINT_HEIGHT / PRINT_WIDTH;
                let result = draw_on_at(
                    &el,
                    PRINT_WIDTH,
                    aspect,
                    PRINT_HEIGHT,
                    PRINT_HEIGHT,
                    2.0,
                    |root, ratio| draw(root, &s, ratio * emphasis),
                );
                error.set(result.err());
            });
        }
    }
    view! {
        <canvas id=id class="slide-chart" node_ref=canvas_ref role="img" aria-label=move || label.get()></canvas>
        {move || error.get().map(|e| view! { <p class="error" role="alert">{format!("The chart could not be drawn: {e}")}</p> })}
    }
}

/// The body of one slide (deck or print).
fn slide_body(ctx: &Ctx, slide: Slide, medium: Medium) -> AnyView {
    let f = ctx.filters;
    let data = ctx.data.clone();
    let prefix = match medium {
        Medium::Deck => "deck",
        Medium::Print => "pack",
    };
    let id = move |what: &str| format!("{prefix}-{what}");
    match slide {
        Slide::Headline => {
            let o = f.outlook;
            let target_date = data.target_date;
            view! {
                <div class="slide-figures">
                    <div class="slide-figure main">
                        <p class="label">"Population covered"</p>
                        <p class="value" id=id("coverage")>{move || coverage_figure(&o.get())}</p>
                        <p class="detail">{move || {
                            let c = o.get().current;
                            format!("{} of {} people (ONS mid-{})", people(c.covered), people(c.base), c.population_year)
                        }}</p>
                    </div>
                    <div class="slide-figure">
                        <p class="label">"Target"</p>
                        <p class="value">{move || pct(o.get().target_share)}</p>
                        <p class="detail">{format!("by {}", target_date.long())}</p>
                    </div>
                    <div class="slide-figure">
                        <p class="label">"Gap"</p>
                        <p class="value">{move || {
                            let g = gap_figure(&o.get());
                            if g.ends_with("points") { format!("{g} short") } else { g }
                        }}</p>
                        <p class="detail">{move || time_left(f.as_at.get(), target_date)}</p>
                    </div>
                    <div class=move || {
                        format!("slide-figure verdict {}", o.get().verdict.tone())
                    }>
                        <p class="label">"Trajectory"</p>
                        <p class="value" id=id("verdict")>{move || o.get().verdict.label()}</p>
                        <p class="detail">{move || verdict_reason(&o.get())}</p>
                    </div>
                </div>
                <p class="slide-lead">{move || f.narrative.with(|n| format!("{} {}", n.change, n.gap))}</p>
            }
            .into_any()
        }
        Slide::Trajectory => {
            let period = ctx.period.clone();
            let spec = Memo::new(move |_| {
                let o = f.outlook.get();
                main_chart(
                    &data,
                    &f.definition.get(),
                    &f.scope.get(),
                    &period,
                    f.as_at.get(),
                    Some(&o),
                    coverboard::chart::ChartOptions {
                        show_events: false,
                        show_projection: true,
                    },
                )
            });
            let label = Signal::derive(move || f.narrative.with(|n| n.text()));
            view! {
                {chart_canvas(id("trajectory-chart"), label, medium, spec, |root, s, scale| {
                    draw_coverage_chart(root, s, scale).map(|_| ())
                })}
                <p class="slide-lead">{move || f.narrative.with(|n| n.outlook.clone())}</p>
            }
            .into_any()
        }
        Slide::Regions => {
            let spec = Memo::new(move |_| {
                (
                    region_chart(&data, &f.definition.get(), f.as_at.get()),
                    f.scope.get().code,
                )
            });
            let label = Signal::derive(move || spec.with(|(c, _)| c.summary()));
            view! {
                {chart_canvas(id("regions-chart"), label, medium, spec, |root, (c, sel), scale| {
                    draw_region_chart(root, c, sel, scale).map(|_| ())
                })}
            }
            .into_any()
        }
        Slide::Models => {
            let period = ctx.period.clone();
            let spec = Memo::new(move |_| {
                model_chart(
                    &data,
                    &f.definition.get(),
                    &f.scope.get(),
                    &period,
                    f.as_at.get(),
                )
            });
            let label = Signal::derive(move || {
                format!(
                    "Population covered by each model type over time in {}, and by more than one type.",
                    f.scope.get().name
                )
            });
            view! {
                {chart_canvas(id("models-chart"), label, medium, spec, |root, c, scale| {
                    draw_model_chart(root, c, scale)
                })}
            }
            .into_any()
        }
        Slide::Map => {
            let view_state = ctx.view;
            let boundaries = use_context::<MapBoundaries>();
            // Opening the map on the dashboard loads the boundaries (once); the slide waits.
            if let Some(b) = boundaries {
                if b.features(view_state.map_level.get_untracked()).is_empty() {
                    view_state.map_open.set(true);
                }
            }
            let spec = Memo::new(move |_| {
                let level = view_state.map_level.get();
                let features = boundaries.map(|b| b.features(level)).unwrap_or_default();
                let options = MapOptions {
                    level,
                    colour_by: view_state.map_colour.get(),
                    as_at: f.as_at.get(),
                };
                (
                    map_chart(
                        &data,
                        &f.definition.get(),
                        &options,
                        level.file(),
                        &features,
                    ),
                    f.scope.get().code,
                )
            });
            let label = Signal::derive(move || spec.with(|(c, _)| c.summary()));
            view! {
                {move || {
                    if spec.with(|(c, _)| c.has_shapes()) {
                        chart_canvas(id("map-chart"), label, medium, spec, |root, (c, sel), scale| {
                            draw_map(root, c, sel, scale).map(|_| ())
                        })
                        .into_any()
                    } else {
                        view! { <p class="slide-lead">"Loading the map boundaries…"</p> }.into_any()
                    }
                }}
                <p class="slide-note">{move || spec.with(|(c, _)| c.summary())}</p>
            }
            .into_any()
        }
        Slide::Sites => {
            // The sites' facts once; a filter change recomputes only their states and order, and
            // makes whole rows for the ten shown (an own list may have tens of thousands).
            let facts = row_facts(&data);
            let rows = Memo::new(move |_| {
                let states = row_states(&data, &f.definition.get(), &f.scope.get(), f.as_at.get());
                let filter = RowFilter {
                    query: String::new(),
                    include_non_counting: false,
                    live_only: true,
                };
                let sort = Sort {
                    key: SortKey::Population,
                    direction: Direction::Descending,
                };
                let listed = select_states(&facts, &states, &filter, sort);
                let n = listed.len();
                let top: Vec<_> = listed
                    .into_iter()
                    .take(10)
                    .filter_map(|i| Some(facts.get(i)?.with_state(states.get(i)?)))
                    .collect();
                (n, top)
            });
            view! {
                <p class="slide-lead" id=id("sites-count")>{move || rows.with(|(n, _)| format!(
                    "{n} site{} counted in {} at {}. The largest by population:",
                    if *n == 1 { "" } else { "s" },
                    f.scope.get().name,
                    f.as_at.get().long()
                ))}</p>
                <table class="slide-table">
                    <thead><tr><th scope="col">"Site"</th><th scope="col">"Model"</th><th scope="col">"Live from"</th><th scope="col" class="num">"Population"</th></tr></thead>
                    <tbody>
                        {move || rows.with(|(_, top)| top.iter().map(|r| view! {
                            <tr>
                                <th scope="row">{r.name.clone()}</th>
                                <td>{r.model.code()}</td>
                                <td>{r.live_from.clone()}</td>
                                <td class="num">{r.population.as_ref().map(|p| p.text()).unwrap_or_else(|| "—".into())}</td>
                            </tr>
                        }).collect_view())}
                    </tbody>
                </table>
                <p class="slide-note">"Footprint populations: ONS mid-year estimates of the pieces each footprint covers (status: derived)."</p>
            }
            .into_any()
        }
    }
}

/// The line under every slide's title: area, as-at date, data date and the definition.
fn slide_context(ctx: &Ctx) -> impl IntoView {
    let f = ctx.filters;
    let data_as_at = coverboard::date::Date::parse(&ctx.data.manifest.data_as_at)
        .map(|d| d.long())
        .unwrap_or_else(|_| ctx.data.manifest.data_as_at.clone());
    view! {
        <div class="slide-meta">
        <p class="slide-context">
            {move || format!("{} · as at {}", f.scope.get().name, f.as_at.get().long())}
            {format!(" · data as at {data_as_at}")}
        </p>
        <p class="slide-definition">"Definition: " {move || f.definition.get().short()}</p>
        </div>
    }
}

/// Adds or removes a class on `<body>` (the deck hides the page's scrollbar; the pack hides the
/// dashboard from print).
fn body_class(class: &str, on: bool) {
    if let Some(b) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        let _ = if on {
            b.class_list().add_1(class)
        } else {
            b.class_list().remove_1(class)
        };
    }
}

/// Requests full screen for the page (needs a user gesture; refused quietly otherwise).
fn enter_fullscreen() {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = el.request_fullscreen();
    }
}

fn in_fullscreen() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.fullscreen_element())
        .is_some()
}

fn exit_fullscreen() {
    if let Some(d) = web_sys::window().and_then(|w| w.document()) {
        if d.fullscreen_element().is_some() {
            d.exit_fullscreen();
        }
    }
}

/// The "Present" and "Print board pack" buttons, and the deck and pack they open.
#[component]
pub fn PresentControls() -> impl IntoView {
    let ctx = use_ctx();
    let slide = ctx.view.slide;
    let printing = RwSignal::new(false);
    let present_ref = NodeRef::<leptos::html::Button>::new();
    let start = move |_| {
        enter_fullscreen();
        slide.set(Some(0));
    };
    let print_pack = move |_| {
        printing.set(true);
        // Two frames: the pack is built and its charts drawn before the print dialog opens.
        request_animation_frame(move || {
            request_animation_frame(move || {
                set_timeout(
                    move || {
                        if let Some(w) = web_sys::window() {
                            let _ = w.print();
                        }
                    },
                    Duration::from_millis(50),
                );
            })
        });
    };
    // Ctrl+P (or the browser's menu) prints the board pack too: it is built as printing starts.
    let before_print = window_event_listener(leptos::ev::beforeprint, move |_| printing.set(true));
    let after_print = window_event_listener(leptos::ev::afterprint, move |_| printing.set(false));
    on_cleanup(move || {
        before_print.remove();
        after_print.remove();
    });
    view! {
        <div class="present-controls">
            <button type="button" class="button" id="present" node_ref=present_ref on:click=start>
                "Present"
            </button>
            <button type="button" class="button secondary" id="print-pack" on:click=print_pack>
                "Print board pack"
            </button>
            <span class="hint">"Present: full screen, one view a slide (arrow keys, Esc to leave). Board pack: A4 landscape, one view a page."</span>
        </div>
        {move || slide.get().is_some().then(|| view! { <Portal><Deck return_focus=present_ref /></Portal> })}
        {move || printing.get().then(|| view! { <Portal><BoardPack /></Portal> })}
    }
}

#[component]
fn Deck(return_focus: NodeRef<leptos::html::Button>) -> impl IntoView {
    let ctx = use_ctx();
    let slide = ctx.view.slide;
    let n = Slide::ALL.len();
    let notes = RwSignal::new(false);
    let deck_ref = NodeRef::<leptos::html::Div>::new();
    let was_fullscreen = StoredValue::new(false);
    let current = move || slide.get().unwrap_or(0).min(n - 1);
    let go = move |i: usize| slide.set(Some(i.min(n - 1)));
    let close = move || {
        exit_fullscreen();
        slide.set(None);
        if let Some(b) = return_focus.get_untracked() {
            let _ = b.focus();
        }
    };
    // A link may ask for a slide past the last: show the last, and say so in the address.
    Effect::new(move |_| {
        if slide.get().is_some_and(|i| i >= n) {
            slide.set(Some(n - 1));
        }
    });
    // Focus the deck when it opens, so the keys work at once; hide the page behind it.
    Effect::new(move |_| {
        if let Some(el) = deck_ref.get() {
            let _ = el.focus();
        }
    });
    body_class("deck-open", true);
    on_cleanup(|| body_class("deck-open", false));
    // Leaving full screen with the browser's own Esc also leaves the deck.
    let fs = window_event_listener(
        leptos::ev::Custom::<web_sys::Event>::new("fullscreenchange"),
        move |_| {
            if in_fullscreen() {
                was_fullscreen.set_value(true);
            } else if was_fullscreen.get_value() {
                was_fullscreen.set_value(false);
                slide.set(None);
            }
        },
    );
    on_cleanup(move || fs.remove());
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let on_deck = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
            .is_some_and(|t| t.id() == "deck");
        let i = current();
        match ev.key().as_str() {
            "ArrowRight" | "PageDown" => go(i + 1),
            " " if on_deck => go(i + 1),
            "ArrowLeft" | "PageUp" => go(i.saturating_sub(1)),
            "Home" => go(0),
            "End" => go(n - 1),
            "Escape" => close(),
            "n" | "N" => notes.update(|v| *v = !*v),
            _ => return,
        }
        ev.prevent_default();
    };
    let ctx_for_body = ctx.clone();
    view! {
        <div
            id="deck"
            class="deck"
            role="dialog"
            aria-modal="true"
            aria-roledescription="slide deck"
            aria-labelledby="deck-title"
            tabindex="-1"
            node_ref=deck_ref
            on:keydown=on_key
        >
            <header class="deck-header">
                <h2 id="deck-title">{move || Slide::ALL[current()].title()}</h2>
                <p class="deck-number" id="deck-number">{move || format!("{} / {n}", current() + 1)}</p>
            </header>
            {slide_context(&ctx)}
            <div class="deck-body" data-slide=move || Slide::ALL[current()].slug()>
                {move || slide_body(&ctx_for_body, Slide::ALL[current()], Medium::Deck)}
            </div>
            <aside class="deck-notes" id="deck-notes" hidden=move || !notes.get() aria-label="Speaker notes">
                <h3>"Speaker notes"</h3>
                {narrative_paragraphs()}
            </aside>
            <nav class="deck-nav" aria-label="Slides">
                <button type="button" class="button" id="deck-prev" on:click=move |_| go(current().saturating_sub(1)) disabled=move || { current() == 0 }>"Previous"</button>
                <button type="button" class="button" id="deck-next" on:click=move |_| go(current() + 1) disabled=move || { current() + 1 >= n }>"Next"</button>
                <button type="button" class="button secondary" id="deck-notes-toggle" aria-pressed=move || notes.get().to_string() aria-controls="deck-notes" on:click=move |_| notes.update(|v| *v = !*v)>"Notes"</button>
                <button type="button" class="button secondary" id="deck-fullscreen" on:click=move |_| enter_fullscreen() hidden=in_fullscreen>"Full screen"</button>
                <button type="button" class="button secondary" id="deck-exit" on:click=move |_| close()>"Exit (Esc)"</button>
                <span class="hint">"← → or Page Up/Down to move · Home/End · N notes · Esc to leave"</span>
            </nav>
            <p class="visually-hidden" aria-live="polite" id="deck-live">
                {move || format!("Slide {} of {n}: {}", current() + 1, Slide::ALL[current()].title())}
            </p>
        </div>
    }
}

/// The printed board pack: a summary page, then one slide a page. Shown only in print.
#[component]
fn BoardPack() -> impl IntoView {
    let ctx = use_ctx();
    let manifest = ctx.data.manifest.clone();
    let f = ctx.filters;
    let page = move |title: String, body: AnyView| {
        view! {
            <section class="pack-page">
                <header class="pack-header">
                    <p class="pack-brand">"coverboard · NHS new care models coverage"</p>
                    <h2>{title}</h2>
                    {slide_context(&use_ctx())}
                </header>
                <div class="pack-body">{body}</div>
                <footer class="pack-footer">
                    <p>{format!("Target: {} ({}). Population: {}", manifest.target.label, manifest.target.source, manifest.population_source)}</p>
                    <p>{manifest.attribution.clone()}</p>
                </footer>
            </section>
        }
    };
    body_class("printing-pack", true);
    on_cleanup(|| body_class("printing-pack", false));
    let summary = view! { <div class="pack-narrative">{narrative_paragraphs()}</div> }.into_any();
    let first = page(
        f.narrative
            .with_untracked(|n| format!("In brief: {}", n.title)),
        summary,
    );
    let pages = Slide::ALL
        .into_iter()
        .map(|s| page(s.title().to_string(), slide_body(&ctx, s, Medium::Print)))
        .collect_view();
    view! {
        <div id="board-pack" class="board-pack">
            {first}
            {pages}
        </div>
    }
}
