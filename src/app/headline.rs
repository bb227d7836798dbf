//! Headline figures as text: coverage at the as-at date, target, gap, time left and verdict.

use super::state::use_ctx;
use coverboard::summary::{coverage_figure, gap_figure, pct, people, time_left, verdict_reason};
use leptos::prelude::*;

#[component]
pub fn Headline() -> impl IntoView {
    let ctx = use_ctx();
    let f = ctx.filters;
    let target_date = ctx.data.target_date;
    let o = f.outlook;
    view! {
        <section class="headline" aria-labelledby="headline-title">
            <h2 id="headline-title">{move || format!("{} at {}", f.scope.get().name, f.as_at.get().long())}</h2>
            <div class="figures">
                <div class="figure main">
                    <p class="label">"Population covered"</p>
                    <p id="headline-coverage" class="value" data-share=move || o.get().current.share.to_string()>
                        {move || coverage_figure(&o.get())}
                    </p>
                    <p class="detail" id="headline-people">
                        {move || {
                            let c = o.get().current;
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
                    <p class="value" id="headline-target">{move || pct(o.get().target_share)}</p>
                    <p class="detail">{format!("by {}", target_date.long())}</p>
                </div>
                <div class="figure">
                    <p class="label">"Gap to target"</p>
                    <p class="value" id="headline-gap">
                        {move || gap_figure(&o.get())}
                    </p>
                    <p class="detail">"percentage points"</p>
                </div>
                <div class="figure">
                    <p class="label">"Time to deadline"</p>
                    <p class="value small" id="headline-time">{move || time_left(f.as_at.get(), target_date)}</p>
                    <p class="detail">{format!("deadline {}", target_date.long())}</p>
                </div>
                <div class=move || format!("figure verdict {}", o.get().verdict.tone())>
                    <p class="label">"Trajectory"</p>
                    <p class="value small" id="headline-verdict">{move || o.get().verdict.label()}</p>
                    <p class="detail">{move || verdict_reason(&o.get())}</p>
                </div>
            </div>
            <p class="caption">"Definition: " {move || f.definition.get().short()}</p>
        </section>
    }
}
