//! The dashboard layout: provides the shared state and places every view. Views own their files.

use super::controls::Controls;
use super::definition_view::DefinitionPanel;
use super::headline::Headline;
use super::main_chart_view::MainChart;
use super::map_view::{MapBoundaries, MapView};
use super::models_view::ModelsView;
use super::narrative_view::NarrativeView;
use super::present::PresentControls;
use super::projection_view::ProjectionView;
use super::regions_view::RegionsView;
use super::sites_view::SitesView;
use super::state::{source_link, use_ctx, Ctx};
use super::url::UrlSync;
use coverboard::date::Date;
use coverboard::problem::Effect;
use leptos::prelude::*;
use std::sync::Arc;

/// "1 Jul 2022" for a valid date, the text as given otherwise.
fn long_date(text: &str) -> String {
    Date::parse(text)
        .map(|d| d.long())
        .unwrap_or_else(|_| text.to_string())
}

#[component]
pub fn Dashboard(
    data: Arc<coverboard::model::DataSet>,
    /// The own file shown instead of the default sites or areas ("file.csv (loaded …)").
    #[prop(optional)]
    source: Option<String>,
) -> impl IntoView {
    provide_context(Ctx::new(data));
    provide_context(MapBoundaries::new());
    let ctx = use_ctx();
    let f = ctx.filters;
    let manifest = ctx.data.manifest.clone();
    let sites_total = ctx.data.sites.len();
    view! {
        <UrlSync />
        {super::net::offline_copy_saved_at().map(|at| view! {
            <p class="offline-banner" id="offline-banner" role="status">
                <strong>"Offline copy. "</strong>
                {format!("The network could not be reached, so this is the data saved in this browser on {}. ", long_date(at.get(..10).unwrap_or(&at)))}
                "Reload when the network is back for the latest."
            </p>
        })}
        <section class="context" aria-label="About these figures">
            <p class="as-at">
                {source.map(|s| view! { <strong id="own-source">"Your data: "</strong> {s} " · " })}
                <strong>"Data as at "</strong>
                {long_date(&manifest.data_as_at)}
                " · compiled "
                {long_date(&manifest.compiled)}
                " · "
                {sites_total}
                " sites · target: "
                {manifest.target.label.clone()}
            </p>
            <p class="definition" id="definition">
                <strong>"Definition: "</strong>
                {move || f.definition.get().describe()}
            </p>
            <PresentControls />
        </section>
        <Controls />
        <Headline />
        <NarrativeView />
        <MainChart />
        <ProjectionView />
        <RegionsView />
        <ModelsView />
        <MapView />
        <DefinitionPanel />
        <SitesView />
        <Problems />
        <Sources />
    }
}

#[component]
fn Problems() -> impl IntoView {
    let ctx = use_ctx();
    let problems = ctx.data.problems.clone();
    let rejected_rows = problems
        .iter()
        .filter(|p| p.row.is_some() && p.effect != Effect::ValueIgnored)
        .count();
    view! {
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
                <ul>{problems.into_iter().map(|p| view! { <li>{p.to_string()}</li> }).collect_view()}</ul>
            </details>
        </section>
    }
}

#[component]
fn Sources() -> impl IntoView {
    let ctx = use_ctx();
    let manifest = ctx.data.manifest.clone();
    view! {
        <footer class="sources">
            <h2>"Sources"</h2>
            <p>
                <strong>"Target: "</strong>
                {manifest.target.label.clone()}
                ". "
                {source_link(manifest.target.url.clone(), manifest.target.source.clone())}
                " ("
                {manifest.target.status.clone()}
                ")"
            </p>
            <p>
                <strong>"Population: "</strong>
                {manifest.population_source.clone()}
            </p>
            <p class="attribution">{manifest.attribution.clone()}</p>
        </footer>
    }
}
