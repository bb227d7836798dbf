//! Exports, pure: the data behind each chart as CSV (with a "data as at" preamble, a status and a
//! source on every row, spreadsheet formulas neutralised), each chart as an SVG string through the
//! same draw functions the canvas uses, and the file names ("coverboard-<what>-<area>-<date>.<ext>").
//!
//! Every function here takes the chart spec the app draws (`CoverageChart`, `RegionChart`,
//! `ModelChart`, `MapChart`, the listed `SiteRow`s), so an export holds exactly the figures drawn.
//! Nothing panics on input: missing or non-finite figures become empty cells.

use crate::chart::{draw_coverage_chart, series_point_info, CoverageChart, SeriesKind};
use crate::coverage::{Definition, Scope};
use crate::date::{days_in_month, is_leap, Date};
use crate::map_chart::{draw_map, MapChart};
use crate::model::{DataSet, Status};
use crate::model_chart::{draw_model_chart, ModelChart};
use crate::region_chart::{draw_region_chart, RegionChart};
use crate::sites_table::SiteRow;
use crate::summary::pct;
use crate::true_size_svg::TrueSizeSvg;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, IntoDrawingArea, SVGBackend};

// ------------------------------------------------------------------------------------------------
// CSV cells and writing

/// One CSV cell. Numbers are only ever made here from Rust numeric values, so a `Number` is always
/// plain decimal notation that a spreadsheet reads as a number; everything else is `Text`.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Number(String),
    Empty,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    /// A whole number.
    pub fn int(n: impl Into<i64>) -> Cell {
        Cell::Number(n.into().to_string())
    }

    /// A count of people (u64 never fails to format; i64 would overflow above 9.2e18).
    pub fn count(n: u64) -> Cell {
        Cell::Number(n.to_string())
    }

    /// A fraction or other real number with `decimals` places; empty when not finite (never
    /// "NaN" or "inf" in a file), and never "-0.000000".
    pub fn real(x: f64, decimals: usize) -> Cell {
        if !x.is_finite() {
            return Cell::Empty;
        }
        let s = format!("{x:.decimals$}");
        if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
            Cell::Number(s[1..].to_string())
        } else {
            Cell::Number(s)
        }
    }

    /// A share (0 to 1, above 1 only when overlaps are summed), to six decimal places.
    pub fn share(x: f64) -> Cell {
        Cell::real(x, 6)
    }

    pub fn opt_count(n: Option<u64>) -> Cell {
        n.map(Cell::count).unwrap_or(Cell::Empty)
    }

    pub fn opt_share(x: Option<f64>) -> Cell {
        x.map(Cell::share).unwrap_or(Cell::Empty)
    }
}

/// Characters that make a spreadsheet (Excel, LibreOffice Calc, Google Sheets) read a cell as a
/// formula, or that some of them strip before doing so: `=`, `+`, `-`, `@`, tab and carriage return.
pub const FORMULA_TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Makes text safe to open in a spreadsheet: text beginning with a formula trigger gets a leading
/// apostrophe, so `=HYPERLINK("http://x","click")` is shown as the text it is, never run.
///
/// Why: the data sets coverboard reads are CSV files anyone can edit, and an export is opened in a
/// spreadsheet by people who trust it (CSV injection, OWASP). A site named `=HYPERLINK(...)` or
/// `@SUM(...)` would otherwise become a live formula that can leak data or run commands. The
/// apostrophe is the convention spreadsheets themselves use for "this is text"; the original is
/// still readable. Numbers are not passed through here: coverboard writes them itself from numeric
/// values (`Cell::Number`), so a share of -0.5 stays a number, while *text* that looks like one (a
/// note reading "-5") is neutralised like any other text.
pub fn neutralise(text: &str) -> std::borrow::Cow<'_, str> {
    match text.chars().next() {
        Some(c) if FORMULA_TRIGGERS.contains(&c) => format!("'{text}").into(),
        _ => text.into(),
    }
}

/// One field as RFC 4180 writes it: quoted (with quotes doubled) when it holds a comma, a quote,
/// a carriage return or a line feed. Text is neutralised first (see `neutralise`).
pub fn field(cell: &Cell) -> String {
    let raw: std::borrow::Cow<'_, str> = match cell {
        Cell::Text(t) => neutralise(t),
        Cell::Number(n) => n.as_str().into(),
        Cell::Empty => "".into(),
    };
    if raw.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", raw.replace('"', "\"\""))
    } else {
        raw.into_owned()
    }
}

/// A CSV document: key/value lines about the export, a blank line, then a table with a header.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CsvDoc {
    pub preamble: Vec<(String, String)>,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl CsvDoc {
    /// The file's text: UTF-8 with a byte-order mark (so Excel reads "≈" and "©" correctly), CRLF
    /// line ends (RFC 4180). Every line of the table has as many fields as the header.
    pub fn to_csv(&self) -> String {
        let mut out = String::from('\u{feff}');
        let line = |out: &mut String, cells: &[Cell]| {
            let fields: Vec<String> = cells.iter().map(field).collect();
            out.push_str(&fields.join(","));
            out.push_str("\r\n");
        };
        for (k, v) in &self.preamble {
            line(&mut out, &[Cell::text(k.clone()), Cell::text(v.clone())]);
        }
        if !self.preamble.is_empty() {
            out.push_str("\r\n");
        }
        let header: Vec<Cell> = self.header.iter().map(|h| Cell::text(h.clone())).collect();
        line(&mut out, &header);
        let width = self.header.len();
        for row in &self.rows {
            let mut cells: Vec<Cell> = row.iter().take(width).cloned().collect();
            cells.resize(width, Cell::Empty);
            line(&mut out, &cells);
        }
        out
    }
}

// ------------------------------------------------------------------------------------------------
// What every export says about itself

/// What every CSV export begins with: the data set and its date, the as-at date chosen, the area,
/// the definition in words, the target with its provenance, sources and licence.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportMeta {
    pub data_title: String,
    /// The manifest's `data_as_at`.
    pub data_as_at: String,
    pub as_at: Date,
    pub area: String,
    pub area_code: String,
    /// `Definition::describe()`.
    pub definition: String,
    pub target_share: f64,
    pub target_date: Date,
    pub target_status: String,
    pub target_source: String,
    pub target_url: String,
    pub population_source: String,
    pub attribution: String,
}

impl ExportMeta {
    pub fn new(data: &DataSet, def: &Definition, scope: &Scope, as_at: Date) -> ExportMeta {
        let m = &data.manifest;
        ExportMeta {
            data_title: m.title.clone(),
            data_as_at: m.data_as_at.clone(),
            as_at,
            area: scope.name.clone(),
            area_code: scope.code.clone(),
            definition: def.describe(),
            target_share: m.target.share,
            target_date: data.target_date,
            target_status: m.target.status.clone(),
            target_source: m.target.source.clone(),
            target_url: m.target.url.clone(),
            population_source: m.population_source.clone(),
            attribution: m.attribution.clone(),
        }
    }

    /// The target's status as one of the five words (the manifest's text when it is none of them).
    fn target_status_text(&self) -> String {
        Status::parse(&self.target_status)
            .map(|s| s.as_str().to_string())
            .unwrap_or_else(|| or_not_given(&self.target_status))
    }

    fn preamble(&self, title: &str, notes: &str) -> Vec<(String, String)> {
        let kv = |k: &str, v: String| (k.to_string(), v);
        vec![
            kv("Title", title.to_string()),
            kv("Data set", self.data_title.clone()),
            kv("Data as at", self.data_as_at.clone()),
            kv("As at", self.as_at.to_string()),
            kv("Area", format!("{} ({})", self.area, self.area_code)),
            kv("Definition", self.definition.clone()),
            kv(
                "Target",
                format!(
                    "{} by {} (status {}; source: {})",
                    pct(self.target_share),
                    self.target_date,
                    self.target_status_text(),
                    or_not_given(&self.target_source)
                ),
            ),
            kv("Populations", self.population_source.clone()),
            kv("Notes", notes.to_string()),
            kv("Licence", self.attribution.clone()),
        ]
    }
}

const NOT_GIVEN: &str = "not given in the data";

fn or_not_given(text: &str) -> String {
    let t = text.trim();
    if t.is_empty() {
        NOT_GIVEN.to_string()
    } else {
        t.to_string()
    }
}

const SHARE_NOTE: &str = "Shares are fractions of the population (0.5 = 50%). Status says how far a figure can be trusted: verified, corroborated, derived (computed by coverboard), estimate, unverified.";

/// The day a chart's x value (a fractional year from `Date::as_year_fraction`) stands for.
pub fn date_at_year_fraction(x: f64) -> Option<Date> {
    if !x.is_finite() || !(1900.0..2101.0).contains(&x) {
        return None;
    }
    let year = x.floor() as i32;
    let len = if is_leap(year) { 366.0 } else { 365.0 };
    let mut day = ((x - f64::from(year)) * len).round() as i64;
    for month in 1..=12u8 {
        let n = i64::from(days_in_month(year, month));
        if day < n {
            return Date::new(year, month, u8::try_from(day + 1).ok()?);
        }
        day -= n;
    }
    Date::new(year + 1, 1, 1)
}

fn date_cell(x: f64) -> Cell {
    date_at_year_fraction(x)
        .map(|d| Cell::text(d.to_string()))
        .unwrap_or(Cell::Empty)
}

fn series_name(kind: SeriesKind) -> &'static str {
    match kind {
        SeriesKind::Vanguards => "Vanguards",
        SeriesKind::Ics => "ACS/ICS",
        SeriesKind::Combined => "Either",
    }
}

// ------------------------------------------------------------------------------------------------
// The data behind each chart

/// The main chart's data: every series at every month (share, low and high edge of the band,
/// people, population), the published milestones drawn, the projections drawn and the target.
pub fn trajectory_csv(chart: &CoverageChart, meta: &ExportMeta) -> CsvDoc {
    let header = [
        "Date",
        "Row",
        "Series",
        "Share",
        "Share low (only sites surely live)",
        "Share high (every site possibly live)",
        "People covered",
        "Population",
        "Population year",
        "Sites counted",
        "Status",
        "Source",
        "Source URL",
        "Note",
    ];
    let mut rows = Vec::new();
    for s in &chart.series {
        for (i, c) in s.coverages.iter().enumerate() {
            let info = series_point_info(&s.label, c, (0.0, 0.0));
            let (low, high) = match s.band.get(i) {
                Some((_, l, h)) => (Cell::share(*l), Cell::share(*h)),
                None => (Cell::Empty, Cell::Empty),
            };
            rows.push(vec![
                Cell::text(c.date.to_string()),
                Cell::text("coverage"),
                Cell::text(s.label.clone()),
                Cell::share(c.share),
                low,
                high,
                Cell::count(c.covered),
                Cell::count(c.base),
                Cell::int(c.population_year),
                Cell::count(c.live_sites as u64),
                Cell::text(info.status.as_str()),
                Cell::text(info.source),
                Cell::Empty,
                Cell::text(if c.incomplete {
                    "some populations missing: the figure is a floor"
                } else {
                    ""
                }),
            ]);
        }
    }
    for m in &chart.milestones {
        let mut note = format!(
            "published {}: {}; as dated: {}",
            m.label, m.title, m.date_text
        );
        if m.share_derived {
            note.push_str(
                "; share derived from the published population over England's mid-year population",
            );
        }
        rows.push(vec![
            date_cell(m.x),
            Cell::text("published figure"),
            Cell::text(format!("Published ({})", series_name(m.kind))),
            Cell::share(m.share),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::text(m.status.as_str()),
            Cell::text(or_not_given(&m.source)),
            Cell::text(m.url.clone()),
            Cell::text(note),
        ]);
    }
    for p in &chart.projections {
        rows.push(vec![
            date_cell(p.to.0),
            Cell::text("projection"),
            Cell::text(format!(
                "Projection, trailing {} months{}",
                p.window_months,
                if p.central { " (central)" } else { "" }
            )),
            Cell::share(p.to.1),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::text(Status::Estimate.as_str()),
            Cell::text(format!(
                "straight line from coverage at {} at the run-rate of the trailing {} months",
                meta.as_at, p.window_months
            )),
            Cell::Empty,
            Cell::Empty,
        ]);
    }
    rows.push(vec![
        Cell::text(meta.target_date.to_string()),
        Cell::text("target"),
        Cell::text(chart.target_label.clone()),
        Cell::share(chart.target_share),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::text(meta.target_status_text()),
        Cell::text(or_not_given(&meta.target_source)),
        Cell::text(meta.target_url.clone()),
        Cell::Empty,
    ]);
    CsvDoc {
        preamble: meta.preamble(
            &chart.title,
            &format!("{SHARE_NOTE} Coverage rows: one per series per month end; share low/high are given where a site's date is known only to a month, year or span. Published figures are for England."),
        ),
        header: header.iter().map(|h| h.to_string()).collect(),
        rows,
    }
}

/// The regions chart's data: each region as drawn (highest first), then England.
pub fn regions_csv(chart: &RegionChart, meta: &ExportMeta) -> CsvDoc {
    let header = [
        "Region code",
        "Region",
        "Share",
        "People covered",
        "Population",
        "Population year",
        "Sites counted",
        "Against target",
        "Status",
        "Source",
    ];
    let against = |share: f64| {
        if share >= chart.target_share {
            "at or above"
        } else {
            "below"
        }
    };
    let mut rows: Vec<Vec<Cell>> = chart
        .bars
        .iter()
        .map(|b| {
            vec![
                Cell::text(b.code.clone()),
                Cell::text(b.name.clone()),
                Cell::share(b.share),
                Cell::count(b.covered),
                Cell::count(b.base),
                Cell::int(b.population_year),
                Cell::count(b.live_sites as u64),
                Cell::text(against(b.share)),
                Cell::text(Status::Derived.as_str()),
                Cell::text(format!(
                    "union of site footprints over ONS mid-{} populations",
                    b.population_year
                )),
            ]
        })
        .collect();
    rows.push(vec![
        Cell::text(crate::model::ENGLAND_CODE),
        Cell::text("England"),
        Cell::share(chart.england_share),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::text(against(chart.england_share)),
        Cell::text(Status::Derived.as_str()),
        Cell::text("union of site footprints over ONS mid-year populations"),
    ]);
    CsvDoc {
        preamble: meta.preamble(&chart.title, SHARE_NOTE),
        header: header.iter().map(|h| h.to_string()).collect(),
        rows,
    }
}

/// The model-types chart's data: one row per month end, one column per line drawn (each type's
/// own population, any counted type, more than one type).
pub fn model_types_csv(chart: &ModelChart, meta: &ExportMeta) -> CsvDoc {
    let mut header = vec!["Date".to_string()];
    header.extend(chart.lines.iter().map(|l| format!("{} (people)", l.label)));
    header.push("Status".into());
    header.push("Source".into());
    let xs: Vec<f64> = chart
        .lines
        .first()
        .map(|l| l.points.iter().map(|p| p.0).collect())
        .unwrap_or_default();
    let rows = xs
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let mut row = vec![date_cell(*x)];
            row.extend(
                chart
                    .lines
                    .iter()
                    .map(|l| Cell::opt_count(l.points.get(i).map(|p| p.1))),
            );
            row.push(Cell::text(Status::Derived.as_str()));
            row.push(Cell::text(
                "each type's union of site footprints (each person once within a type) over ONS mid-year populations",
            ));
            row
        })
        .collect();
    CsvDoc {
        preamble: meta.preamble(
            &chart.title,
            "People, not shares. A type's column counts each person once within that type; the columns do not add up to \"any type\" where types overlap: the overlap is the last figure.",
        ),
        header,
        rows,
    }
}

/// The map's data: every area of the level in the data (with or without a shape), by name.
pub fn map_csv(chart: &MapChart, meta: &ExportMeta) -> CsvDoc {
    let header = [
        "Area code",
        "Area",
        "NHS region",
        "Value",
        "Share",
        "Details",
        "Status",
        "Source",
        "Source URL",
    ];
    let rows = chart
        .areas
        .iter()
        .map(|a| {
            let region = chart
                .regions
                .iter()
                .find(|(c, _)| *c == a.region_code)
                .map(|(_, n)| n.clone())
                .unwrap_or_else(|| a.region_code.clone());
            vec![
                Cell::text(a.code.clone()),
                Cell::text(a.name.clone()),
                Cell::text(region),
                Cell::text(a.value.clone()),
                Cell::opt_share(a.share),
                Cell::text(a.detail.clone()),
                Cell::text(a.status.as_str()),
                Cell::text(or_not_given(&a.source)),
                Cell::text(a.url.clone()),
            ]
        })
        .collect();
    CsvDoc {
        preamble: meta.preamble(
            &format!("{} ({})", chart.title, chart.subtitle),
            &format!("{SHARE_NOTE} {}", chart.summary()),
        ),
        header: header.iter().map(|h| h.to_string()).collect(),
        rows,
    }
}

/// The sites table's rows as listed (after search, filters and sorting): every column the table
/// shows, with the source URL and the row's status.
pub fn sites_csv(rows: &[&SiteRow], meta: &ExportMeta) -> CsvDoc {
    let header = [
        "Site ID",
        "Site",
        "Model",
        "Model type",
        "Wave",
        "Regions",
        "Live from",
        "Live from (first day, counted from)",
        "Live to",
        "At the as-at date",
        "How the date is known",
        "Footprint population",
        "Population year",
        "Population status",
        "Population is a floor",
        "Footprint population in the area",
        "Published population",
        "Published figure (as given)",
        "Published status",
        "Footprint fit",
        "Counted",
        "Why",
        "Footprint codes",
        "Status",
        "Source URL",
        "Note",
    ];
    let out = rows
        .iter()
        .map(|r| {
            let p = r.population.as_ref();
            vec![
                Cell::text(r.id.clone()),
                Cell::text(r.name.clone()),
                Cell::text(r.model.code()),
                Cell::text(r.model.name()),
                Cell::text(r.wave.clone()),
                Cell::text(r.regions.join("; ")),
                Cell::text(r.live_from.clone()),
                Cell::text(r.live_from_start.to_string()),
                Cell::text(r.live_to.clone().unwrap_or_default()),
                Cell::text(r.live.short()),
                Cell::text(r.date_note.clone()),
                Cell::opt_count(p.map(|p| p.people)),
                p.map(|p| Cell::int(p.year)).unwrap_or(Cell::Empty),
                Cell::text(p.map(|p| p.status.as_str()).unwrap_or("")),
                Cell::text(match p {
                    Some(p) if p.incomplete => "yes",
                    Some(_) => "no",
                    None => "",
                }),
                Cell::opt_count(p.and_then(|p| p.in_scope)),
                Cell::opt_count(r.published_population),
                Cell::text(r.published_text().unwrap_or_default()),
                Cell::text(r.published_status.map(|s| s.as_str()).unwrap_or("")),
                Cell::text(r.fit.as_str()),
                Cell::text(r.counting.short()),
                Cell::text(r.counting.reason(r.model)),
                Cell::text(r.footprint_codes.join("; ")),
                Cell::text(r.status.as_str()),
                Cell::text(or_not_given(&r.source_url)),
                Cell::text(r.note.clone()),
            ]
        })
        .collect();
    CsvDoc {
        preamble: meta.preamble(
            &format!("Sites in {} at {}", meta.area, meta.as_at.long()),
            &format!(
                "{} sites as listed (search, filters and sort as on screen). Footprint population: derived from the ONS populations of the footprint's pieces; published population: the site's or NHS England's own figure with its own status.",
                rows.len()
            ),
        ),
        header: header.iter().map(|h| h.to_string()).collect(),
        rows: out,
    }
}

// ------------------------------------------------------------------------------------------------
// SVG

/// Smallest and largest SVG sides accepted; sizes outside are clamped.
const SVG_MIN: (u32, u32) = (320, 200);
const SVG_MAX: u32 = 4096;

/// Draws with `draw` on an SVG document of `size` (CSS pixels, scale 1) and returns it, with a
/// `<title>` naming the chart for screen readers.
fn render_svg<T>(
    title: &str,
    size: (u32, u32),
    draw: impl FnOnce(&DrawingArea<TrueSizeSvg, Shift>) -> Result<T, String>,
) -> Result<String, String> {
    let size = (
        size.0.clamp(SVG_MIN.0, SVG_MAX),
        size.1.clamp(SVG_MIN.1, SVG_MAX),
    );
    let mut svg = String::new();
    {
        // The canvas's type sizes and text widths (plotters' own SVG backend writes ÷ 1.24).
        let root = TrueSizeSvg(SVGBackend::with_string(&mut svg, size)).into_drawing_area();
        draw(&root)?;
        root.present().map_err(|e| e.to_string())?;
    }
    // plotters opens with `<svg ...>\n`: the title goes first inside it.
    if let Some(end) = svg.find(">\n") {
        let escaped = title
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        svg.insert_str(end + 2, &format!("<title>{escaped}</title>\n"));
    }
    Ok(svg)
}

/// The main chart as SVG, drawn by `draw_coverage_chart`.
pub fn trajectory_svg(chart: &CoverageChart, size: (u32, u32)) -> Result<String, String> {
    render_svg(&chart.title, size, |root| {
        draw_coverage_chart(root, chart, 1.0)
    })
}

/// The regions chart as SVG, drawn by `draw_region_chart` (`selected` outlined).
pub fn regions_svg(
    chart: &RegionChart,
    selected: &str,
    size: (u32, u32),
) -> Result<String, String> {
    render_svg(&chart.title, size, |root| {
        draw_region_chart(root, chart, selected, 1.0)
    })
}

/// The model-types chart as SVG, drawn by `draw_model_chart`.
pub fn model_types_svg(chart: &ModelChart, size: (u32, u32)) -> Result<String, String> {
    render_svg(&chart.title, size, |root| {
        draw_model_chart(root, chart, 1.0)
    })
}

/// The map as SVG, drawn by `draw_map` (`selected` outlined); `scale` as on screen (the map's
/// type is smaller on a narrow canvas).
pub fn map_svg(
    chart: &MapChart,
    selected: &str,
    size: (u32, u32),
    scale: f64,
) -> Result<String, String> {
    render_svg(&chart.title, size, |root| {
        draw_map(root, chart, selected, scale)
    })
}

// ------------------------------------------------------------------------------------------------
// File names

/// Lower-case ASCII letters and digits, every other run of characters one hyphen, at most 60
/// characters: "North East and Yorkshire" → "north-east-and-yorkshire". Never empty.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if out.len() >= 60 {
                break;
            }
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() {
        "all".to_string()
    } else {
        trimmed.to_string()
    }
}

/// `coverboard-<what>-<area>-<as-at YYYY-MM-DD>.<ext>`, e.g.
/// `coverboard-trajectory-london-2021-03-31.csv`: what, where and when, safe on every file system.
pub fn file_name(what: &str, area: &str, as_at: Date, ext: &str) -> String {
    format!(
        "coverboard-{}-{}-{}.{}",
        slug(what),
        slug(area),
        as_at,
        slug(ext)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralises_formula_triggers_only_in_text() {
        for t in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise(t), format!("'{t}"));
        }
        assert_eq!(neutralise("London"), "London");
        assert_eq!(neutralise(""), "");
        assert_eq!(field(&Cell::real(-0.5, 1)), "-0.5");
        assert_eq!(field(&Cell::text("-0.5")), "'-0.5");
        assert_eq!(field(&Cell::real(-0.0, 2)), "0.00");
        assert_eq!(field(&Cell::real(f64::NAN, 2)), "");
        assert_eq!(
            field(&Cell::text("=HYPERLINK(\"http://x\",\"click\")")),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\""
        );
        assert_eq!(field(&Cell::text("a\nb")), "\"a\nb\"");
    }

    #[test]
    fn year_fractions_come_back_to_their_day() {
        for (y, m, d) in [
            (2015, 1, 1),
            (2016, 2, 29),
            (2019, 6, 30),
            (2020, 12, 31),
            (2021, 3, 31),
        ] {
            let date = Date::new(y, m, d);
            assert!(date.is_some());
            if let Some(date) = date {
                assert_eq!(date_at_year_fraction(date.as_year_fraction()), Some(date));
            }
        }
        assert_eq!(date_at_year_fraction(f64::NAN), None);
        assert_eq!(date_at_year_fraction(-1e300), None);
    }
}
