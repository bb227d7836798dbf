//! "In brief": the plain-English summary of the figures for the current filters and date, placed
//! under the headline. The same text is the main chart's accessible description, the speaker
//! notes when presenting and the summary page of the board pack.

use super::state::use_ctx;
use leptos::prelude::*;

/// The summary's paragraphs; `id` is set on the first instance only (the dashboard's).
pub fn narrative_paragraphs() -> impl IntoView {
    let f = use_ctx().filters;
    move || {
        f.narrative.with(|n| {
            n.paragraphs()
                .into_iter()
                .map(|p| view! { <p>{p.to_string()}</p> })
                .collect_view()
        })
    }
}

#[component]
pub fn NarrativeView() -> impl IntoView {
    view! {
        <section class="narrative" aria-labelledby="narrative-title">
            <h2 id="narrative-title">"In brief"</h2>
            <div id="narrative" class="narrative-text" aria-live="off">
                {narrative_paragraphs()}
            </div>
        </section>
    }
}
