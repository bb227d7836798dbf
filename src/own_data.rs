//! An analyst's own file (CSV or JSON, bytes as uploaded or fetched): limits, encoding and shape
//! checks, then the ordinary sites or areas parser. Pure, never panics, whatever the bytes.

use crate::bitset::Bitset;
use crate::export::{Cell, CsvDoc};
use crate::model::{Code, DataSet, Site};
use crate::parse::{parse_sites, read_areas};
use crate::problem::{Effect, Problem, ProblemKind};
use std::borrow::Cow;
use std::collections::BTreeSet;

/// Largest file read: 64 MB. A file at the row limit (100,000 sites with the template's columns
/// and 20 footprint codes each) is 25–45 MB, by the length of the codes; 64 MB leaves room for
/// names, notes and links while bounding what the browser holds at once (the bytes, the table
/// read from them and the sites: a few hundred MB at most).
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
/// Most data rows read (the header not counted).
pub const MAX_ROWS: usize = 100_000;
/// Longest line read, in characters.
pub const MAX_LINE_CHARS: usize = 10_000;

/// What an own file turned out to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OwnKind {
    /// A sites list (replaces the sites; the areas stay).
    Sites,
    /// An areas file with populations (replaces the areas; the current sites are re-resolved).
    Areas,
}

/// The result of reading one own file. `accepted + rejected == rows_read`, always.
#[derive(Clone, Debug, PartialEq)]
pub struct OwnData {
    pub file: String,
    pub kind: OwnKind,
    /// The data set to show, or `None` when nothing in the file could be used (the current data
    /// set then stays).
    pub data: Option<DataSet>,
    /// Every problem in the file, with row and field where they apply.
    pub problems: Vec<Problem>,
    pub rows_read: usize,
    pub accepted: usize,
    pub rejected: usize,
    /// After an areas file: ids of the current sites left out because a footprint code is not in
    /// the new areas.
    pub sites_dropped: Vec<String>,
}

impl OwnData {
    fn failed(file: &str, kind: OwnKind, problem: Problem) -> OwnData {
        OwnData {
            file: file.to_string(),
            kind,
            data: None,
            problems: vec![problem],
            rows_read: 0,
            accepted: 0,
            rejected: 0,
            sites_dropped: Vec::new(),
        }
    }

    /// "5 rows read: 3 accepted, 2 rejected".
    pub fn summary(&self) -> String {
        format!(
            "{} row{} read: {} accepted, {} rejected",
            self.rows_read,
            if self.rows_read == 1 { "" } else { "s" },
            self.accepted,
            self.rejected
        )
    }
}

/// One line of the "what went wrong" report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportRow {
    /// The row as a spreadsheet shows it (JSON: the object's number); `None` for the whole file.
    pub row: Option<usize>,
    pub field: String,
    /// The value at fault, where there is one.
    pub value: String,
    pub reason: String,
    /// What coverboard did ("row left out", …).
    pub effect: &'static str,
}

impl ReportRow {
    fn from_problem(p: &Problem) -> ReportRow {
        use ProblemKind as K;
        let value = match &p.kind {
            K::UnknownArea { value }
            | K::DuplicateId { value, .. }
            | K::BadDate { value, .. }
            | K::NegativePopulation { value }
            | K::NotANumber { value }
            | K::BadShare { value }
            | K::UnknownModel { value }
            | K::NotAllowed { value, .. } => value.clone(),
            K::EndBeforeStart { end, .. } => end.clone(),
            _ => String::new(),
        };
        ReportRow {
            row: p.row,
            field: p.field.clone().unwrap_or_default(),
            value,
            reason: p.kind.to_string(),
            effect: p.effect.as_str(),
        }
    }
}

impl OwnData {
    /// Every problem as a report line, in file order.
    pub fn report_rows(&self) -> Vec<ReportRow> {
        self.problems.iter().map(ReportRow::from_problem).collect()
    }
}

/// Most problems the report lists on the page; the rest are in its CSV download
/// (`problems_csv`). A file of 100,000 bad rows would otherwise put 100,000 table rows in the page.
pub const REPORT_ROWS_SHOWN: usize = 200;

/// Every problem of the report on `file` as CSV: the file and the counts at the top, then one line
/// a problem (row, field, value, reason, effect), in file order. Text that a spreadsheet would
/// read as a formula is neutralised, as in every export.
pub fn problems_csv(file: &str, summary: &str, rows: &[ReportRow]) -> CsvDoc {
    CsvDoc {
        preamble: vec![
            ("File".into(), file.to_string()),
            ("Read".into(), summary.to_string()),
        ],
        header: ["row", "field", "value", "reason", "effect"]
            .map(String::from)
            .to_vec(),
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    r.row.map_or(Cell::text("file"), |n| Cell::count(n as u64)),
                    Cell::text(r.field.clone()),
                    Cell::text(r.value.clone()),
                    Cell::text(r.reason.clone()),
                    Cell::text(r.effect),
                ]
            })
            .collect(),
    }
}

/// The refusal of a file of `size` bytes over [`MAX_FILE_BYTES`], before reading it; `None` when
/// the size is within the limit.
pub fn refuse_size(file: &str, size: u64) -> Option<OwnData> {
    let limit = MAX_FILE_BYTES as u64;
    (size > limit).then(|| {
        OwnData::failed(
            file,
            OwnKind::Sites,
            Problem::file(
                file,
                ProblemKind::TooLarge {
                    size: size_text(size),
                    limit: size_text(limit),
                },
            ),
        )
    })
}

/// "10 MB", "2.5 MB", "900 KB", rounded up (so a file just over 10 MB is "10.1 MB").
fn size_text(bytes: u64) -> String {
    let mb = (bytes as f64 / (1024.0 * 1024.0) * 10.0).ceil() / 10.0;
    if mb >= 1.0 {
        let s = format!("{mb:.1}");
        format!("{} MB", s.strip_suffix(".0").unwrap_or(&s))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// "100,000".
fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn file_problem(file: &str, row: Option<usize>, kind: ProblemKind) -> Box<Problem> {
    Box::new(Problem {
        row,
        ..Problem::file(file, kind)
    })
}

/// The text of the file, or why it is not UTF-8.
fn decode<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, Box<Problem>> {
    let not_utf8 =
        |why: String, row: Option<usize>| file_problem(file, row, ProblemKind::NotUtf8(why));
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(not_utf8("it looks like UTF-16".into(), None));
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(not_utf8(
            "it looks like an Excel workbook, not a CSV file".into(),
            None,
        ));
    }
    // UTF-16 without a byte-order mark: every other byte of ASCII text is zero.
    let head = &bytes[..bytes.len().min(64)];
    if head.len() >= 4 && head.iter().filter(|b| **b == 0).count() * 3 >= head.len() {
        return Err(not_utf8("it looks like UTF-16".into(), None));
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let row = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
        let byte = bytes.get(at).copied().unwrap_or(0);
        not_utf8(
            format!(
                "byte 0x{byte:02X} on row {row} is not valid UTF-8; it may be Windows-1252 or Latin-1"
            ),
            Some(row),
        )
    })
}

/// Checks that need only the text: empty, line length, row count, delimiter.
fn check_text(file: &str, text: &str, json: bool) -> Result<(), Box<Problem>> {
    if text.trim().is_empty() {
        return Err(Box::new(Problem::file(file, ProblemKind::EmptyFile)));
    }
    let mut lines = 0usize;
    for (i, line) in text.lines().enumerate() {
        lines += 1;
        // A line has at most as many characters as bytes: count them only when it could be over.
        let chars = if line.len() > MAX_LINE_CHARS {
            line.chars().count()
        } else {
            0
        };
        if chars > MAX_LINE_CHARS && !json {
            return Err(file_problem(
                file,
                Some(i + 1),
                ProblemKind::LineTooLong {
                    chars,
                    limit: MAX_LINE_CHARS,
                },
            ));
        }
        if lines > MAX_ROWS + 1 && !json {
            return Err(file_problem(
                file,
                None,
                ProblemKind::TooManyRows {
                    limit: thousands(MAX_ROWS),
                },
            ));
        }
    }
    if !json {
        let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        if !header.contains(',') {
            let found = if header.contains(';') {
                Some("semicolons")
            } else if header.contains('\t') {
                Some("tabs")
            } else if header.contains('|') {
                Some("vertical bars")
            } else {
                None
            };
            if let Some(found) = found {
                return Err(file_problem(
                    file,
                    Some(1),
                    ProblemKind::WrongDelimiter(found.into()),
                ));
            }
        }
    }
    Ok(())
}

fn looks_like_json(file: &str, text: &str) -> bool {
    let lower = file.to_ascii_lowercase();
    lower.ends_with(".json") || text.trim_start().starts_with(['[', '{'])
}

/// A JSON value as a CSV field: strings as they are, numbers and booleans as written, arrays
/// joined with `;` (footprints), null empty. Newlines become spaces so each record is one line.
fn json_field(v: &serde_json::Value) -> String {
    let s = match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(items) => {
            items.iter().map(json_field).collect::<Vec<_>>().join(";")
        }
        other => other.to_string(),
    };
    s.replace(['\r', '\n'], " ")
}

/// A JSON array of objects turned into CSV text (one line per object, so the object numbered
/// `n` from 1 is CSV row `n + 1`), plus problems with items that are not objects.
fn json_to_csv(file: &str, text: &str) -> Result<(String, Vec<Problem>), Box<Problem>> {
    let json_problem = |why: String| file_problem(file, None, ProblemKind::Json(why));
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| json_problem(e.to_string()))?;
    let serde_json::Value::Array(items) = value else {
        return Err(json_problem(
            "expected an array of objects, one per site ([{\"site_id\": …}, …])".into(),
        ));
    };
    if items.len() > MAX_ROWS {
        return Err(file_problem(
            file,
            None,
            ProblemKind::TooManyRows {
                limit: thousands(MAX_ROWS),
            },
        ));
    }
    let mut columns: Vec<String> = Vec::new();
    for item in &items {
        if let serde_json::Value::Object(map) = item {
            for k in map.keys() {
                let k = k.trim().to_ascii_lowercase();
                if !columns.contains(&k) {
                    columns.push(k);
                }
            }
        }
    }
    let mut problems = Vec::new();
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    let csv_error = |e: csv::Error| json_problem(e.to_string());
    writer.write_record(&columns).map_err(csv_error)?;
    // An item that is not an object (or is empty) is reported here and written as a one-field
    // placeholder row, so row numbers stay in step; the parser's "wrong number of fields" problem
    // for the placeholder is dropped later, leaving one problem per item.
    for (i, item) in items.iter().enumerate() {
        match item {
            serde_json::Value::Object(map) => {
                let mut record = vec![String::new(); columns.len()];
                for (k, v) in map {
                    let k = k.trim().to_ascii_lowercase();
                    if let Some(pos) = columns.iter().position(|c| *c == k) {
                        if let Some(cell) = record.get_mut(pos) {
                            *cell = json_field(v);
                        }
                    }
                }
                // A record of empty fields would be skipped as a blank line: keep it visible.
                if record.iter().all(String::is_empty) {
                    problems.push(Problem {
                        field: None,
                        ..Problem::at(
                            file,
                            i + 1,
                            "",
                            ProblemKind::NotAnObject("an empty object".into()),
                        )
                    });
                    writer
                        .write_record(std::iter::once("\u{0}"))
                        .map_err(csv_error)?;
                    continue;
                }
                writer.write_record(&record).map_err(csv_error)?;
            }
            other => {
                let what = match other {
                    serde_json::Value::Array(_) => "an array",
                    serde_json::Value::String(_) => "a string",
                    serde_json::Value::Number(_) => "a number",
                    serde_json::Value::Bool(_) => "true/false",
                    _ => "null",
                };
                problems.push(Problem {
                    field: None,
                    ..Problem::at(file, i + 1, "", ProblemKind::NotAnObject(what.into()))
                });
                writer
                    .write_record(std::iter::once("\u{0}"))
                    .map_err(csv_error)?;
            }
        }
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| json_problem(e.to_string()))?;
    let csv_text = String::from_utf8(bytes).map_err(|e| json_problem(e.to_string()))?;
    Ok((csv_text, problems))
}

/// Data rows left out: distinct rows with a row-rejecting problem.
fn rejected_rows(problems: &[Problem]) -> usize {
    problems
        .iter()
        .filter(|p| p.effect == Effect::RowRejected)
        .filter_map(|p| p.row)
        .collect::<BTreeSet<_>>()
        .len()
}

/// Resolves `site`'s footprint codes against new areas; `None` when a code is not there.
fn re_resolve(site: &Site, areas: &crate::model::Areas) -> Option<Site> {
    let mut footprint = Bitset::new(areas.len());
    for code in &site.footprint_codes {
        footprint.union_with(&areas.area(code)?.pieces);
    }
    let regions = areas
        .regions
        .iter()
        .filter(|code| {
            areas
                .area(code)
                .is_some_and(|r| r.pieces.intersects(&footprint))
        })
        .map(|code| Code::from(code.as_str()))
        .collect();
    Some(Site {
        footprint,
        regions,
        ..site.clone()
    })
}

/// Reads an own file named `file` (CSV, or JSON: an array of objects with the CSV's column names)
/// against `current` (the data set shown now). A sites file replaces the sites, resolved against
/// `current`'s areas; an areas file (its header has `piece_id`) replaces the areas and keeps the
/// current sites whose footprints it still resolves. Nothing here panics.
pub fn own_data(file: &str, bytes: &[u8], current: &DataSet) -> OwnData {
    if let Some(refused) = refuse_size(file, bytes.len() as u64) {
        return refused;
    }
    let text = match decode(file, bytes) {
        Ok(t) => t,
        Err(p) => return OwnData::failed(file, OwnKind::Sites, *p),
    };
    let json = looks_like_json(file, text);
    if let Err(p) = check_text(file, text, json) {
        return OwnData::failed(file, OwnKind::Sites, *p);
    }
    // A CSV file is read as it is (no copy); JSON is turned into CSV text first.
    let (csv_text, mut problems) = if json {
        match json_to_csv(file, text) {
            Ok((t, p)) => (Cow::Owned(t), p),
            Err(p) => return OwnData::failed(file, OwnKind::Sites, *p),
        }
    } else {
        (Cow::Borrowed(text), Vec::new())
    };
    let header = csv_text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .to_ascii_lowercase();
    let is_areas = header
        .trim_start_matches('\u{feff}')
        .split(',')
        .any(|c| c.trim().trim_matches('"') == "piece_id");
    let mut out = if is_areas {
        read_own_areas(file, &csv_text, current)
    } else {
        read_own_sites(file, &csv_text, current)
    };
    if json {
        // The placeholder rows of non-objects were rejected as short rows: drop those problems
        // (reported above, once) and number rows by object (CSV row n + 1 is object n).
        let placeholder = |p: &Problem| {
            matches!(p.kind, ProblemKind::WrongFieldCount { found: 1, .. })
                && problems
                    .iter()
                    .any(|q| Some(q.row.unwrap_or(0) + 1) == p.row)
        };
        out.problems.retain(|p| !placeholder(p));
        for p in &mut out.problems {
            if let Some(r) = p.row.as_mut() {
                *r = r.saturating_sub(1);
            }
        }
        problems.append(&mut out.problems);
        problems.sort_by_key(|p| p.row.unwrap_or(0));
        out.problems = problems;
    }
    if out.rows_read == 0
        && !out
            .problems
            .iter()
            .any(|p| p.effect == Effect::FileRejected)
    {
        out.problems
            .push(Problem::file(file, ProblemKind::NoDataRows));
    }
    out.rejected = rejected_rows(&out.problems);
    // Rows rejected whole file-level (a missing column) count as rejected too.
    if out.rows_read > out.accepted + out.rejected {
        out.rejected = out.rows_read - out.accepted;
    }
    if out.accepted == 0 {
        out.data = None;
    }
    out
}

fn read_own_sites(file: &str, text: &str, current: &DataSet) -> OwnData {
    let parsed = parse_sites(file, text, &current.areas);
    let accepted = parsed.records.len();
    // The current data set but its sites and problems (not cloned only to be dropped: they may
    // be an earlier own file's 100,000 sites).
    let data = DataSet {
        manifest: current.manifest.clone(),
        target_date: current.target_date,
        areas: current.areas.clone(),
        sites: parsed.records,
        milestones: current.milestones.clone(),
        problems: parsed.problems.clone(),
    };
    OwnData {
        file: file.to_string(),
        kind: OwnKind::Sites,
        data: Some(data),
        problems: parsed.problems,
        rows_read: parsed.rows_read,
        accepted,
        rejected: 0,
        sites_dropped: Vec::new(),
    }
}

fn read_own_areas(file: &str, text: &str, current: &DataSet) -> OwnData {
    let (areas, problems, rows_read) = read_areas(file, text);
    let accepted = areas.len();
    let mut sites = Vec::new();
    let mut sites_dropped = Vec::new();
    for site in &current.sites {
        match re_resolve(site, &areas) {
            Some(s) => sites.push(s),
            None => sites_dropped.push(site.id.clone()),
        }
    }
    let usable = !areas.is_empty() && !areas.years.is_empty();
    let data = usable.then(|| DataSet {
        manifest: current.manifest.clone(),
        target_date: current.target_date,
        areas,
        sites,
        milestones: current.milestones.clone(),
        problems: problems.clone(),
    });
    OwnData {
        file: file.to_string(),
        kind: OwnKind::Areas,
        data,
        problems,
        rows_read,
        accepted,
        rejected: 0,
        sites_dropped,
    }
}
