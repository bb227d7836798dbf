//! The sites table. Placeholder until the table lands.

use leptos::prelude::*;

#[component]
pub fn SitesView() -> impl IntoView {
    view! { <></> }
}
