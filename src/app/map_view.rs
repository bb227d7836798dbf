//! The map view: a choropleth of STPs or NHS regions coloured by coverage or ACS/ICS designation at
//! the as-at date. The boundaries are fetched only when the map is first shown, then kept. Clicking
//! an area (or its button in the table) filters the dashboard; pointing or the arrow keys show an
//! area's value, status and source; the table holds every figure as text.

use super::canvas::{draw_on, event_px, keep_drawn, px_to_css};
use super::defer::{element_of, seen_filters};
use super::export_view::{ExportMenu, Exportable};
use super::net::{fetch, Expect};
use super::state::{source_link, status_badge, use_ctx};
use coverboard::geo::{parse_geojson, Feature};
use coverboard::map_chart::{
    area_at, draw_map, map_chart, ColourBy, MapArea, MapGeometry, MapLevel, MapOptions, ATTRIBUTION,
};
use coverboard::problem::Problem;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

const DATA_DIR: &str = "data/";

/// One boundary file's state: fetched at most once per session unless it failed.
#[derive(Clone, Debug, PartialEq)]
pub enum Boundaries {
    NotLoaded,
    Loading,
    Ready {
        features: Arc<Vec<Feature>>,
        problems: Arc<Vec<Problem>>,
    },
    Failed(String),
}

/// Fetches and reads one boundary file. Every failure names the file.
async fn fetch_boundaries(level: MapLevel) -> Boundaries {
    let file = level.file();
    let url = format!("{DATA_DIR}{file}");
    let text = match fetch(&url, file, Expect::GeoJson).await {
        Ok(f) => f.text(),
        Err(e) => return Boundaries::Failed(e.to_string()),
    };
    let parsed = parse_geojson(file, &text, level.keys());
    if parsed.records.is_empty() {
        let why = parsed
            .problems
            .first()
            .map(|p| p.to_string())
            .unwrap_or_else(|| "no areas".to_string());
        return Boundaries::Failed(format!("Could not use {file}: {why}"));
    }
    Boundaries::Ready {
        features: Arc::new(parsed.records),
        problems: Arc::new(parsed.problems),
    }
}

/// Both boundary files' states, provided by the dashboard so the presentation deck and the board
/// pack draw the map the map view loaded (opening the map loads them).
#[derive(Clone, Copy)]
pub struct MapBoundaries {
    pub stp: RwSignal<Boundaries>,
    pub region: RwSignal<Boundaries>,
}

impl MapBoundaries {
    pub fn new() -> MapBoundaries {
        MapBoundaries {
            stp: RwSignal::new(Boundaries::NotLoaded),
            region: RwSignal::new(Boundaries::NotLoaded),
        }
    }

    /// The state of `level`'s boundary file.
    pub fn slot(&self, level: MapLevel) -> RwSignal<Boundaries> {
        match level {
            MapLevel::Stp => self.stp,
            MapLevel::Region => self.region,
        }
    }

    /// The features of `level` once loaded (empty before).
    pub fn features(&self, level: MapLevel) -> Arc<Vec<Feature>> {
        self.slot(level).with(|b| match b {
            Boundaries::Ready { features, .. } => features.clone(),
            _ => Arc::new(Vec::new()),
        })
    }
}

fn level_value(level: MapLevel) -> &'static str {
    match level {
        MapLevel::Stp => "stp",
        MapLevel::Region => "region",
    }
}

#[component]
pub fn MapView() -> impl IntoView {
    let ctx = use_ctx();
    let f = ctx.filters;
    // The figures follow the filters a frame late while the view is off screen (defer.rs).
    let section_ref = NodeRef::<leptos::html::Section>::new();
    let seen = seen_filters(f, element_of(section_ref));
    let data = ctx.data.clone();
    let level = ctx.view.map_level;
    let colour_by = ctx.view.map_colour;
    let open = ctx.view.map_open;
    // Shared with the presentation deck and the board pack (MapBoundaries below).
    let shared = use_context::<MapBoundaries>().unwrap_or_else(MapBoundaries::new);
    let slot_for = move |l: MapLevel| shared.slot(l);
    let load = move |l: MapLevel| {
        let slot = slot_for(l);
        slot.set(Boundaries::Loading);
        spawn_local(async move {
            let result = fetch_boundaries(l).await;
            // The dashboard may be gone by now: then there is nothing to update.
            let _ = slot.try_set(result);
        });
    };
    // Fetch the boundaries of the level shown, the first time the map is opened at that level.
    Effect::new(move |_| {
        if !open.get() {
            return;
        }
        let l = level.get();
        if slot_for(l).with_untracked(|b| *b == Boundaries::NotLoaded) {
            load(l);
        }
    });
    let current = move || slot_for(level.get()).get();
    let ready = move || matches!(current(), Boundaries::Ready { .. });

    let d = data.clone();
    let chart = Memo::new(move |_| {
        let l = level.get();
        let boundaries = slot_for(l).get();
        let features: &[Feature] = match &boundaries {
            Boundaries::Ready { features, .. } => features.as_slice(),
            _ => &[],
        };
        let options = MapOptions {
            level: l,
            colour_by: colour_by.get(),
            as_at: seen.with(|s| s.as_at),
        };
        map_chart(
            &d,
            &seen.with(|s| s.definition.clone()),
            &options,
            l.file(),
            features,
        )
    });

    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    let geometry = StoredValue::new(None::<MapGeometry>);
    // Each area's inside point in CSS pixels from the canvas's top left (for tests and tooltips).
    let anchors = RwSignal::new(Vec::<(String, (f64, f64))>::new());
    let draw_error = RwSignal::new(None::<String>);
    // The tooltip: which area, and where (CSS pixels in the canvas box).
    let tip = RwSignal::new(None::<(String, (f64, f64))>);
    let hover = RwSignal::new(false);
    let focus_index = RwSignal::new(None::<usize>);
    // What the canvas shows: the map, the selected area, and whether the map is shown at all.
    let drawn_spec = Memo::new(move |_| {
        (
            chart.get(),
            seen.with(|s| s.scope.code.clone()),
            open.get() && ready(),
        )
    });
    keep_drawn(
        canvas_ref,
        drawn_spec,
        move |el, (spec, selected, shown), css_width| {
            // A canvas with no width yet (just shown) is drawn when its observer reports one.
            let width = css_width as i32;
            if !*shown || !spec.has_shapes() || width == 0 {
                return;
            }
            // Wide: the map beside its legend. Narrow: the legend below, so a taller canvas, and
            // slightly smaller type on a phone.
            let (aspect, type_scale) = match width {
                w if w < 480 => (2.2, 0.85),
                w if w < 760 => (1.6, 1.0),
                _ => (0.62, 1.0),
            };
            let result = draw_on(el, css_width, aspect, 380.0, 900.0, |root, dpr| {
                draw_map(root, spec, selected, dpr * type_scale)
            });
            match result {
                Ok(g) => {
                    // CSS pixels from the width just drawn at: no layout read after a redraw.
                    let scale = css_width / f64::from(el.width().max(1));
                    anchors.set(
                        g.anchors
                            .iter()
                            .map(|(c, p)| (c.clone(), (p.0 * scale, p.1 * scale)))
                            .collect(),
                    );
                    geometry.set_value(Some(g));
                    draw_error.set(None);
                }
                Err(e) => draw_error.set(Some(e)),
            }
        },
    );

    let pick = move |code: String| {
        let current = f.scope.get_untracked().code;
        f.region.set(if current == code {
            "ENG".to_string()
        } else {
            code
        });
    };
    let code_at = move |ev: &leptos::ev::MouseEvent| -> Option<(String, (f64, f64))> {
        let el = canvas_ref.get_untracked()?;
        let (x, y) = event_px(&el, ev);
        let code = geometry.with_value(|g| {
            g.as_ref()
                .and_then(|g| area_at(g, x, y))
                .map(str::to_string)
        })?;
        Some((code, px_to_css(&el, (x, y))))
    };
    let on_move = move |ev: leptos::ev::MouseEvent| {
        let hit = code_at(&ev);
        hover.set(hit.is_some());
        tip.set(hit);
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if let Some((code, _)) = code_at(&ev) {
            pick(code);
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let codes: Vec<String> = chart.with_untracked(|c| {
            c.areas
                .iter()
                .filter(|a| !a.shapes.is_empty())
                .map(|a| a.code.clone())
                .collect()
        });
        let n = codes.len();
        if n == 0 {
            return;
        }
        let now = focus_index.get_untracked();
        let next = match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" => now.map(|i| (i + 1) % n).unwrap_or(0),
            "ArrowLeft" | "ArrowUp" => now.map(|i| (i + n - 1) % n).unwrap_or(n - 1),
            "Home" => 0,
            "End" => n - 1,
            "Enter" | " " => {
                if let Some(code) = now.and_then(|i| codes.get(i)) {
                    ev.prevent_default();
                    pick(code.clone());
                }
                return;
            }
            "Escape" => {
                focus_index.set(None);
                tip.set(None);
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        focus_index.set(Some(next));
        if let Some(code) = codes.get(next) {
            let at = anchors.with_untracked(|a| {
                a.iter()
                    .find(|(c, _)| c == code)
                    .map(|(_, p)| *p)
                    .unwrap_or((0.0, 0.0))
            });
            tip.set(Some((code.clone(), at)));
        }
    };
    let tip_area = move || -> Option<(MapArea, (f64, f64))> {
        let (code, at) = tip.get()?;
        chart.with(|c| c.area(&code).cloned()).map(|a| (a, at))
    };
    let anchor_of = move |code: &str, axis: usize| -> Option<String> {
        anchors.with(|a| {
            a.iter()
                .find(|(c, _)| c == code)
                .map(|(_, p)| format!("{:.1}", if axis == 0 { p.0 } else { p.1 }))
        })
    };
    let region_names = data.clone();

    view! {
        <section class="map-panel" aria-labelledby="map-title" node_ref=section_ref>
            <h2 id="map-title">"Map"</h2>
            <p class="chart-note">
                "Each STP or NHS region coloured by its coverage, or by whether it was an ACS/ICS, at the as-at date. Click an area, or its button in the table, to filter the dashboard to it; click it again for all England."
            </p>
            <div class="map-controls">
                <fieldset>
                    <legend>"Areas"</legend>
                    {[MapLevel::Stp, MapLevel::Region]
                        .into_iter()
                        .map(|l| {
                            let id = format!("map-level-{}", level_value(l));
                            let label_for = id.clone();
                            view! {
                                <label class="check" for=label_for>
                                    <input
                                        type="radio"
                                        name="map-level"
                                        id=id
                                        value=level_value(l)
                                        prop:checked=move || level.get() == l
                                        on:change=move |_| {
                                            focus_index.set(None);
                                            tip.set(None);
                                            level.set(l);
                                        }
                                    />
                                    {l.plural()}
                                </label>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <fieldset>
                    <legend>"Colour by"</legend>
                    {[(ColourBy::Coverage, "coverage", "Coverage (the definition above)"), (ColourBy::Designation, "designation", "ACS/ICS designation")]
                        .into_iter()
                        .map(|(c, value, text)| {
                            let id = format!("map-colour-{value}");
                            let label_for = id.clone();
                            view! {
                                <label class="check" for=label_for>
                                    <input
                                        type="radio"
                                        name="map-colour"
                                        id=id
                                        value=value
                                        prop:checked=move || colour_by.get() == c
                                        on:change=move |_| colour_by.set(c)
                                    />
                                    {text}
                                </label>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <button
                    type="button"
                    id="map-toggle"
                    class="button"
                    aria-expanded=move || open.get().to_string()
                    aria-controls="map-body"
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    {move || if open.get() { "Hide the map" } else { "Show the map" }}
                </button>
            </div>
            <p id="map-summary" class="map-summary">{move || chart.get().summary()}</p>
            <div id="map-body" class="map-body" hidden=move || !open.get()>
                {move || match current() {
                    Boundaries::Loading | Boundaries::NotLoaded => {
                        Some(
                            view! {
                                <p class="loading map-loading" role="status" aria-live="polite">
                                    {format!("Loading the boundaries ({})…", level.get().file())}
                                </p>
                            }
                                .into_any(),
                        )
                    }
                    Boundaries::Failed(message) => {
                        Some(
                            view! {
                                <div class="map-error" id="map-error" role="alert">
                                    <p>
                                        <strong>"The map could not be shown. "</strong>
                                        {message}
                                    </p>
                                    <p>"Every figure is still in the table below and in the rest of the dashboard."</p>
                                    <button type="button" class="button" on:click=move |_| load(level.get_untracked())>
                                        "Try again"
                                    </button>
                                </div>
                            }
                                .into_any(),
                        )
                    }
                    Boundaries::Ready { .. } => None,
                }}
                <div class="canvas-wrap map-wrap" hidden=move || !ready()>
                    <canvas
                        id="map-canvas"
                        node_ref=canvas_ref
                        tabindex="0"
                        role="img"
                        aria-describedby="map-summary narrative"
                        class:pointing=move || hover.get()
                        aria-label=move || {
                            let c = chart.get();
                            format!(
                                "{}. {} Use the arrow keys to read each area and Enter to filter the dashboard to it; the table below lists every figure.",
                                c.title,
                                c.summary()
                            )
                        }
                        on:mousemove=on_move
                        on:mouseleave=move |_| {
                            hover.set(false);
                            tip.set(None);
                        }
                        on:click=on_click
                        on:keydown=on_key
                        on:blur=move |_| {
                            focus_index.set(None);
                            tip.set(None);
                        }
                    ></canvas>
                    {move || {
                        tip_area()
                            .map(|(a, (x, y))| {
                                view! {
                                    <div class="tooltip map-tooltip" id="map-tooltip" style=format!("left:{x:.0}px;top:{y:.0}px")>
                                        <strong>{a.name.clone()}</strong>
                                        <br />
                                        <span class="map-tip-value">{a.value.clone()}</span>
                                        ": "
                                        {a.detail.clone()}
                                        <br />
                                        {status_badge(a.status)}
                                        " "
                                        {a.source.clone()}
                                    </div>
                                }
                            })
                    }}
                </div>
                {move || ready().then(|| view! { <ExportMenu name="map" noun="the map" canvas=canvas_ref spec=move || { let (c, s, ..) = drawn_spec.get_untracked(); Exportable::Map(c, s) } /> })}
                <p class="visually-hidden" aria-live="polite" id="map-live">
                    {move || tip_area().map(|(a, _)| a.describe())}
                </p>
                {move || draw_error.get().map(|e| view! { <p class="field-message" role="alert">"The map could not be drawn: " {e}</p> })}
                <p class="attribution map-attribution" id="map-attribution">{ATTRIBUTION}</p>
                {move || {
                    let c = chart.get();
                    let missing: Vec<String> = if ready() {
                        c.missing_shapes().iter().map(|a| a.name.clone()).collect()
                    } else {
                        Vec::new()
                    };
                    (!missing.is_empty())
                        .then(|| {
                            view! {
                                <p class="chart-note" id="map-missing">
                                    {format!("Not on the map ({} has no boundary for them; their figures are in the table): {}.", c.file, missing.join(", "))}
                                </p>
                            }
                        })
                }}
                {move || {
                    let mut problems: Vec<String> = match current() {
                        Boundaries::Ready { problems, .. } => problems.iter().map(|p| p.to_string()).collect(),
                        _ => Vec::new(),
                    };
                    if ready() {
                        problems.extend(chart.get().problems.iter().map(|p| p.to_string()));
                    }
                    (!problems.is_empty())
                        .then(|| {
                            view! {
                                <details class="map-problems" id="map-problems">
                                    <summary>
                                        {format!(
                                            "Map data checks: {} problem{} (those areas are left off the map)",
                                            problems.len(),
                                            if problems.len() == 1 { "" } else { "s" },
                                        )}
                                    </summary>
                                    <ul>{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                                </details>
                            }
                        })
                }}
            </div>
            <details class="as-table" id="map-table-details">
                <summary>"Show as table"</summary>
                <div class="table-scroll" tabindex="0" role="region" aria-label="The areas on the map, scrollable">
                    <table id="map-table">
                        <caption>
                            {move || {
                                let c = chart.get();
                                format!("{} ({}). Each area's button filters the dashboard to it.", c.title, c.subtitle)
                            }}
                        </caption>
                        <thead>
                            <tr>
                                <th scope="col">{move || if level.get() == MapLevel::Stp { "STP" } else { "NHS region" }}</th>
                                {move || (level.get() == MapLevel::Stp).then(|| view! { <th scope="col">"NHS region"</th> })}
                                <th scope="col">
                                    {move || match (colour_by.get(), level.get()) {
                                        (ColourBy::Coverage, _) => "Coverage",
                                        (ColourBy::Designation, MapLevel::Stp) => "ACS/ICS status",
                                        (ColourBy::Designation, MapLevel::Region) => "In an ACS/ICS",
                                    }}
                                </th>
                                <th scope="col">"Details"</th>
                                <th scope="col">"Status"</th>
                                <th scope="col">"Source"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {move || {
                                let c = chart.get();
                                // The selection only restyles rows: it is read per row, so a
                                // region change does not rebuild the table.
                                let stp_level = c.options.level == MapLevel::Stp;
                                let names = region_names.clone();
                                c.areas
                                    .iter()
                                    .map(|a| {
                                        let code = a.code.clone();
                                        let code_x = a.code.clone();
                                        let code_y = a.code.clone();
                                        let code_sel = a.code.clone();
                                        let code_pressed = a.code.clone();
                                        let is_sel = move || seen.with(|s| s.scope.code == code_sel);
                                        let is_pressed = move || seen.with(|s| s.scope.code == code_pressed);
                                        let region = names.areas.region_name(&a.region_code);
                                        view! {
                                            <tr
                                                class=move || if is_sel() { "selected" } else { "" }
                                                data-code=a.code.clone()
                                                data-share=a.share.map(|s| s.to_string())
                                                data-map-x=move || anchor_of(&code_x, 0)
                                                data-map-y=move || anchor_of(&code_y, 1)
                                            >
                                                <th scope="row">
                                                    <button
                                                        type="button"
                                                        class="link-button"
                                                        aria-pressed=move || is_pressed().to_string()
                                                        on:click=move |_| pick(code.clone())
                                                    >
                                                        {a.name.clone()}
                                                    </button>
                                                </th>
                                                {stp_level.then(|| view! { <td>{region}</td> })}
                                                <td class="num value">{a.value.clone()}</td>
                                                <td>{a.detail.clone()}</td>
                                                <td>{status_badge(a.status)}</td>
                                                <td>{source_link(a.url.clone(), a.source.clone())}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()
                            }}
                        </tbody>
                    </table>
                </div>
            </details>
        </section>
    }
}
