//! The dashboard: controls (region, model types, as-at date), headline figures, the main chart,
//! published milestones, data problems and sources. All figures come from the pure core.

use super::canvas;
use coverboard::chart::main_chart;
use coverboard::coverage::{default_period, Definition, PartialRule, Scope};
use coverboard::date::Date;
use coverboard::model::{DataSet, MilestoneKind, ModelType, ENGLAND_CODE};
use coverboard::summary::{headline, pct, people, Verdict};
use leptos::prelude::*;
use std::sync::Arc;

/// Only http(s) links from data become links.
fn safe_href(url: &str) -> Option<String> {
    let u = url.trim();
    (u.starts_with("https://") || u.starts_with("http://")).then(|| u.to_string())
}

/// "1 Jul 2022" for a valid date, the text as given otherwise.
fn long_date(text: &str) -> String {
    Date::parse(text)
        .map(|d| d.long())
        .unwrap_or_else(|_| text.to_string())
}

fn source_link(url: String, text: String) -> impl IntoView {
    match safe_href(&url) {
        Some(href) => {
            view! { <a href=href rel="noopener noreferrer" target="_blank">{text}</a> }.into_any()
        }
        None => view! { <span>{text}</span> }.into_any(),
    }
}

#[component]
pub fn Dashboard(data: Arc<DataSet>) -> impl IntoView {
    let period = default_period();
    let (first, last) = match (period.first(), period.last()) {
        (Some(a), Some(b)) => (*a, *b),
        _ => (data.target_date, data.target_date),
    };
    let first_day = first.add_months(0);
    let region = RwSignal::new("ENG".to_string());
    let as_at = RwSignal::new(data.target_date);
    let date_message = RwSignal::new(None::<String>);
    let selectable: Vec<ModelType> = ModelType::ALL
        .into_iter()
        .filter(|m| *m != ModelType::Acc)
        .collect();
    let models = RwSignal::new(Definition::default().models);
    let count_partial = RwSignal::new(true);

    let definition = Memo::new(move |_| Definition {
        models: models.get(),
        partial: if count_partial.get() {
            PartialRule::CountWholeFootprint
        } else {
            PartialRule::Exclude
        },
        ..Definition::default()
    });
    let d = data.clone();
    let scope = Memo::new(move |_| Scope::new(&d.areas, &region.get()));
    let d = data.clone();
    let head = Memo::new(move |_| headline(&d, &definition.get(), &scope.get(), as_at.get()));
    let d = data.clone();
    let chart =
        Memo::new(move |_| main_chart(&d, &definition.get(), &scope.get(), &period, as_at.get()));

    // Redraw on chart change and on window resize; an Effect only for the canvas.
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    let resized = RwSignal::new(0u32);
    let _resize = window_event_listener(leptos::ev::resize, move |_| resized.update(|n| *n += 1));
    let draw_error = RwSignal::new(None::<String>);
    let draws = RwSignal::new(0u32);
    Effect::new(move |_| {
        resized.track();
        let spec = chart.get();
        if let Some(el) = canvas_ref.get() {
            let result = canvas::draw(&el, &spec);
            draw_error.set(result.err());
            let n = draws.get_untracked() + 1;
            draws.set(n);
            let _ = el.set_attribute("data-drawn", &n.to_string());
        }
    });

    let region_options = {
        let mut opts = vec![("ENG".to_string(), "All England".to_string())];
        for code in &data.areas.regions {
            opts.push((code.clone(), data.areas.region_name(code)));
        }
        opts
    };
    let manifest = data.manifest.clone();
    let problems = data.problems.clone();
    let rejected_rows = problems
        .iter()
        .filter(|p| p.row.is_some() && p.effect != coverboard::problem::Effect::ValueIgnored)
        .count();
    let milestones: Vec<_> = data
        .milestones
        .iter()
        .filter(|m| m.kind == MilestoneKind::Milestone)
        .cloned()
        .collect();
    let target_date = data.target_date;
    let sites_total = data.sites.len();

    let on_date = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        match Date::parse(&value) {
            Ok(date) if date >= first_day && date <= last => {
                date_message.set(None);
                as_at.set(date);
            }
            Ok(_) => date_message.set(Some(format!(
                "Choose a date between {} and {}.",
                first_day.long(),
                last.long()
            ))),
            Err(e) => date_message.set(Some(format!("'{value}' {e}."))),
        }
    };

    view! {
        <section class="context" aria-label="About these figures">
            <p class="as-at">
                <strong>"Data as at "</strong>
                {long_date(&manifest.data_as_at)}
                " · compiled "
                {long_date(&manifest.compiled)}
                " · "
                {sites_total}
                " sites"
            </p>
            <p class="definition" id="definition">
                <strong>"Definition: "</strong>
                {move || definition.get().describe()}
            </p>
        </section>

        <section class="controls" aria-label="Filters">
            <div class="control">
                <label for="region-select">"Region"</label>
                <select
                    id="region-select"
                    on:change=move |ev| region.set(event_target_value(&ev))
                    prop:value=move || region.get()
                >
                    {region_options
                        .into_iter()
                        .map(|(code, name)| view! { <option value=code>{name}</option> })
                        .collect_view()}
                </select>
            </div>
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
                                    prop:checked=move || models.get().contains(&m)
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        models.update(|ms| {
                                            ms.retain(|x| *x != m);
                                            if on {
                                                ms.push(m);
                                                ms.sort();
                                            }
                                        });
                                    }
                                />
                                <abbr title=m.name()>{m.code()}</abbr>
                            </label>
                        }
                    })
                    .collect_view()}
                <p class="hint">"ACC (acute care collaborations) are networks with no defined population and never count."</p>
            </fieldset>
            <div class="control">
                <label class="check" for="count-partial">
                    <input
                        type="checkbox"
                        id="count-partial"
                        prop:checked=move || count_partial.get()
                        on:change=move |ev| count_partial.set(event_target_checked(&ev))
                    />
                    "Count vanguards that served part of their area as the whole area"
                </label>
            </div>
            <div class="control">
                <label for="asat-date">"As at"</label>
                <input
                    type="date"
                    id="asat-date"
                    min=first_day.to_string()
                    max=last.to_string()
                    prop:value=move || as_at.get().to_string()
                    on:change=on_date
                    aria-describedby="asat-message"
                />
                <p id="asat-message" class="field-message" role="status">
                    {move || date_message.get()}
                </p>
            </div>
        </section>

        <section class="headline" aria-labelledby="headline-title">
            <h2 id="headline-title">
                {move || format!("{} at {}", scope.get().name, as_at.get().long())}
            </h2>
            <div class="figures">
                <div class="figure main">
                    <p class="label">"Population covered"</p>
                    <p
                        id="headline-coverage"
                        class="value"
                        data-share=move || head.get().coverage.share.to_string()
                    >
                        {move || pct(head.get().coverage.share)}
                    </p>
                    <p class="detail" id="headline-people">
                        {move || {
                            let h = head.get();
                            let c = &h.coverage;
                            format!(
                                "{} of {} people (ONS mid-{}){}; {} sites counted",
                                people(c.covered),
                                people(c.base),
                                c.population_year,
                                if c.incomplete { ", some populations missing: a floor" } else { "" },
                                c.live_sites,
                            )
                        }}
                    </p>
                </div>
                <div class="figure">
                    <p class="label">"Target"</p>
                    <p class="value" id="headline-target">{move || pct(head.get().target_share)}</p>
                    <p class="detail">{format!("by {}", target_date.long())}</p>
                </div>
                <div class="figure">
                    <p class="label">"Gap to target"</p>
                    <p class="value" id="headline-gap">
                        {move || {
                            let g = head.get().gap_pp;
                            if g > 0.0 { format!("{g:.1} points") } else { format!("{:.1} points above", -g) }
                        }}
                    </p>
                    <p class="detail">"percentage points"</p>
                </div>
                <div class="figure">
                    <p class="label">"Time to deadline"</p>
                    <p class="value small" id="headline-time">{move || head.get().time_left(as_at.get())}</p>
                    <p class="detail">{format!("deadline {}", target_date.long())}</p>
                </div>
                <div class=move || {
                    let v = head.get().verdict;
                    let tone = match v {
                        Verdict::Met | Verdict::OnTrack => "good",
                        Verdict::OffTrack | Verdict::Missed => "bad",
                    };
                    format!("figure verdict {tone}")
                }>
                    <p class="label">"Trajectory"</p>
                    <p class="value small" id="headline-verdict">{move || head.get().verdict.label()}</p>
                    <p class="detail">{move || head.get().verdict_reason()}</p>
                </div>
            </div>
        </section>

        <section class="chart-panel" aria-labelledby="chart-title">
            <h2 id="chart-title">"Coverage over time"</h2>
            <p class="chart-note">
                "Lines: each definition. Shaded band: the range where a date is known only to the month or year. Circles: published figures. Dashed red: the 50% target; dashed grey: the deadline."
            </p>
            <canvas
                id="coverage-chart"
                node_ref=canvas_ref
                role="img"
                aria-label=move || {
                    let h = head.get();
                    format!(
                        "Chart of coverage over time for {}. At {} coverage is {} against a target of {}.",
                        scope.get().name,
                        as_at.get().long(),
                        pct(h.coverage.share),
                        pct(h.target_share)
                    )
                }
            ></canvas>
            {move || draw_error.get().map(|e| view! { <p class="field-message" role="alert">"The chart could not be drawn: " {e}</p> })}
            <p class="chart-note">
                {move || if scope.get().code == ENGLAND_CODE { String::new() } else { "Published figures are for England and are not shown for a region.".to_string() }}
            </p>
        </section>

        <section class="milestones" aria-labelledby="milestones-title">
            <h2 id="milestones-title">"Published figures"</h2>
            <table>
                <thead>
                    <tr>
                        <th scope="col">"Date"</th>
                        <th scope="col">"What was published"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Source"</th>
                    </tr>
                </thead>
                <tbody>
                    {milestones
                        .into_iter()
                        .map(|m| {
                            view! {
                                <tr>
                                    <td>{m.date.describe()}</td>
                                    <td>{m.label.clone()} {(!m.note.is_empty()).then(|| view! { <br/><small>{m.note.clone()}</small> })}</td>
                                    <td><span class=format!("status status-{}", m.status.as_str())>{m.status.as_str()}</span></td>
                                    <td>{source_link(m.url.clone(), if m.publisher.is_empty() { m.source_title.clone() } else { format!("{}: {}", m.publisher, m.source_title) })}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </section>

        <section class="problems-panel" aria-label="Data checks">
            <details id="problems">
                <summary>
                    {format!(
                        "Data checks: {} problem{} found ({} row{} left out). Valid rows are shown.",
                        problems.len(),
                        if problems.len() == 1 { "" } else { "s" },
                        rejected_rows,
                        if rejected_rows == 1 { "" } else { "s" },
                    )}
                </summary>
                <ul>
                    {problems
                        .into_iter()
                        .map(|p| view! { <li>{p.to_string()}</li> })
                        .collect_view()}
                </ul>
            </details>
        </section>

        <footer class="sources">
            <h2>"Sources"</h2>
            <p>
                <strong>"Target: "</strong>
                {manifest.target.label.clone()}
                ". "
                {source_link(manifest.target.url.clone(), manifest.target.source.clone())}
                " (" {manifest.target.status.clone()} ")"
            </p>
            <p><strong>"Population: "</strong>{manifest.population_source.clone()}</p>
            <p class="attribution">{manifest.attribution.clone()}</p>
        </footer>
    }
}
