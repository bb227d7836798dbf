//! The filter bar: region, as-at date (date field, slider over the whole period and a play
//! button that steps month by month), and the policy-events toggle.

use super::state::use_ctx;
use super::url::CopyLink;
use coverboard::date::Date;
use coverboard::model::{ModelType, ENGLAND_CODE};

/// The model-type choices of the filter bar: (value, label, the types counted).
const MODEL_PRESETS: [(&str, &str, &[ModelType]); 7] = [
    (
        "all",
        "All new care models (ACS/ICS and vanguards)",
        &[
            ModelType::Pacs,
            ModelType::Mcp,
            ModelType::Ehch,
            ModelType::Uec,
            ModelType::Ics,
        ],
    ),
    ("ics", "ACS/ICS only", &[ModelType::Ics]),
    (
        "vanguards",
        "Vanguards only (PACS, MCP, EHCH, UEC)",
        &[
            ModelType::Pacs,
            ModelType::Mcp,
            ModelType::Ehch,
            ModelType::Uec,
        ],
    ),
    ("pacs", "PACS vanguards", &[ModelType::Pacs]),
    ("mcp", "MCP vanguards", &[ModelType::Mcp]),
    ("ehch", "EHCH vanguards", &[ModelType::Ehch]),
    ("uec", "UEC vanguards", &[ModelType::Uec]),
];

/// The preset matching `models` (in any order), or "custom".
fn preset_of(models: &[ModelType]) -> String {
    let mut m = models.to_vec();
    m.sort();
    MODEL_PRESETS
        .iter()
        .find(|(_, _, set)| {
            let mut s = set.to_vec();
            s.sort();
            s == m
        })
        .map(|(k, _, _)| (*k).to_string())
        .unwrap_or_else(|| "custom".to_string())
}
use leptos::prelude::*;
use std::time::Duration;

#[component]
pub fn Controls() -> impl IntoView {
    let ctx = use_ctx();
    let f = ctx.filters;
    let data = ctx.data.clone();
    let period = ctx.period.clone();
    let (first, last) = (ctx.first_date(), ctx.last_date());
    let date_message = RwSignal::new(None::<String>);

    let regions: Vec<(String, String)> =
        std::iter::once(("ENG".to_string(), "All England".to_string()))
            .chain(
                data.areas
                    .regions
                    .iter()
                    .map(|c| (c.clone(), data.areas.region_name(c))),
            )
            .collect();
    let region_codes: Vec<String> = regions.iter().map(|(c, _)| c.clone()).collect();
    // An area picked elsewhere (an STP on the map) gets its own option.
    let d = data.clone();
    let extra_option = move || {
        let r = f.region.get();
        (!region_codes.contains(&r) && r != ENGLAND_CODE).then(|| {
            let name = d
                .areas
                .area(&r)
                .map(|a| format!("{} ({})", a.name, a.level.name()))
                .unwrap_or(r.clone());
            view! { <option value=r>{name}</option> }
        })
    };

    let p = period.clone();
    let month_index = move || {
        let d = f.as_at.get();
        p.iter()
            .position(|m| m.year() == d.year() && m.month() == d.month())
            .unwrap_or(0)
    };
    let max_index = period.len().saturating_sub(1);
    let p = period.clone();
    let on_slider = move |ev: leptos::ev::Event| {
        if let Ok(i) = event_target_value(&ev).parse::<usize>() {
            if let Some(d) = p.get(i) {
                date_message.set(None);
                f.as_at.set(*d);
            }
        }
    };
    let on_date = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        match Date::parse(&value) {
            Ok(date) if date >= first && date <= last => {
                date_message.set(None);
                f.as_at.set(date);
            }
            Ok(_) => date_message.set(Some(format!(
                "Choose a date between {} and {}.",
                first.long(),
                last.long()
            ))),
            Err(e) => date_message.set(Some(format!("'{value}' {e}."))),
        }
    };

    // Play: step month by month through the roll-out; stops at the end or on a second press.
    // Slower (1.5 s a month instead of 0.4 s) for people who ask their system for less motion.
    let playing = RwSignal::new(false);
    let timer = StoredValue::new_local(None::<IntervalHandle>);
    let stop = move || {
        if let Some(h) = timer.get_value() {
            h.clear();
        }
        timer.set_value(None);
        playing.set(false);
    };
    let p = period.clone();
    let toggle_play = move |_| {
        if playing.get_untracked() {
            stop();
            return;
        }
        // From the start when at the end.
        if f.as_at.get_untracked() >= last.add_months(0) {
            if let Some(d) = p.first() {
                f.as_at.set(*d);
            }
        }
        let p = p.clone();
        let handle = set_interval_with_handle(
            move || {
                let now = f.as_at.get_untracked();
                match p.iter().find(|m| **m > now) {
                    Some(next) => f.as_at.set(*next),
                    None => stop(),
                }
            },
            Duration::from_millis(if reduced_motion() { 1500 } else { 400 }),
        );
        if let Ok(h) = handle {
            timer.set_value(Some(h));
            playing.set(true);
        }
    };
    on_cleanup(move || {
        if let Some(h) = timer.get_value() {
            h.clear();
        }
    });

    view! {
        <section class="controls" aria-label="Filters">
            <div class="control">
                <label for="region-select">"Region"</label>
                <select
                    id="region-select"
                    on:change=move |ev| f.region.set(event_target_value(&ev))
                    prop:value=move || f.region.get()
                >
                    {regions
                        .into_iter()
                        .map(|(code, name)| view! { <option value=code>{name}</option> })
                        .collect_view()}
                    {extra_option}
                </select>
            </div>
            <div class="control">
                <label for="model-select">"Model type"</label>
                <select
                    id="model-select"
                    on:change=move |ev| {
                        let key = event_target_value(&ev);
                        if let Some((_, _, set)) = MODEL_PRESETS.iter().find(|(k, _, _)| *k == key) {
                            f.models.set(set.to_vec());
                        }
                    }
                    prop:value=move || preset_of(&f.models.get())
                    aria-describedby="model-select-hint"
                >
                    {MODEL_PRESETS
                        .iter()
                        .map(|(key, label, _)| view! { <option value=*key>{*label}</option> })
                        .collect_view()}
                    <option value="custom" disabled=true>"Custom (see What counts as covered)"</option>
                </select>
                <span id="model-select-hint" class="hint">"Finer choices: What counts as covered, below."</span>
            </div>
            <div class="control">
                <label for="asat-date">"As at"</label>
                <input
                    type="date"
                    id="asat-date"
                    min=first.to_string()
                    max=last.to_string()
                    prop:value=move || f.as_at.get().to_string()
                    on:change=on_date
                    aria-describedby="asat-message"
                />
            </div>
            <div class="control timeline">
                <label for="asat-slider">"Roll-out, month by month"</label>
                <div class="timeline-row">
                    <button
                        type="button"
                        id="play"
                        class="button"
                        aria-pressed=move || playing.get().to_string()
                        on:click=toggle_play
                    >
                        {move || if playing.get() { "Pause" } else { "Play" }}
                    </button>
                    <input
                        type="range"
                        id="asat-slider"
                        min="0"
                        max=max_index.to_string()
                        step="1"
                        prop:value=move || month_index().to_string()
                        on:input=on_slider
                        aria-valuetext=move || f.as_at.get().month_name()
                    />
                    <output for="asat-slider" id="asat-month">{move || f.as_at.get().month_name()}</output>
                </div>
            </div>
            <div class="control">
                <label class="check" for="show-events">
                    <input
                        type="checkbox"
                        id="show-events"
                        prop:checked=move || f.show_events.get()
                        on:change=move |ev| f.show_events.set(event_target_checked(&ev))
                    />
                    "Show policy events"
                </label>
                <label class="check" for="show-projection">
                    <input
                        type="checkbox"
                        id="show-projection"
                        prop:checked=move || f.show_projection.get()
                        on:change=move |ev| f.show_projection.set(event_target_checked(&ev))
                    />
                    "Show projection"
                </label>
            </div>
            <CopyLink />
            <p id="asat-message" class="field-message" role="status">{move || date_message.get()}</p>
        </section>
    }
}

/// Whether the system asks for less motion (prefers-reduced-motion: reduce).
fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}
