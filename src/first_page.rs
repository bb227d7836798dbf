//! The first dashboard as HTML and its main chart's description: shared by the first view
//! (src/first/main.rs), which writes it into the page, and the build's prerender
//! (examples/prerender/main.rs), which writes it into index.html for the default view.

use crate::chart::{chart_series, main_chart_from, ChartOptions, CoverageChart};
use crate::coverage::{default_period, Definition, Scope};
use crate::model::DataSet;
use crate::narrative::narrative;
use crate::parse::Fnv;
use crate::projection::{outlook, Outlook};
use crate::summary::{coverage_figure, gap_figure, pct, people, time_left, verdict_reason};
use crate::view_state::ViewQuery;
use std::hash::Hasher;

/// A link's first dashboard: its view, definition, scope and outlook, worked out once.
pub struct FirstView {
    pub view: ViewQuery,
    pub def: Definition,
    pub scope: Scope,
    pub outlook: Outlook,
}

impl FirstView {
    /// The dashboard that `query` (a link's `?…`, or "" for the default view) asks for.
    pub fn new(data: &DataSet, query: &str) -> FirstView {
        let (view, _) = ViewQuery::from_query(query, data);
        let def = definition(&view);
        let scope = Scope::new(&data.areas, &view.region);
        let outlook = outlook(data, &def, &scope, view.as_at);
        FirstView {
            view,
            def,
            scope,
            outlook,
        }
    }

    /// Its main chart.
    pub fn chart(&self, data: &DataSet) -> CoverageChart {
        chart_spec(data, &self.view, &self.def, &self.scope, &self.outlook)
    }

    /// Its main chart's element alone (as in `page`).
    pub fn chart_markup(&self, chart: ChartMarkup<'_>) -> String {
        chart_element(chart, &chart_label(&self.view, &self.scope, &self.outlook))
    }

    /// Its markup, with `chart` standing for the main chart.
    pub fn page(&self, data: &DataSet, chart: ChartMarkup<'_>) -> String {
        page(
            data,
            &self.view,
            &self.def,
            &self.scope,
            &self.outlook,
            chart,
        )
    }
}

/// The definition a view asks for.
fn definition(view: &ViewQuery) -> Definition {
    Definition {
        models: view.models.clone(),
        partial: view.partial,
        overlap: view.overlap,
        base: view.base,
    }
}

/// The main chart as the app builds it (src/app/main_chart_view.rs).
fn chart_spec(
    data: &DataSet,
    view: &ViewQuery,
    def: &Definition,
    scope: &Scope,
    o: &Outlook,
) -> CoverageChart {
    let period = default_period();
    let lines = chart_series(data, def, scope, &period);
    main_chart_from(
        data,
        lines,
        scope,
        &period,
        view.as_at,
        Some(o),
        ChartOptions {
            show_events: view.show_events,
            show_projection: view.show_projection,
        },
    )
}

/// Text made safe for HTML.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// What stands for the main chart in the first dashboard's markup.
#[derive(Clone, Copy, Debug)]
pub enum ChartMarkup<'a> {
    /// `<canvas id="first-chart">`, which the first view draws on.
    Canvas,
    /// `<img id="first-chart-img">` showing this image (the build's prerendered SVG),
    /// `width` × `height` CSS pixels at full size; it scales with the column.
    Image {
        src: &'a str,
        width: u32,
        height: u32,
    },
}

/// The first dashboard's markup, with the app's classes so it looks and lays out the same.
fn page(
    data: &DataSet,
    view: &ViewQuery,
    def: &Definition,
    scope: &Scope,
    o: &Outlook,
    chart: ChartMarkup<'_>,
) -> String {
    let first_date = default_period()
        .first()
        .map(|d| d.add_months(0))
        .unwrap_or(data.target_date);
    let story = narrative(data, def, scope, view.as_at, o, first_date);
    let c = &o.current;
    let m = &data.manifest;
    let long = |t: &str| {
        crate::date::Date::parse(t)
            .map(|d| d.long())
            .unwrap_or_else(|_| t.to_string())
    };
    let gap = gap_figure(o);
    let tone = o.verdict.tone();
    let label = chart_label(view, scope, o);
    let paragraphs: String = story
        .paragraphs()
        .iter()
        .map(|p| format!("<p>{}</p>", esc(p)))
        .collect();
    format!(
        concat!(
            r#"<section class="context" aria-label="About these figures"><p class="as-at"><strong>Data as at </strong>{as_at} · compiled {compiled} · {sites} sites · target: {target}</p>"#,
            r#"<p class="definition"><strong>Definition: </strong>{describe}</p><p class="first-wait" role="status">Filters, presenting, printing and the other views are loading…</p></section>"#,
            r#"<section class="controls first-placeholder" aria-hidden="true"><p>Loading the filters…</p></section>"#,
            r#"<section class="headline" aria-labelledby="first-headline-title"><h2 id="first-headline-title">{title}</h2><div class="figures">"#,
            r#"<div class="figure main"><p class="label">Population covered</p><p class="value" id="first-coverage">{share}</p><p class="detail">{covered} of {base} people (ONS mid-{year}){floor}; {live} sites counted</p></div>"#,
            r#"<div class="figure"><p class="label">Target</p><p class="value">{target_share}</p><p class="detail">by {deadline}</p></div>"#,
            r#"<div class="figure"><p class="label">Gap to target</p><p class="value">{gap}</p><p class="detail">percentage points</p></div>"#,
            r#"<div class="figure"><p class="label">Time to deadline</p><p class="value small">{time}</p><p class="detail">deadline {deadline}</p></div>"#,
            r#"<div class="figure verdict {tone}"><p class="label">Trajectory</p><p class="value small">{verdict}</p><p class="detail">{reason}</p></div>"#,
            r#"</div><p class="caption">Definition: {short}</p></section>"#,
            r#"<section class="narrative" aria-labelledby="first-narrative-title"><h2 id="first-narrative-title">In brief</h2><div id="first-narrative" class="narrative-text">{paragraphs}</div></section>"#,
            r#"<section class="chart-panel" aria-labelledby="first-chart-title"><h2 id="first-chart-title">Coverage over time</h2>"#,
            r#"<div class="canvas-wrap">{chart}</div></section>"#,
        ),
        as_at = esc(&long(&m.data_as_at)),
        compiled = esc(&long(&m.compiled)),
        sites = data.sites.len(),
        target = esc(&m.target.label),
        describe = esc(&def.describe()),
        title = esc(&format!("{} at {}", scope.name, view.as_at.long())),
        share = esc(&coverage_figure(o)),
        covered = esc(&people(c.covered)),
        base = esc(&people(c.base)),
        year = c.population_year,
        floor = if c.incomplete {
            ", some populations missing: a floor"
        } else {
            ""
        },
        live = c.live_sites,
        target_share = esc(&pct(o.target_share)),
        deadline = esc(&data.target_date.long()),
        gap = esc(&gap),
        time = esc(&time_left(view.as_at, data.target_date)),
        tone = tone,
        verdict = esc(o.verdict.label()),
        reason = esc(&verdict_reason(o)),
        short = esc(&def.short()),
        paragraphs = paragraphs,
        chart = chart_element(chart, &label),
    )
}

/// What the main chart says, for a screen reader.
fn chart_label(view: &ViewQuery, scope: &Scope, o: &Outlook) -> String {
    format!(
        "Coverage over time for {}. At {} coverage is {} against a target of {}.",
        scope.name,
        view.as_at.long(),
        pct(o.current.share),
        pct(o.target_share)
    )
}

/// The main chart's element, described by `label` (plain text, escaped here).
fn chart_element(chart: ChartMarkup<'_>, label: &str) -> String {
    match chart {
        ChartMarkup::Canvas => format!(
            r#"<canvas id="first-chart" role="img" aria-describedby="first-narrative" aria-label="{}"></canvas>"#,
            esc(label)
        ),
        ChartMarkup::Image { src, width, height } => format!(
            r#"<img id="first-chart-img" elementtiming="first-chart" src="{}" width="{width}" height="{height}" alt="{}" aria-describedby="first-narrative">"#,
            esc(src),
            esc(label)
        ),
    }
}

/// Names the data a prerendered first view was drawn from: FNV-1a (64-bit) over the manifest and
/// the three data files, each without a leading byte-order mark (`fetch`'s `text()` drops it), as
/// 16 hex digits. The first view keeps the prerender only when the files it fetched give the same
/// key and the link has no query; otherwise it draws the page itself.
pub fn prerender_key(manifest: &str, areas: &str, sites: &str, milestones: &str) -> String {
    let texts = [manifest, areas, sites, milestones];
    content_key(&texts.map(|t| t.strip_prefix('\u{feff}').unwrap_or(t)))
}

/// FNV-1a (64-bit) over `texts`, each followed by a byte UTF-8 never holds (so text moved from
/// one to the next gives another key), as 16 hex digits. Also names the prerendered chart's file
/// by its content, so a browser's saved copy of an older drawing is never taken for it.
pub fn content_key(texts: &[&str]) -> String {
    let mut hash = Fnv::default();
    for text in texts {
        hash.write(text.as_bytes());
        hash.write(&[0xff]);
    }
    format!("{:016x}", hash.finish())
}
