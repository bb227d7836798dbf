//! The definition panel: which model types count, partial footprints, overlaps once or summed,
//! and the population base; with the figure under each alternative side by side.

use super::defer::{element_of, seen_filters};
use super::state::use_ctx;
use coverboard::coverage::{
    alternatives, coverage_at, coverage_under, OverlapRule, PopulationBase,
};
use coverboard::model::ModelType;
use coverboard::summary::{pct, people};
use leptos::prelude::*;

#[component]
pub fn DefinitionPanel() -> impl IntoView {
    let ctx = use_ctx();
    let f = ctx.filters;
    // The figures follow the filters a frame late while the view is off screen (defer.rs).
    let section_ref = NodeRef::<leptos::html::Section>::new();
    let seen = seen_filters(f, element_of(section_ref));
    let data = ctx.data.clone();
    let selectable: Vec<ModelType> = ModelType::ALL
        .into_iter()
        .filter(|m| *m != ModelType::Acc)
        .collect();
    let alternatives = Memo::new(move |_| {
        let current = seen.with(|s| s.definition.clone());
        let scope = seen.with(|s| s.scope.clone());
        let as_at = seen.with(|s| s.as_at);
        let rows = alternatives(&current);
        // Every alternative in one pass through the sites; the chosen definition is among them.
        let defs: Vec<_> = rows.iter().map(|(_, d)| d.clone()).collect();
        let coverages = coverage_under(&data, &defs, &scope, as_at);
        let chosen = defs
            .iter()
            .position(|d| *d == current)
            .and_then(|i| coverages.get(i))
            .map_or_else(
                || coverage_at(&data, &current, &scope, as_at).share,
                |c| c.share,
            );
        rows.into_iter()
            .zip(coverages)
            .map(|((label, def), c)| {
                (
                    label,
                    def.short(),
                    c.share,
                    c.covered,
                    (c.share - chosen) * 100.0,
                )
            })
            .collect::<Vec<_>>()
    });
    view! {
        <section class="definition-panel" aria-labelledby="definition-title" node_ref=section_ref>
            <h2 id="definition-title">"What counts as covered"</h2>
            <p class="chart-note">
                "Nobody defined \"covered\" nationally (National Audit Office, 2018). Choose the definition; every figure on the page follows it."
            </p>
            <div class="definition-controls">
                <fieldset class="control models">
                    <legend>"Model types counted"</legend>
                    {selectable
                        .into_iter()
                        .map(|m| {
                            let id = format!("model-{}", m.code().to_ascii_lowercase());
                            let label_for = id.clone();
                            view! {
                                <label class="check" for=label_for>
                                    <input
                                        type="checkbox"
                                        id=id
                                        value=m.code()
                                        prop:checked=move || f.models.get().contains(&m)
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            f.models.update(|ms| {
                                                ms.retain(|x| *x != m);
                                                if on {
                                                    ms.push(m);
                                                    ms.sort();
                                                }
                                            });
                                        }
                                    />
                                    {m.name()}
                                </label>
                            }
                        })
                        .collect_view()}
                    <p class="hint">"Acute care collaborations (ACC) are networks with no defined population and never count."</p>
                </fieldset>
                <fieldset class="control">
                    <legend>"Vanguards that served part of their area"</legend>
                    <label class="check" for="partial-whole">
                        <input type="radio" id="partial-whole" name="partial" prop:checked=move || f.count_partial.get() on:change=move |_| f.count_partial.set(true) />
                        "Count the whole area (upper figure)"
                    </label>
                    <label class="check" for="partial-exclude">
                        <input type="radio" id="partial-exclude" name="partial" prop:checked=move || !f.count_partial.get() on:change=move |_| f.count_partial.set(false) />
                        "Leave them out (lower figure)"
                    </label>
                </fieldset>
                <fieldset class="control">
                    <legend>"People covered by several sites"</legend>
                    <label class="check" for="overlap-once">
                        <input type="radio" id="overlap-once" name="overlap" prop:checked=move || f.overlap.get() == OverlapRule::Once on:change=move |_| f.overlap.set(OverlapRule::Once) />
                        "Each person once"
                    </label>
                    <label class="check" for="overlap-summed">
                        <input type="radio" id="overlap-summed" name="overlap" prop:checked=move || f.overlap.get() == OverlapRule::Summed on:change=move |_| f.overlap.set(OverlapRule::Summed) />
                        "Once per site (summed, as adding up site figures would)"
                    </label>
                </fieldset>
                <fieldset class="control">
                    <legend>"Population base"</legend>
                    <label class="check" for="base-year">
                        <input type="radio" id="base-year" name="base" prop:checked=move || f.base.get() == PopulationBase::YearOfDate on:change=move |_| f.base.set(PopulationBase::YearOfDate) />
                        "ONS mid-year of the date's year"
                    </label>
                    <label class="check" for="base-2015">
                        <input type="radio" id="base-2015" name="base" prop:checked=move || f.base.get() == PopulationBase::Fixed(2015) on:change=move |_| f.base.set(PopulationBase::Fixed(2015)) />
                        "Fixed: ONS mid-2015 (the programme's start)"
                    </label>
                    <label class="check" for="base-2020">
                        <input type="radio" id="base-2020" name="base" prop:checked=move || f.base.get() == PopulationBase::Fixed(2020) on:change=move |_| f.base.set(PopulationBase::Fixed(2020)) />
                        "Fixed: ONS mid-2020 (last year before the deadline)"
                    </label>
                </fieldset>
            </div>
            <table id="sensitivity-table">
                <caption>
                    {move || format!("How much the answer depends on the definition: {} at {}", seen.with(|s| s.scope.name.clone()), seen.with(|s| s.as_at).long())}
                </caption>
                <thead>
                    <tr>
                        <th scope="col">"Definition"</th>
                        <th scope="col">"Coverage"</th>
                        <th scope="col">"People"</th>
                        <th scope="col">"Difference from the chosen"</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        alternatives
                            .get()
                            .into_iter()
                            .enumerate()
                            .map(|(i, (label, short, share, covered, diff))| {
                                view! {
                                    <tr class=if i == 0 { "chosen" } else { "" }>
                                        <th scope="row">{label}<br /><small>{short}</small></th>
                                        <td class="num">{pct(share)}</td>
                                        <td class="num">{people(covered)}</td>
                                        <td class="num">{if i == 0 { "–".to_string() } else { format!("{diff:+.1} points") }}</td>
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
        </section>
    }
}
