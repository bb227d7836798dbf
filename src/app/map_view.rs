//! The map view (choropleth of STPs or regions). Placeholder until the map lands.

use leptos::prelude::*;

#[component]
pub fn MapView() -> impl IntoView {
    view! { <></> }
}
