//! The main chart: coverage over time on a canvas, with a tooltip (pointer or arrow keys) giving
//! each point's value, status and source, the policy-event citations, and the figures as a table.

use super::canvas::{draw_on, event_px, keep_drawn, point_tooltip, px_to_css};
use super::export_view::{ExportMenu, Exportable};
use super::state::{source_link, use_ctx};
use coverboard::chart::{
    chart_series, draw_coverage_chart, main_chart_from, point_at, series_point_info, ChartOptions,
    PlotArea, PointInfo,
};
use coverboard::summary::pct;
use leptos::prelude::*;

#[component]
pub fn MainChart() -> impl IntoView {
    let ctx = use_ctx();
    let f = ctx.filters;
    let data = ctx.data.clone();
    let period = ctx.period.clone();
    // The lines do not depend on the as-at date: kept while the slider or Play moves it.
    let d = data.clone();
    let p = period.clone();
    let lines = Memo::new(move |_| chart_series(&d, &f.definition.get(), &f.scope.get(), &p));
    let chart = Memo::new(move |_| {
        let o = f.outlook.get();
        let options = ChartOptions {
            show_events: f.show_events.get(),
            show_projection: f.show_projection.get(),
        };
        main_chart_from(
            &data,
            lines.get(),
            &f.scope.get(),
            &period,
            f.as_at.get(),
            Some(&o),
            options,
        )
    });

    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    let area = StoredValue::new(None::<PlotArea>);
    let draw_error = RwSignal::new(None::<String>);
    let tip = RwSignal::new(None::<PointInfo>);
    let tip_pos = RwSignal::new((0.0, 0.0));
    // Index of the keyboard-focused point on the headline series.
    let focus_index = RwSignal::new(None::<usize>);
    let table_open = RwSignal::new(false);

    keep_drawn(canvas_ref, chart, move |el, spec, width| {
        match draw_on(el, width, 0.52, 300.0, 620.0, |root, dpr| {
            draw_coverage_chart(root, spec, dpr)
        }) {
            Ok(a) => {
                area.set_value(Some(a));
                draw_error.set(None);
            }
            Err(e) => draw_error.set(Some(e)),
        }
    });

    let show_tip = move |info: Option<PointInfo>| {
        if let (Some(el), Some(i)) = (canvas_ref.get_untracked(), info.as_ref()) {
            tip_pos.set(px_to_css(&el, i.at));
        }
        tip.set(info);
    };
    let on_move = move |ev: leptos::ev::MouseEvent| {
        let (Some(el), Some(a)) = (canvas_ref.get_untracked(), area.get_value()) else {
            return;
        };
        let (x, y) = event_px(&el, &ev);
        let radius = 14.0 * super::canvas::device_pixel_ratio();
        show_tip(point_at(&chart.get_untracked(), &a, x, y, radius));
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let spec = chart.get_untracked();
        let Some(series) = spec.series.iter().find(|s| s.emphasised) else {
            return;
        };
        let n = series.coverages.len();
        if n == 0 {
            return;
        }
        let current = focus_index.get_untracked().unwrap_or_else(|| {
            let as_at = f.as_at.get_untracked();
            series
                .coverages
                .iter()
                .position(|c| c.date >= as_at)
                .unwrap_or(n - 1)
        });
        let next = match ev.key().as_str() {
            "ArrowRight" => (current + 1).min(n - 1),
            "ArrowLeft" => current.saturating_sub(1),
            "Home" => 0,
            "End" => n - 1,
            "Escape" => {
                focus_index.set(None);
                tip.set(None);
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        focus_index.set(Some(next));
        if let (Some(a), Some(c)) = (area.get_value(), series.coverages.get(next)) {
            let at = a.to_px(c.date.as_year_fraction(), c.share);
            show_tip(Some(series_point_info(&series.label, c, at)));
        }
    };

    view! {
        <section class="chart-panel" aria-labelledby="chart-title">
            <h2 id="chart-title">"Coverage over time"</h2>
            <p class="chart-note">
                "Lines: each definition (the thickest is the headline's). Shaded band: the range where a date is known only to the month, year or a span. Circles: published figures. Dotted blue: projections from trailing 3, 6, 12 (thicker) and 24 months. Dashed red: the target; dashed grey: the deadline. Point at a line or circle, or focus the chart and use the arrow keys, for value, status and source."
            </p>
            <div class="canvas-wrap">
                <canvas
                    id="coverage-chart"
                    node_ref=canvas_ref
                    tabindex="0"
                    role="img"
                    aria-describedby="narrative"
                    aria-label=move || {
                        let o = f.outlook.get();
                        format!(
                            "Coverage over time for {}. At {} coverage is {} against a target of {}. Use the arrow keys to read each month.",
                            f.scope.get().name,
                            f.as_at.get().long(),
                            pct(o.current.share),
                            pct(o.target_share)
                        )
                    }
                    on:mousemove=on_move
                    on:mouseleave=move |_| tip.set(None)
                    on:keydown=on_key
                    on:blur=move |_| tip.set(None)
                ></canvas>
                {point_tooltip("chart-tooltip", tip, tip_pos)}
            </div>
            <ExportMenu name="trajectory" noun="the coverage over time chart" canvas=canvas_ref spec=move || Exportable::Trajectory(chart.get_untracked()) />
            <p class="visually-hidden" aria-live="polite" id="chart-live">
                {move || tip.get().map(|t| t.announcement())}
            </p>
            {move || draw_error.get().map(|e| view! { <p class="field-message" role="alert">"The chart could not be drawn: " {e}</p> })}
            <p class="chart-note">
                {move || if f.scope.get().is_england() { String::new() } else { "Published figures are for England and are not shown for a region.".to_string() }}
            </p>
            {move || {
                let events = chart.get().events;
                (!events.is_empty())
                    .then(|| {
                        view! {
                            <ol class="events" id="events-list" aria-label="Policy events">
                                {events
                                    .into_iter()
                                    .map(|e| view! { <li value=e.number.to_string()><strong>{e.date_text}</strong> " " {e.label} ". " {source_link(e.url, e.source)}</li> })
                                    .collect_view()}
                            </ol>
                        }
                    })
            }}
            <details class="as-table" on:toggle=move |ev| table_open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
                <summary>"Show the chart's figures as a table"</summary>
                {move || table_open.get().then(|| {
                    let spec = chart.get();
                    let headers: Vec<String> = spec.series.iter().map(|s| s.label.clone()).collect();
                    let n = spec.series.first().map(|s| s.coverages.len()).unwrap_or(0);
                    let rows: Vec<(String, Vec<String>)> = (0..n)
                        .map(|i| {
                            let date = spec.series.first().and_then(|s| s.coverages.get(i)).map(|c| c.date.long()).unwrap_or_default();
                            let cells = spec.series.iter().map(|s| s.coverages.get(i).map(|c| pct(c.share)).unwrap_or_default()).collect();
                            (date, cells)
                        })
                        .collect();
                    view! {
                        <div class="table-scroll" tabindex="0" role="region" aria-label="The figures behind the chart, scrollable">
                            <table id="main-chart-table">
                                <caption>"Coverage at each month end (derived: union of footprints over ONS populations)"</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">"Month end"</th>
                                        {headers.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}
                                    </tr>
                                </thead>
                                <tbody>
                                    {rows
                                        .into_iter()
                                        .map(|(d, cells)| view! { <tr><th scope="row">{d}</th>{cells.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr> })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                })}
            </details>
        </section>
    }
}
