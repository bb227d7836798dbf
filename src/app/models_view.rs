//! By model type over time, and the overlap: each type's own population (each person once within
//! a type), the population covered by any type, and the part covered by more than one.

use super::canvas::{draw_on, keep_drawn, point_tooltip, px_to_css};
use super::defer::{element_of, seen_filters};
use super::export_view::{ExportMenu, Exportable};
use super::state::use_ctx;
use coverboard::chart::{PlotArea, PointInfo};
use coverboard::coverage::by_model;
use coverboard::model_chart::{
    draw_model_chart_area, model_chart, model_point, model_point_info, ANY_TYPE,
};
use coverboard::summary::{pct, people};
use leptos::prelude::*;

#[component]
pub fn ModelsView() -> impl IntoView {
    let ctx = use_ctx();
    let f = ctx.filters;
    // The figures follow the filters a frame late while the view is off screen (defer.rs).
    let section_ref = NodeRef::<leptos::html::Section>::new();
    let seen = seen_filters(f, element_of(section_ref));
    let data = ctx.data.clone();
    let period = ctx.period.clone();
    let d = ctx.data.clone();
    // The table and the text alternative need only the as-at breakdown, not the whole series.
    let breakdown = Memo::new(move |_| {
        by_model(
            &d,
            &seen.with(|s| s.definition.clone()),
            &seen.with(|s| s.scope.clone()),
            seen.with(|s| s.as_at),
        )
    });
    let chart = Memo::new(move |_| {
        model_chart(
            &data,
            &seen.with(|s| s.definition.clone()),
            &seen.with(|s| s.scope.clone()),
            &period,
            seen.with(|s| s.as_at),
        )
    });
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    let area = StoredValue::new(None::<PlotArea>);
    keep_drawn(canvas_ref, chart, move |el, spec, width| {
        let drawn = draw_on(el, width, 0.45, 280.0, 480.0, |root, dpr| {
            draw_model_chart_area(root, spec, dpr)
        });
        area.set_value(drawn.ok());
    });
    // The keyboard-focused point: (line, month) in drawn order.
    let focus = RwSignal::new(None::<(usize, usize)>);
    let tip = RwSignal::new(None::<PointInfo>);
    let tip_pos = RwSignal::new((0.0, 0.0));
    let table_open = RwSignal::new(false);
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let spec = chart.get_untracked();
        let lines = spec.lines.len();
        let months = spec.dates.len();
        if lines == 0 || months == 0 {
            return;
        }
        let (j, k) = focus.get_untracked().unwrap_or_else(|| {
            let line = spec
                .lines
                .iter()
                .position(|l| l.label == ANY_TYPE)
                .unwrap_or(0);
            let as_at = seen.with_untracked(|s| s.as_at);
            let month = spec
                .dates
                .iter()
                .position(|d| *d >= as_at)
                .unwrap_or(months - 1);
            (line, month)
        });
        let next = match ev.key().as_str() {
            "ArrowRight" => (j, (k + 1).min(months - 1)),
            "ArrowLeft" => (j, k.saturating_sub(1)),
            "ArrowDown" => ((j + 1).min(lines - 1), k),
            "ArrowUp" => (j.saturating_sub(1), k),
            "Home" => (j, 0),
            "End" => (j, months - 1),
            "Escape" => {
                tip.set(None);
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        focus.set(Some(next));
        let (Some(el), Some(a)) = (canvas_ref.get_untracked(), area.get_value()) else {
            return;
        };
        if let Some(at) = model_point(&spec, &a, next.0, next.1) {
            tip_pos.set(px_to_css(&el, at));
            tip.set(model_point_info(&spec, next.0, next.1, at));
        }
    };
    let describe = move || {
        let c = chart.get();
        let k = c.dates.iter().position(|d| *d >= seen.with(|s| s.as_at));
        let parts: Vec<String> = c
            .lines
            .iter()
            .filter_map(|l| {
                k.and_then(|k| l.points.get(k))
                    .map(|p| format!("{} {}", l.label, people(p.1)))
            })
            .collect();
        format!(
            "{}. At {}: {}. Use the left and right arrow keys to read each month, up and down to change line.",
            c.title,
            seen.with(|s| s.as_at).long(),
            parts.join("; ")
        )
    };
    view! {
        <section class="models" aria-labelledby="models-title" node_ref=section_ref>
            <h2 id="models-title">"By model type, and the overlap"</h2>
            <div class="canvas-wrap">
            <canvas
                id="models-chart"
                node_ref=canvas_ref
                tabindex="0"
                aria-describedby="models-desc narrative"
                on:keydown=on_key
                on:blur=move |_| tip.set(None)
                role="img"
                aria-label=move || {
                    let b = breakdown.get();
                    format!(
                        "People covered by model type over time. At {}: any type {}, covered by more than one type {}.",
                        seen.with(|s| s.as_at).long(),
                        people(b.union),
                        people(b.covered_by_several)
                    )
                }
            ></canvas>
            {point_tooltip("models-tooltip", tip, tip_pos)}
            </div>
            <p class="visually-hidden" id="models-desc">{describe}</p>
            <p class="visually-hidden" aria-live="polite" id="models-live">
                {move || tip.get().map(|t| t.announcement())}
            </p>
            <ExportMenu name="model-types" noun="the model types chart" canvas=canvas_ref spec=move || Exportable::Models(chart.get_untracked()) />
            <table id="models-table">
                <caption>
                    {move || format!("At {} in {} (status: derived)", seen.with(|s| s.as_at).long(), seen.with(|s| s.scope.name.clone()))}
                </caption>
                <thead>
                    <tr>
                        <th scope="col">"Model type"</th>
                        <th scope="col">"People covered (each once within the type)"</th>
                        <th scope="col">"Share"</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let b = breakdown.get();
                        let base = b.base.max(1) as f64;
                        let rows = b
                            .per_model
                            .iter()
                            .map(|(m, p)| view! {
                                <tr>
                                    <th scope="row"><abbr title=m.name()>{m.code()}</abbr></th>
                                    <td class="num">{people(*p)}</td>
                                    <td class="num">{pct(*p as f64 / base)}</td>
                                </tr>
                            })
                            .collect_view();
                        view! {
                            {rows}
                            <tr class="sum">
                                <th scope="row">"Sum of the types (people counted once per type)"</th>
                                <td class="num" id="models-summed">{people(b.summed)}</td>
                                <td class="num">{pct(b.summed as f64 / base)}</td>
                            </tr>
                            <tr class="overlap">
                                <th scope="row">"Covered by more than one type"</th>
                                <td class="num" id="models-overlap">{people(b.covered_by_several)}</td>
                                <td class="num">{pct(b.covered_by_several as f64 / base)}</td>
                            </tr>
                            <tr class="union">
                                <th scope="row">"Any type, each person once (the headline)"</th>
                                <td class="num" id="models-union">{people(b.union)}</td>
                                <td class="num">{pct(b.union as f64 / base)}</td>
                            </tr>
                        }
                    }}
                </tbody>
            </table>
            <details class="as-table" on:toggle=move |ev| table_open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
                <summary>"Show the figures as a table"</summary>
                {move || table_open.get().then(|| {
                    let spec = chart.get();
                    view! {
                        <div class="table-scroll" tabindex="0" role="region" aria-label="Every figure drawn, month by month, scrollable">
                            <table id="models-table-all">
                                <caption>{format!("{}: people covered at each month end (derived: union of site footprints over ONS populations)", spec.title)}</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">"Month end"</th>
                                        {spec.lines.iter().map(|l| view! { <th scope="col">{l.label.clone()}</th> }).collect_view()}
                                    </tr>
                                </thead>
                                <tbody>
                                    {spec
                                        .dates
                                        .iter()
                                        .enumerate()
                                        .map(|(k, d)| view! {
                                            <tr>
                                                <th scope="row">{d.long()}</th>
                                                {spec.lines.iter().map(|l| view! { <td class="num">{l.points.get(k).map(|p| people(p.1)).unwrap_or_default()}</td> }).collect_view()}
                                            </tr>
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                })}
            </details>
        </section>
    }
}
