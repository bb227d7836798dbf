//! Coverage by NHS region at the as-at date: sorted bars with the target and England marked;
//! clicking a bar (or its button in the table) filters the dashboard to that region.

use super::canvas::{draw_on, event_px, keep_drawn, px_to_css};
use super::defer::{element_of, seen_filters};
use super::export_view::{ExportMenu, Exportable};
use super::state::use_ctx;
use coverboard::region_chart::{
    bar_at, bar_info, bar_point, draw_region_chart, region_chart, BarBox,
};
use coverboard::summary::{pct, people};
use leptos::prelude::*;

#[component]
pub fn RegionsView() -> impl IntoView {
    let ctx = use_ctx();
    let f = ctx.filters;
    // The figures follow the filters a frame late while the view is off screen (defer.rs).
    let section_ref = NodeRef::<leptos::html::Section>::new();
    let seen = seen_filters(f, element_of(section_ref));
    let data = ctx.data.clone();
    let chart = Memo::new(move |_| {
        region_chart(
            &data,
            &seen.with(|s| s.definition.clone()),
            seen.with(|s| s.as_at),
        )
    });
    let chart_and_selection =
        Memo::new(move |_| (chart.get(), seen.with(|s| s.scope.code.clone())));
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    let boxes = StoredValue::new(Vec::<BarBox>::new());
    let draw_error = RwSignal::new(None::<String>);
    keep_drawn(
        canvas_ref,
        chart_and_selection,
        move |el, (spec, selected), width| {
            let drawn = draw_on(el, width, 0.42, 260.0, 420.0, |root, dpr| {
                draw_region_chart(root, spec, selected, dpr)
            });
            draw_error.set(drawn.as_ref().err().cloned());
            if let Ok(b) = drawn {
                // The bars' boxes (canvas pixels), for tests and tools that click a bar.
                let text: Vec<String> = b
                    .iter()
                    .map(|x| format!("{}:{},{},{},{}", x.code, x.left, x.top, x.right, x.bottom))
                    .collect();
                let _ = el.set_attribute("data-bars", &text.join(";"));
                boxes.set_value(b);
            }
        },
    );
    let pick = move |code: String| {
        let current = f.region.get_untracked();
        f.region.set(if current == code {
            "ENG".to_string()
        } else {
            code
        });
    };
    let tip = RwSignal::new(None::<(String, (f64, f64))>);
    let on_move = move |ev: leptos::ev::MouseEvent| {
        let Some(el) = canvas_ref.get_untracked() else {
            return;
        };
        let (x, y) = event_px(&el, &ev);
        let hit = boxes.with_value(|b| bar_at(b, x, y).map(str::to_string));
        let text = hit
            .and_then(|code| {
                chart
                    .get_untracked()
                    .bars
                    .into_iter()
                    .find(|b| b.code == code)
            })
            .map(|b| b.describe());
        tip.set(text.map(|t| (t, px_to_css(&el, (x, y)))));
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(el) = canvas_ref.get_untracked() else {
            return;
        };
        let (x, y) = event_px(&el, &ev);
        if let Some(code) = boxes.with_value(|b| bar_at(b, x, y).map(str::to_string)) {
            pick(code);
        }
    };
    // Index of the keyboard-focused bar (drawn order, top first) and what the live region says.
    let focus_index = RwSignal::new(None::<usize>);
    let live = RwSignal::new(None::<String>);
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let spec = chart.get_untracked();
        let n = spec.bars.len();
        if n == 0 {
            return;
        }
        let current = focus_index.get_untracked();
        let next = match ev.key().as_str() {
            "ArrowDown" | "ArrowRight" => current.map_or(0, |i| (i + 1).min(n - 1)),
            "ArrowUp" | "ArrowLeft" => current.map_or(0, |i| i.saturating_sub(1)),
            "Home" => 0,
            "End" => n - 1,
            "Enter" | " " => {
                ev.prevent_default();
                if let Some(b) = current.and_then(|i| spec.bars.get(i)) {
                    pick(b.code.clone());
                }
                return;
            }
            "Escape" => {
                tip.set(None);
                live.set(None);
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        focus_index.set(Some(next));
        let Some(el) = canvas_ref.get_untracked() else {
            return;
        };
        let at = boxes.with_value(|b| bar_point(&spec, b, next));
        if let (Some(at), Some(bar)) = (at, spec.bars.get(next)) {
            tip.set(Some((bar.describe(), px_to_css(&el, at))));
            live.set(bar_info(&spec, next, at).map(|t| t.announcement()));
        }
    };
    let label = move || chart.with(|c| c.summary());
    view! {
        <section class="regions" aria-labelledby="regions-title" node_ref=section_ref>
            <h2 id="regions-title">"By region"</h2>
            <p class="chart-note">"Click a bar, or a region's button below, to filter the dashboard to it; click again for all England. Or focus the chart: the arrow keys walk the bars, Enter filters."</p>
            <div class="canvas-wrap">
            <canvas
                id="regions-chart"
                node_ref=canvas_ref
                tabindex="0"
                role="img"
                aria-label=label
                aria-describedby="regions-desc narrative"
                on:click=on_click
                on:mousemove=on_move
                on:mouseleave=move |_| tip.set(None)
                on:keydown=on_key
                on:blur=move |_| tip.set(None)
            ></canvas>
            {move || {
                tip.get()
                    .map(|(text, (x, y))| {
                        view! {
                            <div class="tooltip" id="regions-tooltip" style=format!("left:{x:.0}px;top:{y:.0}px")>
                                {text}
                                <br />
                                <span class="status status-derived">"derived"</span>
                                " union of site footprints over ONS populations"
                            </div>
                        }
                    })
            }}
            </div>
            <p class="visually-hidden" id="regions-desc">
                {move || format!("{} Use the up and down arrow keys to read each bar, Enter to filter to that region.", label())}
            </p>
            <p class="visually-hidden" aria-live="polite" id="regions-live">{move || live.get()}</p>
            <ExportMenu name="regions" noun="the regions chart" canvas=canvas_ref spec=move || { let (c, s) = chart_and_selection.get_untracked(); Exportable::Regions(c, s) } />
            {move || {
                draw_error
                    .get()
                    .map(|e| view! { <p class="field-message" role="alert">"The chart could not be drawn: " {e}</p> })
            }}
            <table id="regions-table">
                <caption>
                    {move || format!("{} (definition: {}; status: derived)", chart.get().title, seen.with(|s| s.definition.clone()).short())}
                </caption>
                <thead>
                    <tr>
                        <th scope="col">"Region"</th>
                        <th scope="col">"Coverage"</th>
                        <th scope="col">"People covered"</th>
                        <th scope="col">"Population"</th>
                        <th scope="col">"Against target"</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let c = chart.get();
                        let selected = seen.with(|s| s.scope.code.clone());
                        c.bars
                            .iter()
                            .map(|b| {
                                let code = b.code.clone();
                                let is_sel = b.code == selected;
                                let against = if b.share >= c.target_share { "at or above" } else { "below" };
                                view! {
                                    <tr class=if is_sel { "selected" } else { "" } data-region=b.code.clone()>
                                        <th scope="row">
                                            <button type="button" class="link-button" aria-pressed=is_sel.to_string() on:click=move |_| pick(code.clone())>
                                                {b.name.clone()}
                                            </button>
                                        </th>
                                        <td class="num">{pct(b.share)}</td>
                                        <td class="num">{people(b.covered)}</td>
                                        <td class="num">{format!("{} (mid-{})", people(b.base), b.population_year)}</td>
                                        <td>{against}</td>
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                    <tr class="england">
                        <th scope="row">"England"</th>
                        <td class="num" id="regions-england">{move || pct(chart.get().england_share)}</td>
                        <td colspan="3">"all regions together"</td>
                    </tr>
                </tbody>
            </table>
        </section>
    }
}
