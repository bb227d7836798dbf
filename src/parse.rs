//! Reading the data files (manifest JSON; areas, sites and milestones CSV) into the model, keeping
//! every valid row and reporting every problem. Nothing here panics, whatever the input.

use crate::bitset::Bitset;
use crate::date::{Date, DateSpan};
use crate::model::{
    AreaLevel, Areas, Code, Comparator, DataSet, FootprintFit, Manifest, Milestone, MilestoneKind,
    ModelType, NamedArea, Piece, Site, Status, ENGLAND_CODE,
};
use crate::problem::{Parsed, Problem, ProblemKind};
use crate::text;
use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use thiserror::Error;

/// FNV-1a (64-bit), a quick hash for the area codes a sites file names, looked up once per code
/// of every footprint. Only codes of the areas are kept in a map hashed this way (`AreaLookup`),
/// so a file cannot fill it with chosen collisions; the file's own ids keep the standard hash.
/// Also `first_page::content_key`'s hash.
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// A failure that leaves nothing to show: the message names the file.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum LoadError {
    #[error("{file}: {reason}")]
    Unusable { file: String, reason: String },
}

/// A problem that rejects a row, boxed to keep `Result`s small.
fn reject(file: &str, line: usize, field: &str, kind: ProblemKind) -> Box<Problem> {
    Box::new(Problem::at(file, line, field, kind))
}

/// A CSV file read into rows, with the header's column positions. The data rows' fields are
/// spans of one text, trimmed: of the file's own text when it has no quotes (nothing copied), or of
/// one string holding the fields as the `csv` crate unquoted them (issue 7: no allocation a row
/// for a 100,000-row own file).
struct Table<'t> {
    /// Column names, trimmed and in lower case.
    header: Vec<String>,
    /// The text the spans are of.
    text: Cow<'t, str>,
    /// Where each field lies in `text`, row after row (`header.len()` a row).
    spans: Vec<(usize, usize)>,
    /// Each kept data row's number as a spreadsheet shows it.
    lines: Vec<usize>,
    /// Data rows left out already because their shape was wrong (reported as problems).
    rejected: usize,
}

impl<'t> Table<'t> {
    /// The position of column `name` (the last, if the header repeats it). A scan of the header:
    /// quicker than hashing the name for the dozen or two columns a file has, and this is asked
    /// for every field of every row.
    fn column(&self, name: &str) -> Option<usize> {
        column(&self.header, name)
    }

    /// The kept data rows, each as its row number and the spans of its fields (a `Row`).
    fn rows<'a>(&'a self, file: &'a str) -> impl Iterator<Item = Row<'a>> + 'a {
        let n = self.header.len();
        self.lines.iter().enumerate().map(move |(r, line)| Row {
            file,
            line: *line,
            text: &self.text,
            header: &self.header,
            spans: self.spans.get(r * n..r * n + n).unwrap_or(&[]),
        })
    }

    fn row_count(&self) -> usize {
        self.lines.len()
    }
}

/// Reads CSV text; problems with the file as a whole or with a row's shape go into `problems`.
/// Text without a double quote (most files) is split at commas and line ends directly, exactly
/// as the `csv` crate reads it (tests/csv_fast_path.rs compares the two); text with quotes is read
/// by the `csv` crate.
fn read_table<'t>(file: &str, text: &'t str, problems: &mut Vec<Problem>) -> Option<Table<'t>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        problems.push(Problem::file(file, ProblemKind::EmptyFile));
        return None;
    }
    let problems_before = problems.len();
    let mut table = TableBuilder {
        header: None,
        spans: Vec::new(),
        lines: Vec::new(),
        rejected: 0,
    };
    let text = if text.contains('"') {
        Cow::Owned(read_quoted(file, text, &mut table, problems))
    } else {
        for (line, start, end) in quote_free_spans(text) {
            let mut at = start;
            let fields = std::iter::from_fn(|| {
                if at > end {
                    return None;
                }
                let stop = text
                    .as_bytes()
                    .get(at..end)?
                    .iter()
                    .position(|b| *b == b',')
                    .map_or(end, |i| at + i);
                let span = text::trim_span(text, at, stop);
                at = stop + 1;
                Some(span)
            });
            table.record(file, line, text, fields, problems);
        }
        Cow::Borrowed(text)
    };
    let Some(header) = table.header else {
        // Only blank fields (e.g. ",,,"): say so, unless reading the file already did.
        if problems.len() == problems_before {
            problems.push(Problem::file(file, ProblemKind::EmptyFile));
        }
        return None;
    };
    Some(Table {
        header,
        text,
        spans: table.spans,
        lines: table.lines,
        rejected: table.rejected,
    })
}

/// The records of CSV text with no double quote, as the `csv` crate reads them: a record is each
/// run of bytes between line ends (`\n`, `\r` or both), runs of line ends give no record, and a
/// record's line is one more than the `\n`s before it.
pub fn quote_free_records(text: &str) -> impl Iterator<Item = (usize, &str)> {
    quote_free_spans(text).filter_map(|(line, start, end)| Some((line, text.get(start..end)?)))
}

/// `quote_free_records` as each record's line and where it starts and ends in `text`.
fn quote_free_spans(text: &str) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut line = 1;
    std::iter::from_fn(move || {
        while let Some(b) = bytes.get(at) {
            match b {
                b'\n' => line += 1,
                b'\r' => {}
                _ => break,
            }
            at += 1;
        }
        if at >= bytes.len() {
            return None;
        }
        let start = at;
        let len = bytes
            .get(start..)?
            .iter()
            .position(|b| *b == b'\n' || *b == b'\r')
            .unwrap_or(bytes.len() - start);
        at = start + len;
        Some((line, start, at))
    })
}

/// Text with quotes, read by the `csv` crate into `table`; the text its spans are of.
fn read_quoted(
    file: &str,
    text: &str,
    table: &mut TableBuilder,
    problems: &mut Vec<Problem>,
) -> String {
    let mut fields = String::with_capacity(text.len());
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut lines = LineCount::new(text);
    // One record read into again and again.
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = lines.at(record.position().map_or(0, csv::Position::byte));
                let before = fields.len();
                for field in &record {
                    fields.push_str(text::trim(field));
                }
                // The record's trimmed fields are now one after another from `before`.
                let mut at = before;
                let spans = record.iter().map(|f| {
                    let len = text::trim(f).len();
                    at += len;
                    (at - len, at)
                });
                table.record(file, line, &fields, spans, problems);
            }
            Err(e) => {
                let line = e.position().map(|p| lines.at(p.byte()));
                let kind = ProblemKind::Csv(e.to_string());
                problems.push(match line {
                    Some(line) if table.header.is_some() => {
                        table.rejected += 1;
                        Problem {
                            field: None,
                            ..Problem::at(file, line, "", kind)
                        }
                    }
                    _ => Problem::file(file, kind),
                });
            }
        }
    }
    fields
}

/// Line numbers of the records the `csv` crate reads. Its own `Position::line` is where the
/// reader stood before the record: one short after a `\r\n` line end (a spreadsheet's CSV) or a
/// blank line. This counts the `\n`s before the record's first byte instead, as
/// `quote_free_records` does; positions are asked for in order, so the text is scanned once.
struct LineCount<'a> {
    text: &'a [u8],
    at: usize,
    line: usize,
}

impl<'a> LineCount<'a> {
    fn new(text: &'a str) -> LineCount<'a> {
        LineCount {
            text: text.as_bytes(),
            at: 0,
            line: 1,
        }
    }

    /// The line of the record the reader began to read at byte `byte` (line ends before it are
    /// skipped, as the reader skips them).
    fn at(&mut self, byte: u64) -> usize {
        let mut start = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        while matches!(self.text.get(start), Some(b'\n' | b'\r')) {
            start += 1;
        }
        if start > self.at {
            let counted = self.text.get(self.at..start).unwrap_or(&[]);
            self.line += counted.iter().filter(|b| **b == b'\n').count();
            self.at = start;
        }
        self.line
    }
}

/// A `Table` as its records are read.
struct TableBuilder {
    header: Option<Vec<String>>,
    spans: Vec<(usize, usize)>,
    lines: Vec<usize>,
    rejected: usize,
}

impl TableBuilder {
    /// One record, as the spans of its trimmed fields in `text`: blank ones are left out, the
    /// first is the header, a data row of the wrong shape is reported and rejected, the rest are
    /// kept.
    fn record(
        &mut self,
        file: &str,
        line: usize,
        text: &str,
        fields: impl Iterator<Item = (usize, usize)>,
        problems: &mut Vec<Problem>,
    ) {
        let before = self.spans.len();
        self.spans.extend(fields);
        let Some(row) = self.spans.get(before..) else {
            return;
        };
        let found = row.len();
        if row.iter().all(|(start, end)| start == end) {
            self.spans.truncate(before);
            return; // blank line
        }
        let Some(h) = &self.header else {
            let header = row
                .iter()
                .map(|(start, end)| text.get(*start..*end).unwrap_or("").to_ascii_lowercase())
                .collect();
            self.header = Some(header);
            self.spans.truncate(before);
            return;
        };
        if found != h.len() {
            self.spans.truncate(before);
            let kind = ProblemKind::WrongFieldCount {
                found,
                expected: h.len(),
            };
            problems.push(Problem {
                field: None,
                ..Problem::at(file, line, "", kind)
            });
            self.rejected += 1;
            return;
        }
        self.lines.push(line);
    }
}

/// The position of column `name` in `header` (the last, if the header repeats it).
fn column(header: &[String], name: &str) -> Option<usize> {
    header.iter().rposition(|h| h == name)
}

/// A column asked for by name: where it is in the header is looked up each time for a name, and
/// once per file for a `Col` (the sites parser, which reads 16 columns of up to 100,000 rows).
trait Field: Copy {
    fn name(&self) -> &str;
    fn position(&self, header: &[String]) -> Option<usize>;
}

impl Field for &str {
    fn name(&self) -> &str {
        self
    }

    fn position(&self, header: &[String]) -> Option<usize> {
        column(header, self)
    }
}

/// A column's name and its place in one table's header, found once.
#[derive(Clone, Copy)]
struct Col {
    name: &'static str,
    at: Option<usize>,
}

impl Col {
    fn of(table: &Table, name: &'static str) -> Col {
        Col {
            name,
            at: table.column(name),
        }
    }
}

impl Field for Col {
    fn name(&self) -> &str {
        self.name
    }

    fn position(&self, _: &[String]) -> Option<usize> {
        self.at
    }
}

/// Looks up fields of one row by column name.
struct Row<'a> {
    file: &'a str,
    line: usize,
    text: &'a str,
    header: &'a [String],
    /// Where the row's fields lie in `text`.
    spans: &'a [(usize, usize)],
}

impl<'a> Row<'a> {
    /// The field in column `name`, trimmed ("" when there is no such column).
    fn get(&self, name: impl Field) -> &'a str {
        name.position(self.header)
            .and_then(|i| self.spans.get(i))
            .and_then(|(start, end)| self.text.get(*start..*end))
            .unwrap_or("")
    }

    fn required(&self, name: impl Field) -> Result<&'a str, Box<Problem>> {
        let v = self.get(name);
        if v.is_empty() {
            Err(reject(
                self.file,
                self.line,
                name.name(),
                ProblemKind::MissingField,
            ))
        } else {
            Ok(v)
        }
    }

    fn date(&self, name: impl Field) -> Result<DateSpan, Box<Problem>> {
        let v = self.required(name)?;
        DateSpan::parse(v).map_err(|e| {
            reject(
                self.file,
                self.line,
                name.name(),
                ProblemKind::BadDate {
                    value: v.into(),
                    reason: e.to_string(),
                },
            )
        })
    }

    fn optional_date(&self, name: impl Field) -> Result<Option<DateSpan>, Box<Problem>> {
        if self.get(name).is_empty() {
            Ok(None)
        } else {
            self.date(name).map(Some)
        }
    }

    /// An optional whole number ≥ 0; a bad value is reported and ignored (the row is kept).
    fn population(&self, name: impl Field, problems: &mut Vec<Problem>) -> Option<u64> {
        let v = self.get(name);
        if v.is_empty() {
            return None;
        }
        match parse_population(v) {
            Ok(n) => Some(n),
            Err(kind) => {
                problems.push(Problem::ignored(self.file, self.line, name.name(), kind));
                None
            }
        }
    }
}

/// A plain decimal number: optional `+`/`-`, digits with an optional `.`, an optional exponent
/// (`e-3`); `None` otherwise (no `inf`/`NaN`). Identical to `str::parse::<f64>` for up to 15
/// significant digits and a power of ten within ±22 (one correctly rounded division or product of
/// exact values); beyond that within a few units in the last place (digits past 19 are dropped).
/// Written out because the standard parser's tables are a twelfth of the first view's wasm
/// (issue 7, size budget); tests/fixed.rs compares the two.
pub fn parse_decimal(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let (negative, mut i) = match bytes.first() {
        Some(b'-') => (true, 1),
        Some(b'+') => (false, 1),
        _ => (false, 0),
    };
    let mut mantissa: u64 = 0;
    let mut digits = 0u32; // significant digits kept in `mantissa`
    let mut scale: i32 = 0; // power of ten to apply
    let mut seen_digit = false;
    let mut seen_point = false;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'0'..=b'9' => {
                seen_digit = true;
                let d = u64::from(b - b'0');
                if mantissa == 0 && d == 0 {
                    // A leading zero: no significant digit, but it holds a place after the point.
                    if seen_point {
                        scale -= 1;
                    }
                } else if digits < 19 {
                    mantissa = mantissa * 10 + d;
                    digits += 1;
                    if seen_point {
                        scale -= 1;
                    }
                } else if !seen_point {
                    // A digit dropped before the point still counts its place.
                    scale += 1;
                }
            }
            b'.' if !seen_point => seen_point = true,
            _ => break,
        }
        i += 1;
    }
    if !seen_digit {
        return None;
    }
    if let Some(b'e' | b'E') = bytes.get(i) {
        i += 1;
        let (sign, start) = match bytes.get(i) {
            Some(b'-') => (-1, i + 1),
            Some(b'+') => (1, i + 1),
            _ => (1, i),
        };
        let exp = text.get(start..)?;
        if exp.is_empty() || !exp.bytes().all(|b| b.is_ascii_digit()) || exp.len() > 4 {
            return None;
        }
        scale = scale.checked_add(sign * exp.parse::<i32>().ok()?)?;
        i = bytes.len();
    }
    if i != bytes.len() {
        return None;
    }
    const EXACT: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    let mut value = mantissa as f64;
    let mut left = scale;
    while left > 0 {
        let step = left.min(22);
        value *= EXACT.get(step as usize).copied().unwrap_or(1.0);
        left -= step;
    }
    while left < 0 {
        let step = (-left).min(22);
        value /= EXACT.get(step as usize).copied().unwrap_or(1.0);
        left += step;
    }
    Some(if negative { -value } else { value })
}

/// A population: digits, optionally with thousands separators ("1,234,567").
pub fn parse_population(v: &str) -> Result<u64, ProblemKind> {
    let cleaned: String = v
        .chars()
        .filter(|c| *c != ',' && *c != '_' && *c != ' ')
        .collect();
    if let Some(rest) = cleaned.strip_prefix('-') {
        if !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit() || c == '.') {
            return Err(ProblemKind::NegativePopulation { value: v.into() });
        }
    }
    let cleaned = cleaned.strip_suffix(".0").unwrap_or(&cleaned);
    cleaned
        .parse::<u64>()
        .map_err(|_| ProblemKind::NotANumber { value: v.into() })
}

fn require_columns(file: &str, table: &Table, names: &[&str], problems: &mut Vec<Problem>) -> bool {
    let mut ok = true;
    for n in names {
        if table.column(n).is_none() {
            problems.push(Problem::file(
                file,
                ProblemKind::MissingColumn((*n).to_string()),
            ));
            ok = false;
        }
    }
    ok
}

/// Reads `manifest.json`.
pub fn parse_manifest(file: &str, text: &str) -> Result<Manifest, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str::<Manifest>(text).map_err(|e| LoadError::Unusable {
        file: file.into(),
        reason: format!("not a valid manifest: {e}"),
    })
}

/// Reads the areas file: one row per piece, with populations per year in `pop_YYYY` columns.
/// Returns the years found and the pieces.
pub fn parse_areas(file: &str, text: &str) -> (Vec<i32>, Parsed<Piece>) {
    let mut out = Parsed::default();
    let Some(table) = read_table(file, text, &mut out.problems) else {
        return (Vec::new(), out);
    };
    if !require_columns(
        file,
        &table,
        &[
            "piece_id",
            "lad_code",
            "ccg_code",
            "stp_code",
            "region_code",
        ],
        &mut out.problems,
    ) {
        out.rows_read = table.row_count() + table.rejected;
        return (Vec::new(), out);
    }
    let years = population_years(&table);
    if years.is_empty() {
        out.problems.push(Problem::file(
            file,
            ProblemKind::MissingColumn("pop_YYYY (e.g. pop_2019)".into()),
        ));
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    out.rows_read = table.rejected;
    for row in table.rows(file) {
        out.rows_read += 1;
        match piece_from_row(&row, &years, &mut seen, &mut out.problems) {
            Ok(p) => out.records.push(p),
            Err(problem) => out.problems.push(*problem),
        }
    }
    (years, out)
}

fn population_years(table: &Table) -> Vec<i32> {
    let mut years: Vec<i32> = table
        .header
        .iter()
        .filter_map(|h| h.strip_prefix("pop_").and_then(|y| y.parse::<i32>().ok()))
        .filter(|y| (1900..=2100).contains(y))
        .collect();
    years.sort_unstable();
    years.dedup();
    years
}

fn piece_from_row(
    row: &Row<'_>,
    years: &[i32],
    seen: &mut HashMap<String, usize>,
    problems: &mut Vec<Problem>,
) -> Result<Piece, Box<Problem>> {
    let id = row.required("piece_id")?;
    if let Some(&first_row) = seen.get(id) {
        return Err(reject(
            row.file,
            row.line,
            "piece_id",
            ProblemKind::DuplicateId {
                value: id.into(),
                first_row,
            },
        ));
    }
    let lad_code = row.required("lad_code")?;
    let ccg_code = row.required("ccg_code")?;
    let stp_code = row.required("stp_code")?;
    let region_code = row.required("region_code")?;
    let mut population = Vec::with_capacity(years.len());
    let mut status = Vec::with_capacity(years.len());
    for y in years {
        population.push(row.population(format!("pop_{y}").as_str(), problems));
        let s = row.get(format!("status_{y}").as_str());
        status.push(if s.is_empty() { None } else { Status::parse(s) });
    }
    seen.insert(id.to_string(), row.line);
    let name = |col: &str, code: &str| {
        let v = row.get(col);
        if v.is_empty() {
            code.to_string()
        } else {
            v.to_string()
        }
    };
    Ok(Piece {
        id: id.into(),
        lad_name: name("lad_name", lad_code),
        lad_code: lad_code.into(),
        ccg_name: name("ccg_name", ccg_code),
        ccg_code: ccg_code.into(),
        stp_name: name("stp_name", stp_code),
        stp_code: stp_code.into(),
        region_name: name("region_name", region_code),
        region_code: region_code.into(),
        population,
        status,
    })
}

/// Builds the named areas (England, regions, STPs, CCGs, LADs, pieces) from the pieces.
pub fn build_areas(years: Vec<i32>, pieces: Vec<Piece>) -> Areas {
    let n = pieces.len();
    let mut by_code: HashMap<String, NamedArea> = HashMap::new();
    let mut add = |code: &str, name: &str, level: AreaLevel, i: usize| {
        let entry = by_code
            .entry(code.to_string())
            .or_insert_with(|| NamedArea {
                code: code.to_string(),
                name: name.to_string(),
                level,
                pieces: Bitset::new(n),
            });
        entry.pieces.insert(i);
    };
    for (i, p) in pieces.iter().enumerate() {
        add(ENGLAND_CODE, "England", AreaLevel::England, i);
        add(&p.region_code, &p.region_name, AreaLevel::Region, i);
        add(&p.stp_code, &p.stp_name, AreaLevel::Stp, i);
        add(&p.ccg_code, &p.ccg_name, AreaLevel::Ccg, i);
        add(&p.lad_code, &p.lad_name, AreaLevel::Lad, i);
        add(
            &p.id,
            &format!("{} in {}", p.lad_name, p.ccg_name),
            AreaLevel::Piece,
            i,
        );
    }
    let mut regions: Vec<(String, String)> = by_code
        .values()
        .filter(|a| a.level == AreaLevel::Region)
        .map(|a| (a.name.clone(), a.code.clone()))
        .collect();
    regions.sort();
    let mut population_table = vec![vec![0u64; n]; years.len()];
    let mut missing = vec![Bitset::new(n); years.len()];
    for (i, p) in pieces.iter().enumerate() {
        for (yi, (row, gaps)) in population_table
            .iter_mut()
            .zip(missing.iter_mut())
            .enumerate()
        {
            match p.population.get(yi).copied().flatten() {
                Some(v) => {
                    if let Some(cell) = row.get_mut(i) {
                        *cell = v;
                    }
                }
                None => gaps.insert(i),
            }
        }
    }
    Areas {
        years,
        pieces,
        by_code,
        regions: regions.into_iter().map(|(_, c)| c).collect(),
        population_table,
        missing,
    }
}

/// Reads the areas file into `Areas`, with its problems.
pub fn read_areas(file: &str, text: &str) -> (Areas, Vec<Problem>, usize) {
    let (years, parsed) = parse_areas(file, text);
    (
        build_areas(years, parsed.records),
        parsed.problems,
        parsed.rows_read,
    )
}

/// Reads a sites file against `areas`: every footprint code must name a known area.
pub fn parse_sites(file: &str, text: &str, areas: &Areas) -> Parsed<Site> {
    let mut out = Parsed::default();
    let Some(table) = read_table(file, text, &mut out.problems) else {
        return out;
    };
    if !require_columns(
        file,
        &table,
        &["site_id", "name", "model", "live_from", "footprint"],
        &mut out.problems,
    ) {
        out.rows_read = table.row_count() + table.rejected;
        return out;
    }
    // Ids seen, borrowed from the table (not copied).
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(table.row_count());
    let mut lookup = AreaLookup::new(areas);
    let cols = SiteColumns::of(&table);
    out.records.reserve(table.row_count());
    out.rows_read = table.rejected;
    for row in table.rows(file) {
        out.rows_read += 1;
        match site_from_row(&row, &cols, &mut lookup, &seen, &mut out.problems) {
            Ok(site) => {
                seen.insert(row.get(cols.site_id), row.line);
                out.records.push(site);
            }
            Err(problem) => out.problems.push(*problem),
        }
    }
    out
}

/// The columns of a sites file, found once per file.
#[derive(Clone, Copy)]
struct SiteColumns {
    site_id: Col,
    name: Col,
    model: Col,
    wave: Col,
    live_from: Col,
    live_to: Col,
    footprint: Col,
    footprint_fit: Col,
    counts_population: Col,
    status: Col,
    published_population: Col,
    published_population_status: Col,
    published_population_note: Col,
    date_status: Col,
    source_url: Col,
    note: Col,
}

impl SiteColumns {
    fn of(table: &Table) -> SiteColumns {
        let col = |name| Col::of(table, name);
        SiteColumns {
            site_id: col("site_id"),
            name: col("name"),
            model: col("model"),
            wave: col("wave"),
            live_from: col("live_from"),
            live_to: col("live_to"),
            footprint: col("footprint"),
            footprint_fit: col("footprint_fit"),
            counts_population: col("counts_population"),
            status: col("status"),
            published_population: col("published_population"),
            published_population_status: col("published_population_status"),
            published_population_note: col("published_population_note"),
            date_status: col("date_status"),
            source_url: col("source_url"),
            note: col("note"),
        }
    }
}

/// The areas as a sites file uses them: each footprint code's pieces and shared code, remembered
/// after the first look-up (a file of 100,000 sites names a few hundred codes two million times),
/// and the regions' pieces in display order.
struct AreaLookup<'a> {
    areas: &'a Areas,
    seen: FnvMap<String, (&'a Bitset, Code)>,
    regions: Vec<(Code, &'a Bitset)>,
}

impl<'a> AreaLookup<'a> {
    fn new(areas: &'a Areas) -> AreaLookup<'a> {
        let regions = areas
            .regions
            .iter()
            .filter_map(|code| {
                areas
                    .area(code)
                    .map(|a| (Code::from(code.as_str()), &a.pieces))
            })
            .collect();
        AreaLookup {
            areas,
            seen: FnvMap::default(),
            regions,
        }
    }

    /// The pieces of the area `code` names and the code to keep, if it names one. Only codes
    /// found are remembered.
    fn pieces(&mut self, code: &str) -> Option<(&'a Bitset, Code)> {
        if let Some((p, c)) = self.seen.get(code) {
            return Some((p, c.clone()));
        }
        let pieces = &self.areas.area(code)?.pieces;
        let shared = Code::from(code);
        self.seen.insert(code.to_string(), (pieces, shared.clone()));
        Some((pieces, shared))
    }
}

/// The codes of a footprint: split at `;` or `|`, trimmed, blanks left out.
fn split_codes(text: &str) -> impl Iterator<Item = &str> {
    text::split_trimmed(text, |b| b == b';' || b == b'|')
}

/// Yes or no, in any case; blank is yes. No allocation: read once per row (issue 7, 100,000-row
/// files; lower-casing a copy was ~5% of the parse's instructions).
fn yes_no(v: &str) -> Option<bool> {
    let v = v.trim();
    let any = |words: &[&str]| words.iter().any(|w| v.eq_ignore_ascii_case(w));
    if any(&["", "yes", "y", "true", "1"]) {
        Some(true)
    } else if any(&["no", "n", "false", "0"]) {
        Some(false)
    } else {
        None
    }
}

fn site_from_row(
    row: &Row<'_>,
    c: &SiteColumns,
    areas: &mut AreaLookup<'_>,
    seen: &HashMap<&str, usize>,
    problems: &mut Vec<Problem>,
) -> Result<Site, Box<Problem>> {
    let (file, line) = (row.file, row.line);
    let id = row.required(c.site_id)?;
    if let Some(&first_row) = seen.get(id) {
        return Err(reject(
            file,
            line,
            "site_id",
            ProblemKind::DuplicateId {
                value: id.into(),
                first_row,
            },
        ));
    }
    let name = row.required(c.name)?;
    let model_text = row.required(c.model)?;
    let model = ModelType::parse(model_text).ok_or_else(|| {
        reject(
            file,
            line,
            "model",
            ProblemKind::UnknownModel {
                value: model_text.into(),
            },
        )
    })?;
    let live_from = row.date(c.live_from)?;
    let live_to = row.optional_date(c.live_to)?;
    if let Some(to) = &live_to {
        if to.start < live_from.start {
            return Err(reject(
                file,
                line,
                "live_to",
                ProblemKind::EndBeforeStart {
                    start: row.get(c.live_from).into(),
                    end: row.get(c.live_to).into(),
                },
            ));
        }
    }
    let counts_text = row.get(c.counts_population);
    let counts_population = yes_no(counts_text).ok_or_else(|| {
        reject(
            file,
            line,
            "counts_population",
            ProblemKind::NotAllowed {
                value: counts_text.into(),
                allowed: "yes, no".into(),
            },
        )
    })?;
    let fit_text = row.get(c.footprint_fit);
    let mut fit = FootprintFit::parse(fit_text).ok_or_else(|| {
        reject(
            file,
            line,
            "footprint_fit",
            ProblemKind::NotAllowed {
                value: fit_text.into(),
                allowed: "whole, nearly_whole, partial, none".into(),
            },
        )
    })?;
    let mut footprint = Bitset::new(areas.areas.len());
    let mut footprint_codes = Vec::new();
    for code in split_codes(row.get(c.footprint)) {
        match areas.pieces(code) {
            Some((pieces, shared)) => {
                footprint.union_with(pieces);
                footprint_codes.push(shared);
            }
            None => {
                return Err(reject(
                    file,
                    line,
                    "footprint",
                    ProblemKind::UnknownArea {
                        value: code.to_string(),
                    },
                ))
            }
        }
    }
    if footprint_codes.is_empty() {
        if counts_population {
            return Err(reject(file, line, "footprint", ProblemKind::MissingField));
        }
        fit = FootprintFit::None;
    }
    let status_text = row.get(c.status);
    let status = if status_text.is_empty() {
        Status::Unverified
    } else {
        Status::parse(status_text).unwrap_or_else(|| {
            problems.push(Problem::ignored(
                file,
                line,
                "status",
                ProblemKind::NotAllowed {
                    value: status_text.into(),
                    allowed: "verified, corroborated, derived, estimate, unverified".into(),
                },
            ));
            Status::Unverified
        })
    };
    let published_population = row.population(c.published_population, problems);
    let published_status_text = row.get(c.published_population_status);
    let published_status = if published_status_text.is_empty() {
        None
    } else {
        Status::parse(published_status_text)
    };
    let regions = areas
        .regions
        .iter()
        .filter(|(_, pieces)| pieces.intersects(&footprint))
        .map(|(code, _)| code.clone())
        .collect();
    Ok(Site {
        id: id.into(),
        name: name.into(),
        model,
        wave: row.get(c.wave).into(),
        live_from,
        live_to,
        footprint_codes,
        footprint,
        fit,
        counts_population: counts_population && model != ModelType::Acc,
        published_population,
        published_status,
        published_note: row.get(c.published_population_note).into(),
        date_note: row.get(c.date_status).into(),
        status,
        source_url: row.get(c.source_url).into(),
        note: row.get(c.note).into(),
        regions,
    })
}

/// Reads the milestones file (published coverage figures and policy events).
pub fn parse_milestones(file: &str, text: &str) -> Parsed<Milestone> {
    let mut out = Parsed::default();
    let Some(table) = read_table(file, text, &mut out.problems) else {
        return out;
    };
    if !require_columns(file, &table, &["date", "label"], &mut out.problems) {
        out.rows_read = table.row_count() + table.rejected;
        return out;
    }
    out.rows_read = table.rejected;
    for row in table.rows(file) {
        out.rows_read += 1;
        match milestone_from_row(&row, &mut out.problems) {
            Ok(m) => out.records.push(m),
            Err(p) => out.problems.push(*p),
        }
    }
    out
}

fn milestone_from_row(
    row: &Row<'_>,
    problems: &mut Vec<Problem>,
) -> Result<Milestone, Box<Problem>> {
    let (file, line) = (row.file, row.line);
    let date = row.date("date")?;
    let label = row.required("label")?;
    let kind = match row.get("kind").to_ascii_lowercase().as_str() {
        "" | "milestone" => MilestoneKind::Milestone,
        "event" => MilestoneKind::Event,
        other => {
            return Err(reject(
                file,
                line,
                "kind",
                ProblemKind::NotAllowed {
                    value: other.into(),
                    allowed: "milestone, event".into(),
                },
            ))
        }
    };
    let mut models = Vec::new();
    for code in row
        .get("definition")
        .split(';')
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        match ModelType::parse(code) {
            Some(m) => models.push(m),
            None => {
                return Err(reject(
                    file,
                    line,
                    "definition",
                    ProblemKind::UnknownModel { value: code.into() },
                ))
            }
        }
    }
    let comparator_text = row.get("comparator");
    let comparator = Comparator::parse(comparator_text).unwrap_or_else(|| {
        problems.push(Problem::ignored(
            file,
            line,
            "comparator",
            ProblemKind::NotAllowed {
                value: comparator_text.into(),
                allowed: ">, ~, =".into(),
            },
        ));
        Comparator::About
    });
    let population = row.population("population", problems);
    let share_text = row.get("share");
    let share = if share_text.is_empty() {
        None
    } else {
        match parse_decimal(share_text) {
            Some(s) if (0.0..=1.0).contains(&s) => Some(s),
            _ => {
                problems.push(Problem::ignored(
                    file,
                    line,
                    "share",
                    ProblemKind::BadShare {
                        value: share_text.into(),
                    },
                ));
                None
            }
        }
    };
    Ok(Milestone {
        date,
        kind,
        label: label.into(),
        models,
        comparator,
        population,
        share,
        status: Status::parse(row.get("status")).unwrap_or(Status::Unverified),
        source_title: row.get("source_title").into(),
        publisher: row.get("publisher").into(),
        url: row.get("url").into(),
        note: row.get("note").into(),
    })
}

/// The texts of the files of one data set, as fetched.
pub struct Texts<'a> {
    pub areas: &'a str,
    pub sites: &'a str,
    pub milestones: &'a str,
}

/// Parses and validates a whole data set. Fails only when nothing can be shown (no manifest, no
/// areas with populations, no target date); every other problem travels with the data.
pub fn load(
    manifest_file: &str,
    manifest: Manifest,
    texts: &Texts<'_>,
) -> Result<DataSet, LoadError> {
    let files = manifest.files.clone();
    let target_date = Date::parse(&manifest.target.date).map_err(|e| LoadError::Unusable {
        file: manifest_file.into(),
        reason: format!("target date '{}' {e}", manifest.target.date),
    })?;
    let (areas, mut problems, _) = read_areas(&files.areas, texts.areas);
    if areas.is_empty() || areas.years.is_empty() {
        let first = problems
            .first()
            .map(|p| p.to_string())
            .unwrap_or_else(|| "no usable rows".into());
        return Err(LoadError::Unusable {
            file: files.areas.clone(),
            reason: format!("no areas with populations ({first})"),
        });
    }
    let sites = parse_sites(&files.sites, texts.sites, &areas);
    problems.extend(sites.problems);
    let milestones = parse_milestones(&files.milestones, texts.milestones);
    problems.extend(milestones.problems);
    Ok(DataSet {
        manifest,
        target_date,
        areas,
        sites: sites.records,
        milestones: milestones.records,
        problems,
    })
}

/// Reads a whole data set with `read` (file name → text): the manifest first, then the files it
/// names. For native callers (tests, examples); the app fetches the same files asynchronously.
pub fn load_with(read: impl Fn(&str) -> Result<String, String>) -> Result<DataSet, LoadError> {
    let manifest_file = "manifest.json";
    let unreadable = |file: &str, reason: String| LoadError::Unusable {
        file: file.into(),
        reason,
    };
    let manifest_text = read(manifest_file).map_err(|e| unreadable(manifest_file, e))?;
    let manifest = parse_manifest(manifest_file, &manifest_text)?;
    let files = manifest.files.clone();
    let areas = read(&files.areas).map_err(|e| unreadable(&files.areas, e))?;
    let sites = read(&files.sites).map_err(|e| unreadable(&files.sites, e))?;
    let milestones = read(&files.milestones).map_err(|e| unreadable(&files.milestones, e))?;
    let texts = Texts {
        areas: &areas,
        sites: &sites,
        milestones: &milestones,
    };
    load(manifest_file, manifest, &texts)
}

#[cfg(test)]
mod tests {
    fn split_codes(text: &str) -> Vec<&str> {
        super::split_codes(text).collect()
    }

    #[test]
    fn footprint_codes_split_at_semicolons_and_bars_trimmed() {
        assert_eq!(
            split_codes(" E08000015; E06000057 |E08000001;;"),
            ["E08000015", "E06000057", "E08000001"]
        );
        assert_eq!(split_codes("E92000001"), ["E92000001"]);
        assert!(split_codes(" ; | ").is_empty());
        assert!(split_codes("").is_empty());
        // Characters of several bytes stay whole.
        assert_eq!(split_codes("Zürich;Ångström"), ["Zürich", "Ångström"]);
    }

    #[test]
    fn yes_no_reads_any_case_and_blank_as_yes() {
        for yes in [
            "", "  ", "yes", "YES", " Yes ", "y", "Y", "true", "TRUE", "1",
        ] {
            assert_eq!(super::yes_no(yes), Some(true), "{yes:?}");
        }
        for no in ["no", "NO", " No\t", "n", "N", "false", "False", "0"] {
            assert_eq!(super::yes_no(no), Some(false), "{no:?}");
        }
        for neither in ["maybe", "yes please", "2", "ye", "nö", "ｙｅｓ"] {
            assert_eq!(super::yes_no(neither), None, "{neither:?}");
        }
    }
}
