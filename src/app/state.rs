//! The dashboard's shared state: the data set and the filters every view follows, provided as a
//! context so that each view is its own component.

use coverboard::coverage::{
    default_period, Definition, OverlapRule, PartialRule, PopulationBase, Scope,
};
use coverboard::date::Date;
use coverboard::map_chart::{ColourBy, MapLevel};
use coverboard::model::{DataSet, ModelType};
use coverboard::narrative::{narrative, Narrative};
use coverboard::projection::{outlook, Outlook};
use leptos::prelude::*;
use std::sync::Arc;

/// The filters. `region` holds "ENG" or any area code (an NHS region, or an STP picked on the map).
#[derive(Clone, Copy)]
pub struct Filters {
    pub region: RwSignal<String>,
    pub as_at: RwSignal<Date>,
    pub models: RwSignal<Vec<ModelType>>,
    pub count_partial: RwSignal<bool>,
    pub overlap: RwSignal<OverlapRule>,
    pub base: RwSignal<PopulationBase>,
    pub show_events: RwSignal<bool>,
    pub show_projection: RwSignal<bool>,
    pub definition: Memo<Definition>,
    pub scope: Memo<Scope>,
    pub outlook: Memo<Outlook>,
    /// The plain-English summary of the figures (dashboard, speaker notes, board pack).
    pub narrative: Memo<Narrative>,
}

/// How the page is being looked at, beyond the filters: what is open, and the slide when
/// presenting. Kept here (not in the views) so the URL can carry it.
#[derive(Clone, Copy)]
pub struct ViewState {
    /// The map is shown (its boundaries are fetched the first time).
    pub map_open: RwSignal<bool>,
    pub map_level: RwSignal<MapLevel>,
    pub map_colour: RwSignal<ColourBy>,
    /// The slide shown in presentation mode (0-based), or `None` when not presenting.
    pub slide: RwSignal<Option<usize>>,
}

impl ViewState {
    fn new() -> ViewState {
        ViewState {
            map_open: RwSignal::new(false),
            map_level: RwSignal::new(MapLevel::Stp),
            map_colour: RwSignal::new(ColourBy::Coverage),
            slide: RwSignal::new(None),
        }
    }
}

#[derive(Clone)]
pub struct Ctx {
    pub data: Arc<DataSet>,
    pub filters: Filters,
    pub view: ViewState,
    /// Month ends from January 2015 to March 2022.
    pub period: Arc<Vec<Date>>,
}

impl Ctx {
    pub fn new(data: Arc<DataSet>) -> Ctx {
        let period = Arc::new(default_period());
        let defaults = Definition::default();
        let region = RwSignal::new("ENG".to_string());
        let as_at = RwSignal::new(data.target_date);
        let models = RwSignal::new(defaults.models.clone());
        let count_partial = RwSignal::new(true);
        let overlap = RwSignal::new(defaults.overlap);
        let base = RwSignal::new(defaults.base);
        let definition = Memo::new(move |_| Definition {
            models: models.get(),
            partial: if count_partial.get() {
                PartialRule::CountWholeFootprint
            } else {
                PartialRule::Exclude
            },
            overlap: overlap.get(),
            base: base.get(),
        });
        let d = data.clone();
        let scope = Memo::new(move |_| Scope::new(&d.areas, &region.get()));
        let d = data.clone();
        let outlook = Memo::new(move |_| outlook(&d, &definition.get(), &scope.get(), as_at.get()));
        let d = data.clone();
        let first_date = period.first().copied().unwrap_or(data.target_date);
        let narrative = Memo::new(move |_| {
            let o = outlook.get();
            narrative(
                &d,
                &definition.get(),
                &scope.get(),
                as_at.get(),
                &o,
                first_date,
            )
        });
        let filters = Filters {
            region,
            as_at,
            models,
            count_partial,
            overlap,
            base,
            show_events: RwSignal::new(false),
            show_projection: RwSignal::new(true),
            definition,
            scope,
            outlook,
            narrative,
        };
        Ctx {
            data,
            filters,
            view: ViewState::new(),
            period,
        }
    }

    pub fn first_date(&self) -> Date {
        self.period
            .first()
            .map(|d| d.add_months(0))
            .unwrap_or(self.data.target_date)
    }

    pub fn last_date(&self) -> Date {
        self.period.last().copied().unwrap_or(self.data.target_date)
    }
}

pub fn use_ctx() -> Ctx {
    expect_context::<Ctx>()
}

/// Only http(s) links from data become links.
pub fn safe_href(url: &str) -> Option<String> {
    let u = url.trim();
    (u.starts_with("https://") || u.starts_with("http://")).then(|| u.to_string())
}

/// A link to a source, or plain text when the URL is not http(s).
pub fn source_link(url: String, text: String) -> impl IntoView {
    match safe_href(&url) {
        Some(href) => {
            view! { <a href=href rel="noopener noreferrer" target="_blank">{text}</a> }.into_any()
        }
        None => view! { <span>{text}</span> }.into_any(),
    }
}

/// A status as a small labelled badge.
pub fn status_badge(status: coverboard::model::Status) -> impl IntoView {
    view! { <span class=format!("status status-{}", status.as_str())>{status.as_str()}</span> }
}
