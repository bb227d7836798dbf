//! The domain model: areas (pieces of England with populations), sites (vanguards, ACS/ICSs) and
//! their footprints, published milestones, the target, and the manifest that ties them together.

use crate::bitset::Bitset;
use crate::date::{Date, DateSpan};
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt;

/// How far a figure can be trusted (shared/data-sources/findings.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    Verified,
    Corroborated,
    Derived,
    Estimate,
    Unverified,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Verified,
        Status::Corroborated,
        Status::Derived,
        Status::Estimate,
        Status::Unverified,
    ];

    /// Reads "verified", "derived; approximate" and the like (the first word counts).
    pub fn parse(text: &str) -> Option<Status> {
        // No allocation: read once per row of every file (issue 7, 100,000-row files).
        let word = crate::text::before(crate::text::trim(text), |b| {
            matches!(b, b';' | b' ' | b',' | b'(')
        });
        Status::ALL
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(word))
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Verified => "verified",
            Status::Corroborated => "corroborated",
            Status::Derived => "derived",
            Status::Estimate => "estimate",
            Status::Unverified => "unverified",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The new care model types. ACC sites are networks and never count towards population coverage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ModelType {
    Pacs,
    Mcp,
    Ehch,
    Uec,
    Acc,
    Ics,
}

impl ModelType {
    pub const ALL: [ModelType; 6] = [
        ModelType::Pacs,
        ModelType::Mcp,
        ModelType::Ehch,
        ModelType::Uec,
        ModelType::Acc,
        ModelType::Ics,
    ];
    /// The vanguard types whose sites serve a population.
    pub const PLACE_BASED_VANGUARDS: [ModelType; 4] = [
        ModelType::Pacs,
        ModelType::Mcp,
        ModelType::Ehch,
        ModelType::Uec,
    ];

    pub fn parse(text: &str) -> Option<ModelType> {
        let text = crate::text::trim(text);
        let is = |word: &str| text.eq_ignore_ascii_case(word);
        if is("PACS") {
            Some(ModelType::Pacs)
        } else if is("MCP") {
            Some(ModelType::Mcp)
        } else if is("EHCH") {
            Some(ModelType::Ehch)
        } else if is("UEC") {
            Some(ModelType::Uec)
        } else if is("ACC") {
            Some(ModelType::Acc)
        } else if is("ICS") || is("ACS") || is("ACS/ICS") {
            Some(ModelType::Ics)
        } else {
            None
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            ModelType::Pacs => "PACS",
            ModelType::Mcp => "MCP",
            ModelType::Ehch => "EHCH",
            ModelType::Uec => "UEC",
            ModelType::Acc => "ACC",
            ModelType::Ics => "ICS",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            ModelType::Pacs => "Primary and acute care systems (PACS)",
            ModelType::Mcp => "Multispecialty community providers (MCP)",
            ModelType::Ehch => "Enhanced health in care homes (EHCH)",
            ModelType::Uec => "Urgent and emergency care (UEC)",
            ModelType::Acc => "Acute care collaborations (ACC)",
            ModelType::Ics => "Accountable / integrated care systems (ACS/ICS)",
        }
    }

    pub fn is_vanguard(self) -> bool {
        self != ModelType::Ics
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// One piece of England: a local authority district × CCG cell (April 2021 geography), the
/// finest unit coverboard counts in.
#[derive(Clone, Debug, PartialEq)]
pub struct Piece {
    pub id: String,
    pub lad_code: String,
    pub lad_name: String,
    pub ccg_code: String,
    pub ccg_name: String,
    pub stp_code: String,
    pub stp_name: String,
    pub region_code: String,
    pub region_name: String,
    /// Population for each year of `Areas::years`, `None` where the file has no figure.
    pub population: Vec<Option<u64>>,
    pub status: Vec<Option<Status>>,
}

/// A named geography (NHS region, STP, CCG or LAD) as a set of pieces.
#[derive(Clone, Debug, PartialEq)]
pub struct NamedArea {
    pub code: String,
    pub name: String,
    pub level: AreaLevel,
    pub pieces: Bitset,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum AreaLevel {
    England,
    Region,
    Stp,
    Ccg,
    Lad,
    Piece,
}

impl AreaLevel {
    pub fn name(self) -> &'static str {
        match self {
            AreaLevel::England => "country",
            AreaLevel::Region => "NHS region",
            AreaLevel::Stp => "STP",
            AreaLevel::Ccg => "CCG",
            AreaLevel::Lad => "local authority district",
            AreaLevel::Piece => "piece",
        }
    }
}

pub const ENGLAND_CODE: &str = "E92000001";

/// All pieces, the years they have populations for, and every named area they make up.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Areas {
    pub years: Vec<i32>,
    pub pieces: Vec<Piece>,
    /// Every code (piece id, LAD, CCG, STP, region, England) to its area.
    pub by_code: HashMap<String, NamedArea>,
    /// NHS region codes in display order (by name).
    pub regions: Vec<String>,
    /// Populations by year index then piece index (0 where missing), for fast sums.
    pub population_table: Vec<Vec<u64>>,
    /// By year index: the pieces whose population is missing that year.
    pub missing: Vec<Bitset>,
}

impl Areas {
    pub fn len(&self) -> usize {
        self.pieces.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pieces.is_empty()
    }

    pub fn area(&self, code: &str) -> Option<&NamedArea> {
        self.by_code.get(code)
    }

    /// The index into `years` of the population year to use for `year`: the same year where the
    /// data has it, else the nearest year it has (2022 dates use 2021).
    pub fn year_index(&self, year: i32) -> Option<usize> {
        if self.years.is_empty() {
            return None;
        }
        let pos = self.years.iter().position(|&y| y == year);
        Some(pos.unwrap_or_else(|| {
            self.years
                .iter()
                .enumerate()
                .min_by_key(|(_, &y)| (y - year).abs())
                .map(|(i, _)| i)
                .unwrap_or(0)
        }))
    }

    /// Population of the pieces in `set` for year index `yi`, and whether any figure was missing.
    pub fn population(&self, set: &Bitset, yi: usize) -> (u64, bool) {
        let (Some(table), Some(missing)) = (self.population_table.get(yi), self.missing.get(yi))
        else {
            return (0, !set.is_empty());
        };
        let total = set.ones().map(|i| table.get(i).copied().unwrap_or(0)).sum();
        (total, set.intersects(missing))
    }

    pub fn all(&self) -> Bitset {
        Bitset::full(self.len())
    }

    pub fn region_name(&self, code: &str) -> String {
        self.area(code)
            .map(|a| a.name.clone())
            .unwrap_or_else(|| code.to_string())
    }
}

/// How well a site's footprint fits the population it actually served.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FootprintFit {
    Whole,
    NearlyWhole,
    /// The site served only part of its footprint: counting the footprint overstates it.
    Partial,
    None,
}

impl FootprintFit {
    pub fn parse(text: &str) -> Option<FootprintFit> {
        // Case-insensitive, with " " or "-" for "_"; no allocation.
        let text = crate::text::trim(text);
        let is = |word: &str| {
            text.len() == word.len()
                && text.bytes().zip(word.bytes()).all(|(a, b)| {
                    let a = if a == b' ' || a == b'-' { b'_' } else { a };
                    a.eq_ignore_ascii_case(&b)
                })
        };
        if text.is_empty() || is("whole") {
            Some(FootprintFit::Whole)
        } else if is("nearly_whole") {
            Some(FootprintFit::NearlyWhole)
        } else if is("partial") {
            Some(FootprintFit::Partial)
        } else if is("none") {
            Some(FootprintFit::None)
        } else {
            None
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            FootprintFit::Whole => "whole",
            FootprintFit::NearlyWhole => "nearly whole",
            FootprintFit::Partial => "partial",
            FootprintFit::None => "none",
        }
    }
}

/// An area code as a site names it: shared by every site that names the same area (a file of
/// 100,000 sites names a few hundred codes), so a site's codes cost no allocation each.
pub type Code = std::sync::Arc<str>;

/// A vanguard, an ACS/ICS, or an analyst's own site.
#[derive(Clone, Debug, PartialEq)]
pub struct Site {
    pub id: String,
    pub name: String,
    pub model: ModelType,
    pub wave: String,
    pub live_from: DateSpan,
    /// First day it no longer counts; `None` = still live.
    pub live_to: Option<DateSpan>,
    pub footprint_codes: Vec<Code>,
    /// The footprint resolved to pieces.
    pub footprint: Bitset,
    pub fit: FootprintFit,
    /// False for networks that serve no defined population (ACC); they never count.
    pub counts_population: bool,
    pub published_population: Option<u64>,
    pub published_status: Option<Status>,
    pub published_note: String,
    pub date_note: String,
    pub status: Status,
    pub source_url: String,
    pub note: String,
    /// Codes of the NHS regions the footprint touches.
    pub regions: Vec<Code>,
}

impl Site {
    /// Live at `date` by the counting rule (from the first day of a date given as a month, year or
    /// span, until the first day of `live_to`).
    pub fn live_at(&self, date: Date) -> bool {
        self.live_from.start <= date && self.live_to.as_ref().is_none_or(|t| date < t.start)
    }

    /// Certainly live at `date`, whatever the exact day within an imprecise date.
    pub fn surely_live_at(&self, date: Date) -> bool {
        self.live_from.end <= date && self.live_to.as_ref().is_none_or(|t| date < t.start)
    }

    /// Possibly live at `date` within the precision of its dates.
    pub fn possibly_live_at(&self, date: Date) -> bool {
        self.live_from.start <= date && self.live_to.as_ref().is_none_or(|t| date < t.end)
    }
}

/// A published coverage figure (or, with no figure, a policy event).
#[derive(Clone, Debug, PartialEq)]
pub struct Milestone {
    pub date: DateSpan,
    pub kind: MilestoneKind,
    pub label: String,
    /// The model types the figure is about (empty for events).
    pub models: Vec<ModelType>,
    pub comparator: Comparator,
    pub population: Option<u64>,
    pub share: Option<f64>,
    pub status: Status,
    pub source_title: String,
    pub publisher: String,
    pub url: String,
    pub note: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MilestoneKind {
    Milestone,
    Event,
}

/// How a published figure relates to the truth: "more than", "about" or "exactly".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comparator {
    MoreThan,
    About,
    Exactly,
}

impl Comparator {
    pub fn parse(text: &str) -> Option<Comparator> {
        match text.trim() {
            ">" | ">=" => Some(Comparator::MoreThan),
            "~" | "≈" | "" => Some(Comparator::About),
            "=" => Some(Comparator::Exactly),
            _ => None,
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::MoreThan => ">",
            Comparator::About => "≈",
            Comparator::Exactly => "",
        }
    }
}

/// The national ambition coverboard measures against.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Target {
    pub share: f64,
    pub date: String,
    pub label: String,
    pub status: String,
    pub source: String,
    pub url: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ManifestFiles {
    pub areas: String,
    pub sites: String,
    pub milestones: String,
}

/// `manifest.json`: which files make the data set, its as-at date, the target and attribution.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Manifest {
    pub title: String,
    pub data_as_at: String,
    #[serde(default)]
    pub compiled: String,
    pub files: ManifestFiles,
    pub target: Target,
    pub population_source: String,
    pub attribution: String,
}

/// A whole validated data set, ready for coverage.
#[derive(Clone, Debug, PartialEq)]
pub struct DataSet {
    pub manifest: Manifest,
    pub target_date: Date,
    pub areas: Areas,
    pub sites: Vec<Site>,
    pub milestones: Vec<Milestone>,
    pub problems: Vec<crate::problem::Problem>,
}
