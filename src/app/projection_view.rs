//! Projection to the deadline in words and figures: run-rate, required rate, when the target is
//! reached at each trailing window's rate, and the verdict.

use super::state::use_ctx;
use coverboard::projection::CENTRAL_WINDOW;
use coverboard::summary::{pct, shortfall_words, time_left, verdict_reason};
use leptos::prelude::*;

fn points(rate: f64) -> String {
    format!("{:+.2} points a month", rate * 100.0)
}

#[component]
pub fn ProjectionView() -> impl IntoView {
    let ctx = use_ctx();
    let f = ctx.filters;
    let o = f.outlook;
    view! {
        <section class="projection" aria-labelledby="projection-title">
            <h2 id="projection-title">"Projection to the deadline"</h2>
            <p class="verdict-line">
                <strong id="projection-verdict">{move || o.get().verdict.label()}</strong>
                ": "
                {move || verdict_reason(&o.get())}
                "."
            </p>
            <ul class="facts">
                <li id="projection-rate">
                    {move || format!("Run-rate over the last {CENTRAL_WINDOW} months: {}.", points(o.get().central.rate))}
                </li>
                <li id="projection-required">
                    {move || {
                        let out = o.get();
                        match out.required_rate {
                            Some(r) => format!("Rate required to reach {} by {}: {}.", pct(out.target_share), out.deadline.long(), points(r)),
                            None if out.current.share >= out.target_share => match out.first_met {
                                Some(d) => format!("The target was reached in {}.", d.month_name()),
                                None => "The target has been reached.".to_string(),
                            },
                            None => match (out.no_verdict, out.shortfall) {
                                (Some(why), _) => format!("No rate required can be given: {}.", why.reason()),
                                (None, _) if out.at_deadline_actual.is_some() => format!(
                                    "The deadline ({}) has come: {} short of {}.",
                                    out.deadline.long(),
                                    shortfall_words(&out),
                                    pct(out.target_share)
                                ),
                                (None, Some(_)) => format!(
                                    "Needed to reach {} by {}: {} in the {} left (less than a month, so no rate a month).",
                                    pct(out.target_share),
                                    out.deadline.long(),
                                    shortfall_words(&out),
                                    time_left(f.as_at.get(), out.deadline).trim_end_matches(" left")
                                ),
                                (None, None) => "No rate required.".to_string(),
                            },
                        }
                    }}
                </li>
            </ul>
            <table id="projection-table">
                <caption>
                    "Projection fan: each trailing window's rate carried forward from "
                    {move || f.as_at.get().long()}
                    " (definition: "
                    {move || f.definition.get().short()}
                    ")"
                </caption>
                <thead>
                    <tr>
                        <th scope="col">"Trailing window"</th>
                        <th scope="col">"Rate"</th>
                        <th scope="col">"Coverage at the deadline"</th>
                        <th scope="col">"Target reached"</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let out = o.get();
                        let past = out.at_deadline_actual.is_some();
                        out.fan
                            .iter()
                            .map(|p| {
                                let central = p.window_months == out.central.window_months;
                                let reached = match p.reaches_target {
                                    Some(d) if d <= f.as_at.get() => format!("already (at or before {})", d.long()),
                                    Some(d) => d.long(),
                                    None => "not at this rate".to_string(),
                                };
                                view! {
                                    <tr class=if central { "central" } else { "" }>
                                        <th scope="row">{format!("{} months{}", p.window_months, if central { " (central)" } else { "" })}</th>
                                        <td>{points(p.rate)}</td>
                                        <td>{if past { "–".to_string() } else { pct(p.at_deadline) }}</td>
                                        <td>{reached}</td>
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
            <p class="caption">
                "A straight line from each window is a simple guide, not a forecast: designations came in waves, so coverage moves in steps. Status of every projected figure: derived."
            </p>
        </section>
    }
}
