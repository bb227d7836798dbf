//! The map view's core: a choropleth of STPs or NHS regions coloured by coverage or by ACS/ICS
//! designation at the as-at date (`map_chart`), drawn generic over plotters' backend (`draw_map`)
//! with a legend, a London inset and the ONS/OGL attribution; `area_at` maps a pixel to an area.

use crate::bitset::Bitset;
use crate::chart::palette;
use crate::coverage::{
    coverage_at, coverage_of_areas, Definition, OverlapRule, PopulationBase, Scope,
};
use crate::date::Date;
use crate::geo::{
    interior_point, polygons_contain, Bounds, Feature, Polygon as Shape, Projection, PropertyKeys,
};
use crate::model::{AreaLevel, DataSet, ModelType, NamedArea, Site, Status};
use crate::problem::{Effect, Problem, ProblemKind};
use crate::summary::{pct, people};
use plotters::coord::Shift;
use plotters::prelude::{
    Color, DrawingArea, DrawingBackend, FontStyle, IntoFont, PathElement, Polygon, RGBColor,
    Rectangle, Text, TextStyle, WHITE,
};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::collections::HashMap;

/// The attribution the ONS boundaries require, drawn under the map and written under the canvas.
pub const ATTRIBUTION: &str = "Source: Office for National Statistics licensed under the Open Government Licence v.3.0. Contains OS data © Crown copyright and database right 2021.";

/// The region drawn enlarged beside the STP map (its STPs are too small to point at otherwise).
pub const LONDON_REGION: &str = "E40000003";

/// Where each boundary file keeps its codes and names (ONS spellings too, any case).
pub const STP_KEYS: PropertyKeys = PropertyKeys {
    code: &["stp21_code", "stp21cd", "stp20cd", "stp_code", "code"],
    name: &["stp21_name", "stp21nm", "stp20nm", "stp_name", "name"],
};
pub const REGION_KEYS: PropertyKeys = PropertyKeys {
    code: &[
        "nhser21cd",
        "nhser20cd",
        "nhser_code",
        "region_code",
        "code",
    ],
    name: &[
        "nhser21nm",
        "nhser20nm",
        "nhser_name",
        "region_name",
        "name",
    ],
};

/// Colour-blind-safe sequential scale, light to dark (ColorBrewer YlGnBu, 5 classes).
pub const SCALE: [RGBColor; 5] = [
    RGBColor(0xFF, 0xFF, 0xCC),
    RGBColor(0xA1, 0xDA, 0xB4),
    RGBColor(0x41, 0xB6, 0xC4),
    RGBColor(0x2C, 0x7F, 0xB8),
    RGBColor(0x25, 0x34, 0x94),
];
/// An area with no figure (no population to take a share of).
pub const NO_FIGURE: RGBColor = RGBColor(0xD8, 0xDD, 0xE0);
const FOCUS_YELLOW: RGBColor = RGBColor(0xFF, 0xEB, 0x3B);

/// Which areas the map shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MapLevel {
    Stp,
    Region,
}

impl MapLevel {
    /// The boundary file in the data folder.
    pub fn file(self) -> &'static str {
        match self {
            MapLevel::Stp => "stp.geojson",
            MapLevel::Region => "regions.geojson",
        }
    }

    pub fn keys(self) -> &'static PropertyKeys {
        match self {
            MapLevel::Stp => &STP_KEYS,
            MapLevel::Region => &REGION_KEYS,
        }
    }

    pub fn area_level(self) -> AreaLevel {
        match self {
            MapLevel::Stp => AreaLevel::Stp,
            MapLevel::Region => AreaLevel::Region,
        }
    }

    pub fn noun(self) -> &'static str {
        match self {
            MapLevel::Stp => "STP",
            MapLevel::Region => "NHS region",
        }
    }

    pub fn plural(self) -> &'static str {
        match self {
            MapLevel::Stp => "STPs",
            MapLevel::Region => "NHS regions",
        }
    }
}

/// What the colours show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ColourBy {
    /// Coverage under the user's definition.
    Coverage,
    /// ACS/ICS designation: for an STP whether it is an ICS; for a region the share in one.
    Designation,
}

/// An STP's ACS/ICS designation at a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Designation {
    /// No live ACS/ICS covers any of it.
    None,
    /// An early system covers part of it (e.g. Berkshire West within BOB), none the whole.
    Part,
    /// A live ACS/ICS covers all of it (its own ICS).
    Whole,
}

impl Designation {
    pub fn label(self) -> &'static str {
        match self {
            Designation::None => "Not an ACS/ICS yet",
            Designation::Part => "Part in an early ACS/ICS",
            Designation::Whole => "ACS/ICS (whole STP)",
        }
    }
}

/// The choices that shape the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MapOptions {
    pub level: MapLevel,
    pub colour_by: ColourBy,
    pub as_at: Date,
}

/// One area on the map, with everything its tooltip and table row say.
#[derive(Clone, Debug, PartialEq)]
pub struct MapArea {
    pub code: String,
    pub name: String,
    /// The NHS region it lies in (its own code for a region).
    pub region_code: String,
    /// Index into `MapChart::legend`; `None` when there is no figure.
    pub class: Option<usize>,
    /// The share behind the colour (coverage, or the share in a live ACS/ICS).
    pub share: Option<f64>,
    pub designation: Option<Designation>,
    /// The figure in words: "37.6%" or "ACS/ICS (whole STP)".
    pub value: String,
    /// What lies behind it: people and population, or the systems and their dates.
    pub detail: String,
    pub status: Status,
    pub source: String,
    pub url: String,
    /// Shapes in plane coordinates (projected); empty when the boundary file has none.
    pub shapes: Vec<Shape>,
    /// A point inside the largest shape (plane coordinates).
    pub label_at: Option<(f64, f64)>,
    /// Drawn again, enlarged, in the London inset.
    pub in_inset: bool,
}

impl MapArea {
    /// The tooltip's text on one line, for screen readers and the table's title.
    pub fn describe(&self) -> String {
        format!(
            "{}: {}. {}. Status {}. Source: {}.",
            self.name, self.value, self.detail, self.status, self.source
        )
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct LegendEntry {
    pub label: String,
    pub colour: RGBColor,
    /// Areas in this class.
    pub count: usize,
}

/// Everything the map shows, computed from the data and the boundaries (no drawing yet).
#[derive(Clone, Debug, PartialEq)]
pub struct MapChart {
    pub title: String,
    pub subtitle: String,
    pub options: MapOptions,
    pub legend_title: String,
    /// The classes, light to dark; `MapArea::class` indexes this.
    pub legend: Vec<LegendEntry>,
    /// Areas with no figure, if any.
    pub no_figure: usize,
    /// Every area at the level in the data, by name (with or without a shape).
    pub areas: Vec<MapArea>,
    pub projection: Projection,
    /// Plane bounds of every shape.
    pub bounds: Bounds,
    /// Plane bounds of the inset's areas, when there is an inset.
    pub inset: Option<Bounds>,
    pub inset_title: String,
    /// The NHS regions (code, name): at STP level a selected region is outlined round its STPs.
    pub regions: Vec<(String, String)>,
    /// Value labels on the areas (few, large areas: the regions).
    pub labels: bool,
    pub attribution: String,
    pub file: String,
    /// Features of the file that could not be matched to the data.
    pub problems: Vec<Problem>,
    pub target_share: f64,
}

impl MapChart {
    pub fn area(&self, code: &str) -> Option<&MapArea> {
        self.areas.iter().find(|a| a.code == code)
    }

    pub fn has_shapes(&self) -> bool {
        self.areas.iter().any(|a| !a.shapes.is_empty())
    }

    /// Areas in the data that the boundary file has no shape for.
    pub fn missing_shapes(&self) -> Vec<&MapArea> {
        self.areas.iter().filter(|a| a.shapes.is_empty()).collect()
    }

    /// "12 of 42 STPs at or above the 50% target" and the like, in words.
    pub fn summary(&self) -> String {
        let n = self.areas.len();
        let noun = self.options.level.plural();
        match (self.options.colour_by, self.options.level) {
            (ColourBy::Designation, MapLevel::Stp) => {
                let count = |d: Designation| {
                    self.areas
                        .iter()
                        .filter(|a| a.designation == Some(d))
                        .count()
                };
                format!(
                    "At {}: {} of {n} {noun} are ACS/ICSs, {} have part of their area in an early system, {} are neither.",
                    self.options.as_at.long(),
                    count(Designation::Whole),
                    count(Designation::Part),
                    count(Designation::None)
                )
            }
            _ => {
                let met = self
                    .areas
                    .iter()
                    .filter(|a| {
                        a.share
                            .is_some_and(|s| rounded(s) >= rounded(self.target_share))
                    })
                    .count();
                let what = match self.options.colour_by {
                    ColourBy::Coverage => "covered",
                    ColourBy::Designation => "in a live ACS/ICS",
                };
                format!(
                    "At {}: {met} of {n} {noun} have at least {} of their people {what} (the target share).",
                    self.options.as_at.long(),
                    pct(self.target_share)
                )
            }
        }
    }
}

/// A share as shown (to 0.1 percentage point), so the class agrees with the figure printed.
fn rounded(share: f64) -> f64 {
    (share * 1000.0).round() / 1000.0
}

fn pct_bound(share: f64) -> String {
    let p = share * 100.0;
    if (p - p.round()).abs() < 1e-9 {
        format!("{p:.0}%")
    } else {
        format!("{p:.1}%")
    }
}

/// Class limits: half the target, the target, half-way to everyone (25/50/75% for a 50% target).
fn class_limits(target: f64) -> [f64; 3] {
    if target > 0.0 && target < 1.0 {
        [target / 2.0, target, (1.0 + target) / 2.0]
    } else {
        [0.25, 0.5, 0.75]
    }
}

/// The share classes: under a half of the target, under the target, under half-way to everyone,
/// under everyone, everyone.
fn share_class(share: f64, target: f64) -> usize {
    let r = rounded(share);
    let [a, b, c] = class_limits(target);
    if r >= 1.0 {
        4
    } else if r >= rounded(c) {
        3
    } else if r >= rounded(b) {
        2
    } else if r >= rounded(a) {
        1
    } else {
        0
    }
}

fn share_legend(target: f64, summed: bool) -> Vec<LegendEntry> {
    let [a, b, c] = class_limits(target);
    let labels = [
        format!("Under {}", pct_bound(a)),
        format!("{} to under {}", pct_bound(a), pct_bound(b)),
        format!("{} (target) to under {}", pct_bound(b), pct_bound(c)),
        format!("{} to under 100%", pct_bound(c)),
        if summed {
            "100% or more (summed)".to_string()
        } else {
            "100% (everyone)".to_string()
        },
    ];
    labels
        .into_iter()
        .zip(SCALE)
        .map(|(label, colour)| LegendEntry {
            label,
            colour,
            count: 0,
        })
        .collect()
}

fn designation_legend() -> Vec<LegendEntry> {
    [
        (Designation::None, SCALE[0]),
        (Designation::Part, SCALE[2]),
        (Designation::Whole, SCALE[4]),
    ]
    .into_iter()
    .map(|(d, colour)| LegendEntry {
        label: d.label().to_string(),
        colour,
        count: 0,
    })
    .collect()
}

fn designation_class(d: Designation) -> usize {
    match d {
        Designation::None => 0,
        Designation::Part => 1,
        Designation::Whole => 2,
    }
}

/// The host of a URL, as a short source name ("www.england.nhs.uk").
fn host(url: &str) -> String {
    let rest = url
        .trim()
        .trim_start_matches("https://")
        .trim_start_matches("http://");
    rest.split(['/', '?', '#']).next().unwrap_or("").to_string()
}

fn site_source(site: &Site) -> (String, String) {
    let h = host(&site.source_url);
    let text = if h.is_empty() {
        format!("sites.csv, site {}", site.id)
    } else {
        format!("{h} (sites.csv, site {})", site.id)
    };
    (text, site.source_url.clone())
}

fn is_subset(small: &Bitset, big: &Bitset) -> bool {
    small.intersection(big).count() == small.count()
}

fn when(site: &Site) -> String {
    let from = site.live_from.describe();
    if site.live_from.is_exact() {
        format!("from {from}")
    } else {
        format!("from {from} (counted from its first day)")
    }
}

fn year_index(data: &DataSet, def: &Definition, date: Date) -> (usize, i32) {
    let wanted = match def.base {
        PopulationBase::YearOfDate => date.year(),
        PopulationBase::Fixed(y) => y,
    };
    let yi = data.areas.year_index(wanted).unwrap_or(0);
    (yi, data.areas.years.get(yi).copied().unwrap_or(wanted))
}

/// People of `pieces` in the footprint of any ACS/ICS live at `date`: (in one, all, mid-year).
fn ics_population(
    data: &DataSet,
    def: &Definition,
    pieces: &Bitset,
    date: Date,
) -> (u64, u64, i32) {
    let (yi, year) = year_index(data, def, date);
    let mut union = Bitset::new(data.areas.len());
    for s in data.sites.iter().filter(|s| is_live_ics(s, date)) {
        union.union_with(&s.footprint);
    }
    union.intersect_with(pieces);
    let (covered, _) = data.areas.population(&union, yi);
    let (total, _) = data.areas.population(pieces, yi);
    (covered, total, year)
}

fn is_live_ics(site: &Site, date: Date) -> bool {
    site.model == ModelType::Ics && site.live_at(date) && !site.footprint.is_empty()
}

/// An STP's designation at `date`, with the figure's words, status and source.
struct StpDesignation {
    designation: Designation,
    share: f64,
    detail: String,
    status: Status,
    source: String,
    url: String,
}

fn stp_designation(
    data: &DataSet,
    def: &Definition,
    stp: &NamedArea,
    date: Date,
) -> StpDesignation {
    let live: Vec<&Site> = data
        .sites
        .iter()
        .filter(|s| is_live_ics(s, date) && s.footprint.intersects(&stp.pieces))
        .collect();
    let whole: Vec<&Site> = live
        .iter()
        .copied()
        .filter(|s| is_subset(&stp.pieces, &s.footprint))
        .collect();
    let part: Vec<&Site> = live
        .iter()
        .copied()
        .filter(|s| !is_subset(&stp.pieces, &s.footprint))
        .collect();
    // The ACS/ICS that will cover the whole STP later, if the data has one.
    let later = data
        .sites
        .iter()
        .filter(|s| {
            s.model == ModelType::Ics
                && s.live_from.start > date
                && is_subset(&stp.pieces, &s.footprint)
        })
        .min_by_key(|s| s.live_from.start);
    let (covered, total, year) = ics_population(data, def, &stp.pieces, date);
    let share = if total == 0 {
        0.0
    } else {
        covered as f64 / total as f64
    };
    if let Some(site) = whole.first() {
        let (source, url) = site_source(site);
        return StpDesignation {
            designation: Designation::Whole,
            share,
            detail: format!("{}: ACS/ICS {}", site.name, when(site)),
            status: site.status,
            source,
            url,
        };
    }
    let later_text = later
        .map(|s| format!("its own ACS/ICS {}", when(s)))
        .unwrap_or_else(|| "no ACS/ICS for the whole STP in the data".to_string());
    if let Some(first) = part.first() {
        let names: Vec<String> = part
            .iter()
            .map(|s| format!("{} ({})", s.name, when(s)))
            .collect();
        let (source, url) = site_source(first);
        let status = part.iter().map(|s| s.status).max().unwrap_or(first.status);
        return StpDesignation {
            designation: Designation::Part,
            share,
            detail: format!(
                "{} of its people (ONS mid-{year}, {} of {}) in {}; {later_text}",
                pct(share),
                people(covered),
                people(total),
                names.join("; ")
            ),
            status,
            source,
            url,
        };
    }
    let (status, source, url) = match later {
        Some(s) => {
            let (source, url) = site_source(s);
            (s.status, source, url)
        }
        None => (
            Status::Derived,
            "sites.csv: no ACS/ICS covers this STP".to_string(),
            String::new(),
        ),
    };
    StpDesignation {
        designation: Designation::None,
        share,
        detail: format!("No ACS/ICS live at {}; {later_text}", date.long()),
        status,
        source,
        url,
    }
}

/// The NHS region an area lies in (from its first piece).
fn region_of(data: &DataSet, area: &NamedArea) -> String {
    area.pieces
        .ones()
        .next()
        .and_then(|i| data.areas.pieces.get(i))
        .map(|p| p.region_code.clone())
        .unwrap_or_default()
}

fn coverage_source(def: &Definition, year: i32) -> String {
    match def.overlap {
        OverlapRule::Once => format!("union of footprints over ONS mid-{year} populations"),
        OverlapRule::Summed => {
            format!("sum of footprints (a person once per site) over ONS mid-{year} populations")
        }
    }
}

/// Builds the map for `options` from the data and the boundary `features` read from `file`.
/// Every area of the level in the data is listed (with its figure) whether or not the file has a
/// shape for it; a feature whose code is not an area of that level is a problem.
pub fn map_chart(
    data: &DataSet,
    def: &Definition,
    options: &MapOptions,
    file: &str,
    features: &[Feature],
) -> MapChart {
    let level = options.level;
    let date = options.as_at;
    let target = data.manifest.target.share;
    let mut problems = Vec::new();

    // Match features to the data's areas of this level.
    let mut shapes_lonlat: HashMap<&str, &Feature> = HashMap::new();
    for f in features {
        match data.areas.area(&f.code) {
            Some(a) if a.level == level.area_level() => {
                shapes_lonlat.insert(a.code.as_str(), f);
            }
            found => {
                let kind = match found {
                    None => ProblemKind::UnknownArea {
                        value: f.code.clone(),
                    },
                    Some(a) => ProblemKind::NotAllowed {
                        value: format!("{} ({})", f.code, a.level.name()),
                        allowed: format!("{} codes in areas.csv", level.noun()),
                    },
                };
                problems.push(Problem {
                    file: file.to_string(),
                    row: None,
                    field: Some(format!("features[{}].properties.{}", f.index, f.code_field)),
                    kind,
                    effect: Effect::RowRejected,
                });
            }
        }
    }
    let mut lonlat = Bounds::empty();
    for f in shapes_lonlat.values() {
        lonlat.union(&Bounds::of_polygons(&f.polygons));
    }
    let projection = Projection::for_bounds(&lonlat);

    let mut named: Vec<&NamedArea> = data
        .areas
        .by_code
        .values()
        .filter(|a| a.level == level.area_level())
        .collect();
    named.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.code.cmp(&b.code)));

    let mut legend = match (options.colour_by, level) {
        (ColourBy::Designation, MapLevel::Stp) => designation_legend(),
        _ => share_legend(
            target,
            options.colour_by == ColourBy::Coverage && def.overlap == OverlapRule::Summed,
        ),
    };
    let mut no_figure = 0;
    let mut areas = Vec::with_capacity(named.len());
    // Every area's coverage in one pass (`coverage::coverage_of_areas`), not one each.
    let coverages = if options.colour_by == ColourBy::Coverage {
        let scopes: Vec<Scope> = named
            .iter()
            .map(|a| Scope::new(&data.areas, &a.code))
            .collect();
        coverage_of_areas(data, def, &scopes, date)
    } else {
        Vec::new()
    };
    for (i, a) in named.into_iter().enumerate() {
        let region_code = match level {
            MapLevel::Stp => region_of(data, a),
            MapLevel::Region => a.code.clone(),
        };
        let shapes: Vec<Shape> = shapes_lonlat
            .get(a.code.as_str())
            .map(|f| {
                f.polygons
                    .iter()
                    .map(|p| projection.project_polygon(p))
                    .collect()
            })
            .unwrap_or_default();
        let label_at = interior_point(&shapes);
        let mut area = MapArea {
            code: a.code.clone(),
            name: a.name.clone(),
            region_code,
            class: None,
            share: None,
            designation: None,
            value: String::new(),
            detail: String::new(),
            status: Status::Derived,
            source: String::new(),
            url: String::new(),
            shapes,
            label_at,
            in_inset: false,
        };
        match (options.colour_by, level) {
            (ColourBy::Coverage, _) => {
                let c = coverages.get(i).cloned().unwrap_or_else(|| {
                    coverage_at(data, def, &Scope::new(&data.areas, &a.code), date)
                });
                area.source = coverage_source(def, c.population_year);
                if c.base == 0 {
                    area.value = "no figure".into();
                    area.detail = format!("no population for mid-{}", c.population_year);
                } else {
                    area.share = Some(c.share);
                    area.class = Some(share_class(c.share, target));
                    area.value = pct(c.share);
                    area.detail = format!(
                        "{} of {} people (ONS mid-{}), {} site{}{}",
                        people(c.covered),
                        people(c.base),
                        c.population_year,
                        c.live_sites,
                        if c.live_sites == 1 { "" } else { "s" },
                        if c.incomplete {
                            "; some populations missing: a floor"
                        } else {
                            ""
                        }
                    );
                }
            }
            (ColourBy::Designation, MapLevel::Stp) => {
                let d = stp_designation(data, def, a, date);
                area.designation = Some(d.designation);
                area.class = Some(designation_class(d.designation));
                area.share = Some(d.share);
                area.value = d.designation.label().to_string();
                area.detail = d.detail;
                area.status = d.status;
                area.source = d.source;
                area.url = d.url;
            }
            (ColourBy::Designation, MapLevel::Region) => {
                let (covered, total, year) = ics_population(data, def, &a.pieces, date);
                let stps: Vec<&NamedArea> = data
                    .areas
                    .by_code
                    .values()
                    .filter(|s| s.level == AreaLevel::Stp && is_subset(&s.pieces, &a.pieces))
                    .collect();
                let whole = stps
                    .iter()
                    .filter(|s| {
                        stp_designation(data, def, s, date).designation == Designation::Whole
                    })
                    .count();
                area.source =
                    format!("ACS/ICS designations in sites.csv over ONS mid-{year} populations");
                if total == 0 {
                    area.value = "no figure".into();
                    area.detail = format!("no population for mid-{year}");
                } else {
                    let share = covered as f64 / total as f64;
                    area.share = Some(share);
                    area.class = Some(share_class(share, target));
                    area.value = format!("{} in an ACS/ICS", pct(share));
                    area.detail = format!(
                        "{} of {} people (ONS mid-{year}); {whole} of {} STPs are ACS/ICSs",
                        people(covered),
                        people(total),
                        stps.len()
                    );
                }
            }
        }
        match area.class.and_then(|k| legend.get_mut(k)) {
            Some(entry) => entry.count += 1,
            None => no_figure += 1,
        }
        areas.push(area);
    }

    let mut bounds = Bounds::empty();
    for a in &areas {
        bounds.union(&Bounds::of_polygons(&a.shapes));
    }
    let mut inset = None;
    if level == MapLevel::Stp {
        let mut b = Bounds::empty();
        for a in areas
            .iter_mut()
            .filter(|a| a.region_code == LONDON_REGION && !a.shapes.is_empty())
        {
            a.in_inset = true;
            b.union(&Bounds::of_polygons(&a.shapes));
        }
        if !b.is_empty() {
            inset = Some(b);
        }
    }
    let at = date.long();
    let (title, subtitle, legend_title) = match (options.colour_by, level) {
        (ColourBy::Coverage, l) => (
            format!("Coverage by {} at {at}", l.noun()),
            format!("Definition: {}", def.short()),
            "Share of people covered".to_string(),
        ),
        (ColourBy::Designation, MapLevel::Stp) => (
            format!("ACS/ICS designation by STP at {at}"),
            "Designation dates from the sites file, whatever the definition".to_string(),
            "ACS/ICS status".to_string(),
        ),
        (ColourBy::Designation, MapLevel::Region) => (
            format!("People in a live ACS/ICS by NHS region at {at}"),
            "Designation dates from the sites file, whatever the definition".to_string(),
            "Share of people in an ACS/ICS".to_string(),
        ),
    };
    MapChart {
        title,
        subtitle,
        options: *options,
        legend_title,
        legend,
        no_figure,
        areas,
        projection,
        bounds,
        inset,
        inset_title: "London (enlarged)".to_string(),
        regions: data
            .areas
            .regions
            .iter()
            .map(|c| (c.clone(), data.areas.region_name(c)))
            .collect(),
        labels: level == MapLevel::Region,
        attribution: ATTRIBUTION.to_string(),
        file: file.to_string(),
        problems,
        target_share: target,
    }
}

// ------------------------------------------------------------------------------------------------
// Drawing

/// Maps plane coordinates into a pixel box, keeping the shape (north up).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fit {
    pub plane: Bounds,
    pub k: f64,
    pub x0: f64,
    pub y0: f64,
}

impl Fit {
    /// Fits `plane` centred in the box (left, top, width, height).
    pub fn new(plane: &Bounds, (left, top, width, height): (f64, f64, f64, f64)) -> Fit {
        let pw = plane.width().max(1e-9);
        let ph = plane.height().max(1e-9);
        let k = (width / pw).min(height / ph).max(0.0);
        Fit {
            plane: *plane,
            k,
            x0: left + (width - pw * k) / 2.0,
            y0: top + (height - ph * k) / 2.0,
        }
    }

    pub fn to_px(&self, (x, y): (f64, f64)) -> (f64, f64) {
        (
            self.x0 + (x - self.plane.min_x) * self.k,
            self.y0 + (self.plane.max_y - y) * self.k,
        )
    }

    /// The pixel box of the plane bounds.
    pub fn px_box(&self) -> Bounds {
        self.px_box_of(&self.plane)
    }

    fn shape_px(&self, s: &Shape) -> Shape {
        Shape {
            exterior: s.exterior.iter().map(|&p| self.to_px(p)).collect(),
            holes: s
                .holes
                .iter()
                .map(|h| h.iter().map(|&p| self.to_px(p)).collect())
                .collect(),
        }
    }
}

/// One area's shapes in pixels, for pointer hits.
#[derive(Clone, Debug, PartialEq)]
pub struct HitShape {
    pub code: String,
    pub polygons: Vec<Shape>,
    pub bounds: Bounds,
    /// In the London inset rather than the main map.
    pub inset: bool,
}

/// What `draw_map` leaves for hit testing and for placing tooltips.
#[derive(Clone, Debug, PartialEq)]
pub struct MapGeometry {
    pub shapes: Vec<HitShape>,
    /// A point inside each area (in the inset for London's STPs), for tooltips and tests.
    pub anchors: Vec<(String, (f64, f64))>,
    pub main: Fit,
    pub inset: Option<Fit>,
    /// Pixel box of the inset panel.
    pub inset_box: Option<Bounds>,
    /// Filled polygons drawn (main map and inset, holes included).
    pub polygons_drawn: usize,
}

impl MapGeometry {
    pub fn anchor(&self, code: &str) -> Option<(f64, f64)> {
        self.anchors
            .iter()
            .find(|(c, _)| c == code)
            .map(|(_, p)| *p)
    }
}

/// The area under pixel (`x`, `y`): the inset first, then the main map.
pub fn area_at(geometry: &MapGeometry, x: f64, y: f64) -> Option<&str> {
    let pt = (x, y);
    let hit = |inset: bool| {
        geometry
            .shapes
            .iter()
            .filter(move |s| s.inset == inset)
            .find(|s| s.bounds.contains(pt) && polygons_contain(&s.polygons, pt))
    };
    hit(true).or_else(|| hit(false)).map(|s| s.code.as_str())
}

type Px = (i32, i32);

fn ipx(p: (f64, f64)) -> Px {
    (p.0.round() as i32, p.1.round() as i32)
}

/// A ring in whole pixels without repeated points.
fn ring_px(ring: &[(f64, f64)]) -> Vec<Px> {
    let mut out: Vec<Px> = Vec::with_capacity(ring.len());
    for &p in ring {
        let q = ipx(p);
        if out.last() != Some(&q) {
            out.push(q);
        }
    }
    if out.len() > 1 && out.first() == out.last() {
        out.pop();
    }
    out
}

fn closed(mut ring: Vec<Px>) -> Vec<Px> {
    if let Some(&first) = ring.first() {
        ring.push(first);
    }
    ring
}

fn err<E: std::fmt::Display>(e: E) -> String {
    e.to_string()
}

/// The outer boundary of a group of areas, as pixel polylines: the edges that only one of them
/// has (shared borders cancel out, as the boundaries are a clean partition).
fn group_outline(polygons: &[&Shape], fit: &Fit) -> Vec<Vec<Px>> {
    let mut count: HashMap<(Px, Px), usize> = HashMap::new();
    for s in polygons {
        for ring in std::iter::once(&s.exterior).chain(s.holes.iter()) {
            let r = ring_px(&ring.iter().map(|&p| fit.to_px(p)).collect::<Vec<_>>());
            let n = r.len();
            for i in 0..n {
                let (a, b) = (r[i], r[(i + 1) % n]);
                if a != b {
                    *count.entry((a.min(b), a.max(b))).or_insert(0) += 1;
                }
            }
        }
    }
    let mut next: HashMap<Px, Vec<Px>> = HashMap::new();
    for (&(a, b), &c) in &count {
        if c == 1 {
            next.entry(a).or_default().push(b);
            next.entry(b).or_default().push(a);
        }
    }
    let mut lines = Vec::new();
    let mut starts: Vec<Px> = next.keys().copied().collect();
    starts.sort_unstable();
    for start in starts {
        while let Some(first) = next.get_mut(&start).and_then(|v| v.pop()) {
            remove_edge(&mut next, first, start);
            let mut line = vec![start, first];
            let mut at = first;
            while let Some(n) = next.get_mut(&at).and_then(|v| v.pop()) {
                remove_edge(&mut next, n, at);
                line.push(n);
                at = n;
            }
            lines.push(line);
        }
    }
    lines
}

fn remove_edge(next: &mut HashMap<Px, Vec<Px>>, from: Px, to: Px) {
    if let Some(v) = next.get_mut(&from) {
        if let Some(i) = v.iter().position(|&p| p == to) {
            v.swap_remove(i);
        }
    }
}

/// Splits `text` into lines no wider than `width` pixels (as the backend measures them).
fn wrap<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
    width: f64,
) -> Vec<String> {
    let fits = |s: &str| {
        root.estimate_text_size(s, style)
            .map(|(w, _)| f64::from(w) <= width)
            .unwrap_or(true)
    };
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if line.is_empty() || fits(&candidate) {
            line = candidate;
        } else {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn text_width<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
) -> f64 {
    root.estimate_text_size(text, style)
        .map(|(w, _)| f64::from(w))
        .unwrap_or(text.len() as f64 * 7.0)
}

fn noun_plural(chart: &MapChart) -> &'static str {
    chart.options.level.plural()
}

fn fill_of(chart: &MapChart, a: &MapArea) -> RGBColor {
    a.class
        .and_then(|k| chart.legend.get(k))
        .map(|e| e.colour)
        .unwrap_or(NO_FIGURE)
}

/// Draws the areas for which `keep` is true through `fit`: fills (holes cut out, enclaves drawn
/// again on top), borders, and the selected area's or region's outline. Returns the hit shapes.
#[allow(clippy::too_many_arguments)]
fn draw_areas<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &MapChart,
    fit: &Fit,
    keep: impl Fn(&MapArea) -> bool,
    selected: &str,
    inset: bool,
    scale: f64,
    drawn: &mut usize,
) -> Result<Vec<HitShape>, String> {
    let w = |v: f64| (v * scale).round().max(1.0) as u32;
    let areas: Vec<&MapArea> = chart
        .areas
        .iter()
        .filter(|a| !a.shapes.is_empty() && keep(a))
        .collect();
    let mut hits = Vec::with_capacity(areas.len());
    for a in &areas {
        let polygons: Vec<Shape> = a.shapes.iter().map(|s| fit.shape_px(s)).collect();
        let fill = fill_of(chart, a);
        for p in &polygons {
            let outer = ring_px(&p.exterior);
            if outer.len() >= 3 {
                root.draw(&Polygon::new(outer, fill.filled()))
                    .map_err(err)?;
                *drawn += 1;
            }
            for h in &p.holes {
                let hole = ring_px(h);
                if hole.len() >= 3 {
                    root.draw(&Polygon::new(hole, WHITE.filled()))
                        .map_err(err)?;
                    *drawn += 1;
                }
            }
        }
        hits.push(HitShape {
            code: a.code.clone(),
            bounds: Bounds::of_polygons(&polygons),
            polygons,
            inset,
        });
    }
    // An area inside another's hole (an enclave) is drawn again over the hole's white.
    for (i, a) in areas.iter().enumerate() {
        let Some(probe) = hits
            .get(i)
            .and_then(|h| h.polygons.first())
            .and_then(|p| p.exterior.first().copied())
        else {
            continue;
        };
        let in_hole = hits.iter().enumerate().any(|(j, h)| {
            j != i
                && h.polygons
                    .iter()
                    .any(|p| p.holes.iter().any(|r| crate::geo::ring_contains(r, probe)))
        });
        if in_hole {
            if let Some(h) = hits.get(i) {
                for p in &h.polygons {
                    root.draw(&Polygon::new(
                        ring_px(&p.exterior),
                        fill_of(chart, a).filled(),
                    ))
                    .map_err(err)?;
                    *drawn += 1;
                }
            }
        }
    }
    let border = palette::NHS_DARK_GREY
        .mix(0.85)
        .stroke_width(w(if chart.labels { 1.5 } else { 1.0 }));
    for h in &hits {
        for p in &h.polygons {
            for ring in std::iter::once(&p.exterior).chain(p.holes.iter()) {
                root.draw(&PathElement::new(closed(ring_px(ring)), border))
                    .map_err(err)?;
            }
        }
    }
    // The selection: one area, or every area of a selected region (its outer boundary).
    let outer = palette::NHS_BLACK.stroke_width(w(4.5));
    let inner = FOCUS_YELLOW.stroke_width(w(2.0));
    let lines: Vec<Vec<Px>> = if let Some(h) = hits.iter().find(|h| h.code == selected) {
        h.polygons
            .iter()
            .flat_map(|p| std::iter::once(&p.exterior).chain(p.holes.iter()))
            .map(|r| closed(ring_px(r)))
            .collect()
    } else {
        let group: Vec<&Shape> = areas
            .iter()
            .filter(|a| a.region_code == selected && a.code != selected)
            .flat_map(|a| a.shapes.iter())
            .collect();
        if group.is_empty() {
            Vec::new()
        } else {
            group_outline(&group, fit)
        }
    };
    for style in [outer, inner] {
        for line in &lines {
            root.draw(&PathElement::new(line.clone(), style))
                .map_err(err)?;
        }
    }
    Ok(hits)
}

/// Value labels (name and figure on a white box) at each area's inside point, nudged up or down
/// where two would overlap (London and the South East).
fn draw_labels<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &MapChart,
    fit: &Fit,
    scale: f64,
    with_names: bool,
) -> Result<(), String> {
    let centre = Pos::new(HPos::Center, VPos::Center);
    let name_style = ("sans-serif", 14.0 * scale)
        .into_font()
        .color(&palette::NHS_BLACK)
        .pos(centre);
    let value_style = ("sans-serif", 17.0 * scale, FontStyle::Bold)
        .into_font()
        .color(&palette::NHS_BLACK)
        .pos(centre);
    // (name, value, centre x, centre y, half width, half height)
    let mut labels: Vec<(String, String, f64, f64, f64, f64)> = Vec::new();
    for a in chart.areas.iter().filter(|a| !a.shapes.is_empty()) {
        let Some(at) = a.label_at else { continue };
        let (x, y) = fit.to_px(at);
        let value = a.share.map(pct).unwrap_or_else(|| a.value.clone());
        let vw = text_width(root, &value, &value_style);
        let nw = if with_names {
            text_width(root, &a.name, &name_style)
        } else {
            0.0
        };
        let half_w = vw.max(nw) / 2.0 + 6.0 * scale;
        let half_h = if with_names { 18.0 } else { 12.0 } * scale;
        labels.push((a.name.clone(), value, x, y, half_w, half_h));
    }
    let gap = 3.0 * scale;
    for _ in 0..8 {
        let mut moved = false;
        for i in 0..labels.len() {
            for j in 0..i {
                let (a, b) = (&labels[j], &labels[i]);
                let overlap_x = (a.2 - b.2).abs() < a.4 + b.4;
                let need = a.5 + b.5 + gap - (a.3 - b.3).abs();
                if overlap_x && need > 0.0 {
                    let push = need / 2.0 + 0.5;
                    let down = b.3 >= a.3;
                    if let Some(l) = labels.get_mut(i) {
                        l.3 += if down { push } else { -push };
                    }
                    if let Some(l) = labels.get_mut(j) {
                        l.3 += if down { -push } else { push };
                    }
                    moved = true;
                }
            }
        }
        if !moved {
            break;
        }
    }
    for (name, value, x, y, half_w, half_h) in labels {
        let corners = [ipx((x - half_w, y - half_h)), ipx((x + half_w, y + half_h))];
        root.draw(&Rectangle::new(corners, WHITE.mix(0.9).filled()))
            .map_err(err)?;
        root.draw(&Rectangle::new(
            corners,
            palette::NHS_DARK_GREY.stroke_width(1),
        ))
        .map_err(err)?;
        if with_names {
            root.draw(&Text::new(
                name,
                ipx((x, y - 8.0 * scale)),
                name_style.clone(),
            ))
            .map_err(err)?;
            root.draw(&Text::new(
                value,
                ipx((x, y + 8.0 * scale)),
                value_style.clone(),
            ))
            .map_err(err)?;
        } else {
            root.draw(&Text::new(value, ipx((x, y)), value_style.clone()))
                .map_err(err)?;
        }
    }
    Ok(())
}

/// Draws `chart` on `root`: title, the map (areas coloured by class, the selected area or region
/// outlined in black and yellow), a London inset at STP level, the legend with each class's count,
/// and the attribution. `selected` is an area code ("ENG"/England outlines nothing); `scale`
/// multiplies every size (the device pixel ratio). Returns the shapes' pixels for hit tests.
pub fn draw_map<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &MapChart,
    selected: &str,
    scale: f64,
) -> Result<MapGeometry, String> {
    let s = scale.max(0.1);
    root.fill(&WHITE).map_err(err)?;
    let (w, h) = root.dim_in_pixel();
    let (w, h) = (f64::from(w), f64::from(h));
    let pad = 12.0 * s;

    // Header.
    let title_style = ("sans-serif", 22.0 * s, FontStyle::Bold)
        .into_font()
        .color(&palette::NHS_BLACK);
    let sub_style = ("sans-serif", 15.0 * s)
        .into_font()
        .color(&palette::NHS_DARK_GREY);
    let mut y = pad;
    for line in wrap(root, &chart.title, &title_style, w - 2.0 * pad) {
        root.draw(&Text::new(line, ipx((pad, y)), title_style.clone()))
            .map_err(err)?;
        y += 28.0 * s;
    }
    let selected_area = chart.area(selected);
    let selected_region = chart
        .regions
        .iter()
        .find(|(c, _)| c == selected && chart.areas.iter().any(|a| a.region_code == *c));
    let selection_text = match (selected_area, selected_region) {
        (Some(a), _) => format!("Selected: {} ({})", a.name, a.value),
        (None, Some((_, name))) => {
            format!("Selected: {name} (its {} outlined)", noun_plural(chart))
        }
        _ => String::new(),
    };
    for line in wrap(root, &chart.subtitle, &sub_style, w - 2.0 * pad) {
        root.draw(&Text::new(line, ipx((pad, y)), sub_style.clone()))
            .map_err(err)?;
        y += 20.0 * s;
    }
    let header_bottom = y + 6.0 * s;

    // Footer: the attribution, wrapped.
    let attr_style = ("sans-serif", 13.0 * s)
        .into_font()
        .color(&palette::NHS_DARK_GREY);
    let attr_lines = wrap(root, &chart.attribution, &attr_style, w - 2.0 * pad);
    let line_h = 17.0 * s;
    let footer_top = h - pad - line_h * attr_lines.len() as f64;
    for (i, line) in attr_lines.iter().enumerate() {
        root.draw(&Text::new(
            line.clone(),
            ipx((pad, footer_top + line_h * i as f64)),
            attr_style.clone(),
        ))
        .map_err(err)?;
    }

    // Legend size.
    let legend_title_style = ("sans-serif", 16.0 * s, FontStyle::Bold)
        .into_font()
        .color(&palette::NHS_BLACK);
    let legend_style = ("sans-serif", 15.0 * s)
        .into_font()
        .color(&palette::NHS_BLACK);
    let noun = chart.options.level.plural();
    let mut entries: Vec<(String, RGBColor)> = chart
        .legend
        .iter()
        .map(|e| (format!("{} · {}", e.label, e.count), e.colour))
        .collect();
    if chart.no_figure > 0 {
        entries.push((format!("No figure · {}", chart.no_figure), NO_FIGURE));
    }
    let row_h = 27.0 * s;
    let swatch_w = 28.0 * s;
    let text_x = swatch_w + 10.0 * s;
    let legend_heading = format!("{} ({noun})", chart.legend_title);
    let mut legend_w = text_width(root, &legend_heading, &legend_title_style);
    for (label, _) in &entries {
        legend_w = legend_w.max(text_x + text_width(root, label, &legend_style));
    }

    // Layout: map on the left and a side panel (legend, London) when the canvas is wide enough;
    // otherwise the legend below the map and London in the sea to the north-east.
    let body_top = header_bottom;
    let body_bottom = footer_top - 8.0 * s;
    let body_h = (body_bottom - body_top).max(40.0 * s);
    let body_w = (w - 2.0 * pad).max(40.0 * s);
    let aspect = if chart.bounds.is_empty() {
        0.75
    } else {
        chart.bounds.width() / chart.bounds.height().max(1e-9)
    };
    let map_w_ideal = body_h * aspect;
    let side = body_w - map_w_ideal - 2.0 * pad >= legend_w.max(240.0 * s);
    let map_w = if side {
        map_w_ideal.min(body_w * 0.66)
    } else {
        body_w
    };
    let panel_x = if side { pad + map_w + 2.0 * pad } else { pad };
    let panel_w = w - pad - panel_x;
    // The selection line wraps to the panel, in at most two lines whose room is always kept, so
    // that selecting an area never moves the map or the inset under the pointer.
    let mut selection_lines = if selection_text.is_empty() {
        Vec::new()
    } else {
        wrap(
            root,
            &selection_text,
            &legend_style,
            (panel_w - text_x).max(40.0 * s),
        )
    };
    if selection_lines.len() > 2 {
        selection_lines.truncate(2);
        if let Some(last) = selection_lines.last_mut() {
            last.push('…');
        }
    }
    let line_gap = 19.0 * s;
    let selection_h = row_h + line_gap;
    let legend_h = 30.0 * s + row_h * entries.len() as f64 + selection_h;
    let (map_box, legend_at, inset_box) = if side {
        let legend_at = (panel_x, body_top);
        let inset_top = body_top + legend_h + 2.0 * pad;
        let inset_box = chart.inset.as_ref().and_then(|b| {
            let avail_h = body_bottom - inset_top;
            let iw = panel_w.min(460.0 * s);
            let ih = (iw / (b.width() / b.height().max(1e-9)).max(0.2) + 30.0 * s).min(avail_h);
            (ih >= 120.0 * s).then_some((panel_x, inset_top, iw, ih))
        });
        ((pad, body_top, map_w, body_h), legend_at, inset_box)
    } else {
        let map_h = (body_h - legend_h - pad).max(40.0 * s);
        let map_box = (pad, body_top, body_w, map_h);
        let legend_at = (pad, body_top + map_h + pad);
        let fit = Fit::new(&chart.bounds, map_box);
        let px = fit.px_box();
        let inset_box = chart.inset.as_ref().and_then(|_| {
            let iw = px.width() * 0.28;
            let ih = iw * 0.8 + 26.0 * s;
            (iw >= 90.0 * s).then_some((px.max_x - iw, px.min_y, iw, ih))
        });
        (map_box, legend_at, inset_box)
    };

    // Main map.
    let main = Fit::new(&chart.bounds, map_box);
    let mut drawn = 0;
    let mut shapes = draw_areas(root, chart, &main, |_| true, selected, false, s, &mut drawn)?;
    if chart.labels {
        draw_labels(root, chart, &main, s, main.px_box().width() >= 360.0 * s)?;
    }

    // London inset: a box round London on the map, and London enlarged in the panel.
    let mut inset_fit = None;
    let mut inset_px = None;
    if let (Some(b), Some((ix, iy, iw, ih))) = (chart.inset.as_ref(), inset_box) {
        let around = main.px_box_of(&b.padded(0.06));
        root.draw(&Rectangle::new(
            [
                ipx((around.min_x, around.min_y)),
                ipx((around.max_x, around.max_y)),
            ],
            palette::NHS_BLACK.stroke_width((1.5 * s).round().max(1.0) as u32),
        ))
        .map_err(err)?;
        root.draw(&Rectangle::new(
            [ipx((ix, iy)), ipx((ix + iw, iy + ih))],
            WHITE.filled(),
        ))
        .map_err(err)?;
        root.draw(&Rectangle::new(
            [ipx((ix, iy)), ipx((ix + iw, iy + ih))],
            palette::NHS_BLACK.stroke_width((1.5 * s).round().max(1.0) as u32),
        ))
        .map_err(err)?;
        let inset_title_style = ("sans-serif", 14.0 * s, FontStyle::Bold)
            .into_font()
            .color(&palette::NHS_BLACK);
        // "London (enlarged)", or its first word where the box is too narrow for it.
        let mut inset_title = chart.inset_title.clone();
        if text_width(root, &inset_title, &inset_title_style) > iw - 16.0 * s {
            inset_title = inset_title
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_string();
        }
        root.draw(&Text::new(
            inset_title,
            ipx((ix + 8.0 * s, iy + 6.0 * s)),
            inset_title_style,
        ))
        .map_err(err)?;
        let inner = (
            ix + 8.0 * s,
            iy + 28.0 * s,
            (iw - 16.0 * s).max(1.0),
            (ih - 36.0 * s).max(1.0),
        );
        let fit = Fit::new(&b.padded(0.02), inner);
        shapes.extend(draw_areas(
            root,
            chart,
            &fit,
            |a| a.in_inset,
            selected,
            true,
            s,
            &mut drawn,
        )?);
        inset_fit = Some(fit);
        inset_px = Some(Bounds {
            min_x: ix,
            min_y: iy,
            max_x: ix + iw,
            max_y: iy + ih,
        });
    }

    // Legend.
    let (lx, ly) = legend_at;
    root.draw(&Text::new(
        legend_heading,
        ipx((lx, ly)),
        legend_title_style,
    ))
    .map_err(err)?;
    let mut ry = ly + 30.0 * s;
    for (label, colour) in &entries {
        let sw = [ipx((lx, ry)), ipx((lx + swatch_w, ry + row_h - 8.0 * s))];
        root.draw(&Rectangle::new(sw, colour.filled()))
            .map_err(err)?;
        root.draw(&Rectangle::new(sw, palette::NHS_DARK_GREY.stroke_width(1)))
            .map_err(err)?;
        root.draw(&Text::new(
            label.clone(),
            ipx((lx + text_x, ry)),
            legend_style.clone(),
        ))
        .map_err(err)?;
        ry += row_h;
    }
    if !selection_lines.is_empty() {
        let sw = [
            ipx((lx + 2.0 * s, ry + 2.0 * s)),
            ipx((lx + swatch_w - 2.0 * s, ry + row_h - 10.0 * s)),
        ];
        root.draw(&Rectangle::new(
            sw,
            palette::NHS_BLACK.stroke_width((4.0 * s).round().max(1.0) as u32),
        ))
        .map_err(err)?;
        root.draw(&Rectangle::new(
            sw,
            FOCUS_YELLOW.stroke_width((2.0 * s).round().max(1.0) as u32),
        ))
        .map_err(err)?;
        for (i, line) in selection_lines.into_iter().enumerate() {
            root.draw(&Text::new(
                line,
                ipx((lx + text_x, ry + line_gap * i as f64)),
                legend_style.clone(),
            ))
            .map_err(err)?;
        }
    }

    // Anchors: a point inside each area, in the inset where it is drawn there.
    let mut anchors = Vec::new();
    for a in &chart.areas {
        let Some(at) = a.label_at else { continue };
        let fit = match (a.in_inset, inset_fit.as_ref()) {
            (true, Some(f)) => f,
            _ => &main,
        };
        anchors.push((a.code.clone(), fit.to_px(at)));
    }
    root.present().map_err(err)?;
    Ok(MapGeometry {
        shapes,
        anchors,
        main,
        inset: inset_fit,
        inset_box: inset_px,
        polygons_drawn: drawn,
    })
}

impl Fit {
    /// The pixel box of a plane box.
    pub fn px_box_of(&self, b: &Bounds) -> Bounds {
        let (l, t) = self.to_px((b.min_x, b.max_y));
        let (r, bt) = self.to_px((b.max_x, b.min_y));
        Bounds {
            min_x: l,
            min_y: t,
            max_x: r,
            max_y: bt,
        }
    }
}
