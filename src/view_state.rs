//! The view as a URL query string: filters, as-at date, definition, open view and slide, written
//! short (only what differs from the defaults) and read back forgivingly (a bad value falls back to
//! its default and is reported in plain English; nothing panics).
//!
//! The parameters, always written in this order:
//!
//! | parameter | values | default (not written) |
//! |---|---|---|
//! | `region` | `E40000003` (an NHS region or STP code) | all England (`ENG` or `E92000001` also accepted) |
//! | `date` | `YYYY-MM-DD` within the data's period | the data's target date |
//! | `models` | `pacs,mcp,ehch,uec,ics` in any order (`acs` = `ics`), or `none` | all five |
//! | `partial` | `whole` or `exclude` | `whole` |
//! | `overlap` | `once` or `summed` | `once` |
//! | `base` | `year` or a mid-year the data holds (`2015`) | `year` |
//! | `events` | `1`/`0` (also `true`/`false`, `yes`/`no`, `on`/`off`) | `0` |
//! | `projection` | as `events` | `1` |
//! | `map` | `stp` or `region`, then `-designation` for colouring by designation, then `-closed` when the map is not shown | not shown, STPs, coverage |
//! | `slide` | `1`, `2`, … (people count slides from 1) | not presenting |
//!
//! Unknown parameters (`utm_source`, …) are ignored. An empty value counts as absent. When a
//! parameter is repeated, the first is used (and a problem says so if the values differ).

use crate::coverage::{default_period, Definition, OverlapRule, PartialRule, PopulationBase};
use crate::date::{Date, DateError};
use crate::map_chart::{ColourBy, MapLevel};
use crate::model::{AreaLevel, DataSet, ModelType, ENGLAND_CODE};

/// The value of `region` meaning all England (what the region select uses).
pub const ENGLAND: &str = "ENG";

/// The highest slide number a link may ask for (the deck clamps to its own slide count).
pub const MAX_SLIDE: usize = 99;

/// A value is quoted in a problem up to this many characters.
const QUOTE_LIMIT: usize = 40;

/// Everything a link carries. `Default`-like values come from [`ViewQuery::defaults`], because the
/// default as-at date is the data's.
#[derive(Clone, Debug, PartialEq)]
pub struct ViewQuery {
    /// `ENG` for England, or an NHS region or STP code.
    pub region: String,
    pub as_at: Date,
    /// The model types counted, sorted, without duplicates (normalise with [`ViewQuery::normalised`]).
    pub models: Vec<ModelType>,
    pub partial: PartialRule,
    pub overlap: OverlapRule,
    pub base: PopulationBase,
    pub show_events: bool,
    pub show_projection: bool,
    pub map_open: bool,
    pub map_level: MapLevel,
    pub map_colour: ColourBy,
    /// The slide shown when presenting, 0-based (the URL counts from 1); `None` when not presenting.
    pub slide: Option<usize>,
    /// The as-at date a link without `date=` means (the data's target date). Never written.
    pub default_date: Date,
}

impl ViewQuery {
    /// The dashboard as it opens without a query: all England at `default_date`, coverboard's
    /// definition, events hidden, projection shown, the map closed (STPs, coverage), not presenting.
    pub fn defaults(default_date: Date) -> ViewQuery {
        let d = Definition::default();
        let mut models = d.models;
        models.sort();
        models.dedup();
        ViewQuery {
            region: ENGLAND.to_string(),
            as_at: default_date,
            models,
            partial: d.partial,
            overlap: d.overlap,
            base: d.base,
            show_events: false,
            show_projection: true,
            map_open: false,
            map_level: MapLevel::Stp,
            map_colour: ColourBy::Coverage,
            slide: None,
            default_date,
        }
    }

    /// The same view in one spelling: England as `ENG`, models sorted without duplicates and
    /// without ACC (which never counts).
    pub fn normalised(mut self) -> ViewQuery {
        if self.region.is_empty() || self.region == ENGLAND_CODE {
            self.region = ENGLAND.to_string();
        }
        self.models.retain(|m| *m != ModelType::Acc);
        self.models.sort();
        self.models.dedup();
        self
    }

    /// The query string (with its leading `?`), or "" when everything is the default. Only values
    /// that differ from the defaults are written, in a fixed order.
    pub fn to_query(&self) -> String {
        let me = self.clone().normalised();
        let def = ViewQuery::defaults(self.default_date);
        let mut parts: Vec<(&str, String)> = Vec::new();
        if me.region != def.region {
            parts.push(("region", me.region.clone()));
        }
        if me.as_at != def.as_at {
            parts.push(("date", me.as_at.to_string()));
        }
        if me.models != def.models {
            let codes: Vec<String> = me
                .models
                .iter()
                .map(|m| m.code().to_ascii_lowercase())
                .collect();
            parts.push((
                "models",
                if codes.is_empty() {
                    "none".to_string()
                } else {
                    codes.join(",")
                },
            ));
        }
        if me.partial != def.partial {
            parts.push(("partial", partial_value(me.partial).to_string()));
        }
        if me.overlap != def.overlap {
            parts.push(("overlap", overlap_value(me.overlap).to_string()));
        }
        if me.base != def.base {
            parts.push(("base", base_value(me.base)));
        }
        if me.show_events != def.show_events {
            parts.push(("events", flag(me.show_events).to_string()));
        }
        if me.show_projection != def.show_projection {
            parts.push(("projection", flag(me.show_projection).to_string()));
        }
        if (me.map_open, me.map_level, me.map_colour)
            != (def.map_open, def.map_level, def.map_colour)
        {
            parts.push(("map", map_value(me.map_open, me.map_level, me.map_colour)));
        }
        if let Some(n) = me.slide {
            parts.push(("slide", n.saturating_add(1).to_string()));
        }
        if parts.is_empty() {
            return String::new();
        }
        let body: Vec<String> = parts
            .into_iter()
            .map(|(k, v)| format!("{k}={}", encode(&v)))
            .collect();
        format!("?{}", body.join("&"))
    }

    /// Reads a query string (with or without its `?`; a whole URL is not expected) against the
    /// data. Returns the view and, for every value that could not be used, a sentence saying what
    /// the link asked for and what is shown instead. Never fails and never panics.
    pub fn from_query(query: &str, data: &DataSet) -> (ViewQuery, Vec<String>) {
        let lookups = Lookups::from_data(data);
        from_query_with(query, &lookups)
    }
}

/// What reading a query needs from the data: the areas a link may name, the period, the
/// population years and the default date.
#[derive(Clone, Debug)]
pub struct Lookups<'a> {
    data: &'a DataSet,
    first: Date,
    last: Date,
}

impl<'a> Lookups<'a> {
    /// The period is the app's: the first day of its first month to its last month end.
    pub fn from_data(data: &'a DataSet) -> Lookups<'a> {
        let period = default_period();
        let first = period
            .first()
            .map(|d| d.add_months(0))
            .unwrap_or(data.target_date);
        let last = period.last().copied().unwrap_or(data.target_date);
        Lookups { data, first, last }
    }

    /// The canonical code of an area a link may filter to, or why not.
    fn area(&self, code: &str) -> Result<String, String> {
        let upper = code.to_ascii_uppercase();
        if upper == ENGLAND || upper == ENGLAND_CODE {
            return Ok(ENGLAND.to_string());
        }
        let areas = &self.data.areas;
        let found = areas.area(code).or_else(|| areas.area(&upper));
        match found {
            Some(a) if matches!(a.level, AreaLevel::Region | AreaLevel::Stp) => Ok(a.code.clone()),
            Some(a) => Err(format!(
                "which is a {} ({}), not an NHS region or an STP",
                a.level.name(),
                a.name
            )),
            None => Err("which the data does not have".to_string()),
        }
    }
}

/// As [`ViewQuery::from_query`], with the lookups made once.
pub fn from_query_with(query: &str, lookups: &Lookups) -> (ViewQuery, Vec<String>) {
    let mut view = ViewQuery::defaults(lookups.data.target_date);
    let mut problems = Vec::new();
    let params = parse_pairs(query);

    // The first value of each known parameter; one problem per parameter repeated with a
    // different value.
    let mut seen: Vec<(&'static str, String)> = Vec::new();
    let mut repeated: Vec<&'static str> = Vec::new();
    let mut repeat_notes = Vec::new();
    for (name, value) in params {
        let name = name.to_ascii_lowercase();
        let Some(key) = KNOWN.iter().find(|k| **k == name) else {
            continue;
        };
        if value.trim().is_empty() {
            continue;
        }
        match seen.iter().find(|(k, _)| k == key) {
            Some((_, first)) => {
                if first != &value && !repeated.contains(key) {
                    repeated.push(key);
                    repeat_notes.push(format!(
                        "This link gives {key} more than once ({} and {}); using the first.",
                        quote(first),
                        quote(&value)
                    ));
                }
            }
            None => seen.push((key, value)),
        }
    }

    // Problems in the order the parameters are written, whatever order the link had.
    seen.sort_by_key(|(k, _)| KNOWN.iter().position(|n| n == k));
    for (key, raw) in &seen {
        let value = raw.trim();
        let q = quote(value);
        match *key {
            "region" => match lookups.area(value) {
                Ok(code) => view.region = code,
                Err(why) => problems.push(format!(
                    "This link asked for region {q}, {why}; showing All England instead."
                )),
            },
            "date" => match Date::parse(value) {
                Ok(d) if d >= lookups.first && d <= lookups.last => view.as_at = d,
                Ok(_) | Err(DateError::OutOfRange) => problems.push(format!(
                    "This link asked for the date {q}, which is outside the data's period ({} to {}); showing {} instead.",
                    lookups.first.long(),
                    lookups.last.long(),
                    view.default_date.long()
                )),
                Err(e) => problems.push(format!(
                    "This link asked for the date {q}, which {}; showing {} instead.",
                    date_reason(&e),
                    view.default_date.long()
                )),
            },
            "models" => match parse_models(value) {
                Ok(models) => view.models = models,
                Err(why) => problems.push(format!(
                    "This link asked for the model types {q}, {why}; counting the usual model types (ACS/ICS and the PACS, MCP, EHCH and UEC vanguards) instead."
                )),
            },
            "partial" => match value.to_ascii_lowercase().as_str() {
                "whole" => view.partial = PartialRule::CountWholeFootprint,
                "exclude" => view.partial = PartialRule::Exclude,
                _ => problems.push(format!(
                    "This link asked for partial {q}, which is neither whole nor exclude; counting partial vanguards whole instead."
                )),
            },
            "overlap" => match value.to_ascii_lowercase().as_str() {
                "once" => view.overlap = OverlapRule::Once,
                "summed" => view.overlap = OverlapRule::Summed,
                _ => problems.push(format!(
                    "This link asked for overlap {q}, which is neither once nor summed; counting each person once instead."
                )),
            },
            "base" => match parse_base(value, &lookups.data.areas.years) {
                Ok(b) => view.base = b,
                Err(why) => problems.push(format!(
                    "This link asked for the population base {q}, {why}; using the population of the date's year instead."
                )),
            },
            "events" => match parse_flag(value) {
                Some(b) => view.show_events = b,
                None => problems.push(format!(
                    "This link asked for events {q}, which is neither 1 nor 0; policy events are hidden instead."
                )),
            },
            "projection" => match parse_flag(value) {
                Some(b) => view.show_projection = b,
                None => problems.push(format!(
                    "This link asked for projection {q}, which is neither 1 nor 0; the projection is shown instead."
                )),
            },
            "map" => match parse_map(value) {
                Some((open, level, colour)) => {
                    view.map_open = open;
                    view.map_level = level;
                    view.map_colour = colour;
                }
                None => problems.push(format!(
                    "This link asked for map {q}, which is not a map view (stp or region, optionally with -designation); the map is closed instead."
                )),
            },
            "slide" => match value.parse::<usize>() {
                Ok(n) if (1..=MAX_SLIDE).contains(&n) => view.slide = Some(n - 1),
                _ => problems.push(format!(
                    "This link asked for slide {q}, which is not a slide number (1 to {MAX_SLIDE}); showing the dashboard instead of a slide."
                )),
            },
            _ => {}
        }
    }
    problems.extend(repeat_notes);
    (view.normalised(), problems)
}

/// The parameters coverboard reads, in the order it writes them.
pub const KNOWN: [&str; 10] = [
    "region",
    "date",
    "models",
    "partial",
    "overlap",
    "base",
    "events",
    "projection",
    "map",
    "slide",
];

fn flag(on: bool) -> &'static str {
    if on {
        "1"
    } else {
        "0"
    }
}

fn parse_flag(value: &str) -> Option<bool> {
    match value.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

fn partial_value(p: PartialRule) -> &'static str {
    match p {
        PartialRule::CountWholeFootprint => "whole",
        PartialRule::Exclude => "exclude",
    }
}

fn overlap_value(o: OverlapRule) -> &'static str {
    match o {
        OverlapRule::Once => "once",
        OverlapRule::Summed => "summed",
    }
}

fn base_value(b: PopulationBase) -> String {
    match b {
        PopulationBase::YearOfDate => "year".to_string(),
        PopulationBase::Fixed(y) => y.to_string(),
    }
}

fn parse_base(value: &str, years: &[i32]) -> Result<PopulationBase, String> {
    if value.eq_ignore_ascii_case("year") {
        return Ok(PopulationBase::YearOfDate);
    }
    let year = value
        .parse::<i32>()
        .map_err(|_| "which is neither \"year\" nor a year such as 2015".to_string())?;
    if years.contains(&year) {
        Ok(PopulationBase::Fixed(year))
    } else {
        let held = match (years.iter().min(), years.iter().max()) {
            (Some(a), Some(b)) => format!(" ({a} to {b})"),
            _ => String::new(),
        };
        Err(format!(
            "which is not a year the data has populations for{held}"
        ))
    }
}

fn level_value(l: MapLevel) -> &'static str {
    match l {
        MapLevel::Stp => "stp",
        MapLevel::Region => "region",
    }
}

fn map_value(open: bool, level: MapLevel, colour: ColourBy) -> String {
    let mut v = level_value(level).to_string();
    if colour == ColourBy::Designation {
        v.push_str("-designation");
    }
    if !open {
        v.push_str("-closed");
    }
    v
}

/// `stp`, `region-designation`, `stp-closed`, …: tokens in any order, each kind at most once.
fn parse_map(value: &str) -> Option<(bool, MapLevel, ColourBy)> {
    let mut level = None;
    let mut colour = None;
    let mut open = None;
    for token in value.to_ascii_lowercase().split('-') {
        let (slot_level, slot_colour, slot_open) = match token {
            "stp" | "stps" => (Some(MapLevel::Stp), None, None),
            "region" | "regions" => (Some(MapLevel::Region), None, None),
            "coverage" => (None, Some(ColourBy::Coverage), None),
            "designation" => (None, Some(ColourBy::Designation), None),
            "open" => (None, None, Some(true)),
            "closed" | "hidden" => (None, None, Some(false)),
            _ => return None,
        };
        if let Some(l) = slot_level {
            if level.replace(l).is_some() {
                return None;
            }
        }
        if let Some(c) = slot_colour {
            if colour.replace(c).is_some() {
                return None;
            }
        }
        if let Some(o) = slot_open {
            if open.replace(o).is_some() {
                return None;
            }
        }
    }
    Some((
        open.unwrap_or(true),
        level.unwrap_or(MapLevel::Stp),
        colour.unwrap_or(ColourBy::Coverage),
    ))
}

/// A comma-separated list of model codes, or `none`. Every code must be known and place-based.
fn parse_models(value: &str) -> Result<Vec<ModelType>, String> {
    if value.eq_ignore_ascii_case("none") {
        return Ok(Vec::new());
    }
    let mut models = Vec::new();
    let mut unknown = Vec::new();
    let mut networks = false;
    for code in value.split(',').map(str::trim).filter(|c| !c.is_empty()) {
        match ModelType::parse(code) {
            Some(ModelType::Acc) => networks = true,
            Some(m) => models.push(m),
            None => unknown.push(quote(code)),
        }
    }
    if !unknown.is_empty() {
        let shown = unknown.len().min(3);
        let mut names = unknown.get(..shown).unwrap_or_default().join(", ");
        if unknown.len() > shown {
            names.push_str(&format!(" and {} more", unknown.len() - shown));
        }
        return Err(format!(
            "but {names} {} not a model type (use pacs, mcp, ehch, uec or ics)",
            if unknown.len() == 1 { "is" } else { "are" }
        ));
    }
    if networks {
        return Err(
            "but acute care collaborations (acc) are networks with no defined population and never count"
                .to_string(),
        );
    }
    models.sort();
    models.dedup();
    Ok(models)
}

fn date_reason(e: &DateError) -> &'static str {
    match e {
        DateError::Impossible => "is not a real calendar day",
        _ => "is not a date written YYYY-MM-DD",
    }
}

/// A value for a sentence: in quotes, control characters dropped, cut to a readable length.
fn quote(value: &str) -> String {
    let clean: String = value.chars().filter(|c| !c.is_control()).collect();
    let mut out: String = clean.chars().take(QUOTE_LIMIT).collect();
    if clean.chars().count() > QUOTE_LIMIT {
        out.push('…');
    }
    format!("\u{201c}{out}\u{201d}")
}

/// `name=value` pairs of a query, percent-decoded (`+` is a space); a pair without `=` has an
/// empty value. Malformed escapes are kept as written; invalid UTF-8 becomes U+FFFD.
pub fn parse_pairs(query: &str) -> Vec<(String, String)> {
    let q = query.strip_prefix('?').unwrap_or(query);
    // Anything after a '#' is a fragment, not the query.
    let q = q.split('#').next().unwrap_or("");
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(k), decode(v))
        })
        .collect()
}

/// Percent-decodes `text`, reading `+` as a space.
pub fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b'%' => {
                let hi = bytes.get(i + 1).and_then(|c| hex_value(*c));
                let lo = bytes.get(i + 2).and_then(|c| hex_value(*c));
                match (hi, lo) {
                    (Some(h), Some(l)) => {
                        out.push(h * 16 + l);
                        i += 3;
                    }
                    _ => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex_value(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Percent-encodes everything but letters, digits, `-._~` and `,` (kept for readable lists).
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b',') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
