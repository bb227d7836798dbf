//! By model type over time, and the overlap: each type's own population (each person once within
//! a type), the population covered by any type, and the part covered by more than one.

use super::canvas::{draw_on, keep_drawn};
use super::defer::{element_of, seen_filters};
use super::export_view::{ExportMenu, Exportable};
use super::state::use_ctx;
use coverboard::coverage::by_model;
use coverboard::model_chart::{draw_model_chart, model_chart};
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
    keep_drawn(canvas_ref, chart, move |el, spec, width| {
        let _ = draw_on(el, width, 0.45, 280.0, 480.0, |root, dpr| {
            draw_model_chart(root, spec, dpr)
        });
    });
    view! {
        <section class="models" aria-labelledby="models-title" node_ref=section_ref>
            <h2 id="models-title">"By model type, and the overlap"</h2>
            <canvas
                id="models-chart"
                node_ref=canvas_ref
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
        </section>
    }
}
