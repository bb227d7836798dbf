//! The app shell: fetches the data set once, shows loading and failure states, and hands the
//! validated data to the dashboard (or an analyst's own data set, src/app/own_data.rs).

mod canvas;
mod controls;
mod dashboard;
mod defer;
mod definition_view;
mod export_view;
mod fetch;
mod headline;
mod main_chart_view;
mod map_view;
mod models_view;
mod narrative_view;
mod net;
mod own_data;
pub mod panic;
mod present;
mod projection_view;
mod regions_view;
mod sites_view;
mod state;
mod url;

use leptos::prelude::*;

/// Removes the first view, which leaves the full app shown (style/first.css).
fn remove_first_view() {
    if let Some(el) = document().get_element_by_id("first-view") {
        el.remove();
    }
    // Read by the benchmark (bench/run.mjs): the full app has taken over.
    if let Some(p) = window().performance() {
        let _ = p.mark("coverboard:app-ready");
    }
}

#[component]
pub fn App() -> impl IntoView {
    let data = LocalResource::new(fetch::load_default);
    // An analyst's own data set, shown instead of the default while set (src/app/own_data.rs).
    let own: RwSignal<Option<own_data::OwnLoaded>> = RwSignal::new(None);
    // The first view (index.html, src/first/main.rs) stays over the page until the dashboard or
    // the load error is drawn, then goes: the frame after, so the charts have been drawn.
    Effect::new(move |_| {
        if data.with(|d| d.is_some()) {
            request_animation_frame(remove_first_view);
        }
    });
    view! {
        <a class="skip-link" href="#main">"Skip to the dashboard"</a>
        <header class="site-header">
            <div class="wrap">
                <p class="brand">"coverboard"</p>
                <h1>"How much of England is covered by the NHS new care models?"</h1>
            </div>
        </header>
        <main id="main" class="wrap">
            <ErrorBoundary fallback=|errors| {
                view! {
                    <div id="load-error" class="load-error" role="alert">
                        <h2>"The dashboard could not load its data"</h2>
                        <ul>
                            {move || {
                                errors
                                    .get()
                                    .into_iter()
                                    .map(|(_, e)| view! { <li>{e.to_string()}</li> })
                                    .collect_view()
                            }}
                        </ul>
                        <p>"Nothing has been shown in place of the missing figures. Reload the page to try again."</p>
                    </div>
                }
            }>
                <Transition fallback=|| {
                    view! {
                        <p class="loading" role="status" aria-live="polite">
                            "Loading the data set…"
                        </p>
                    }
                }>
                    {move || {
                        data.get()
                            .map(|result| {
                                result.map(|d| {
                                    let defaults = d.clone();
                                    view! {
                                        <own_data::OwnDataPanel defaults=d own=own />
                                        {move || match own.get() {
                                            Some(o) => view! {
                                                <dashboard::Dashboard data=o.data source=o.label />
                                            }
                                            .into_any(),
                                            None => view! {
                                                <dashboard::Dashboard data=defaults.clone() />
                                            }
                                            .into_any(),
                                        }}
                                    }
                                })
                            })
                    }}
                </Transition>
            </ErrorBoundary>
        </main>
    }
}
