//! Coverage: the population of the union of the footprints of the sites that count, over the
//! population of the area in scope, at a date, as a monthly series, by region and by model type.

use crate::bitset::Bitset;
use crate::date::Date;
use crate::model::{Areas, DataSet, FootprintFit, ModelType, Site, ENGLAND_CODE};

/// Which footprints of partial sites count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartialRule {
    /// Count the whole footprint of a site that served only part of it (an upper figure).
    CountWholeFootprint,
    /// Leave such sites out (a lower figure).
    Exclude,
}

/// How people covered by more than one site are counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OverlapRule {
    /// Each person once (the union of footprints): coverboard's definition.
    Once,
    /// The sum of footprint populations, as adding up published site figures would do.
    Summed,
}

/// Which population a share is taken of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PopulationBase {
    /// The ONS mid-year estimate for the calendar year of the date (nearest year held).
    YearOfDate,
    /// One fixed mid-year, for every date.
    Fixed(i32),
}

/// Which sites count as "covered by a new care model": the user can switch every part.
#[derive(Clone, Debug, PartialEq)]
pub struct Definition {
    pub models: Vec<ModelType>,
    pub partial: PartialRule,
    pub overlap: OverlapRule,
    pub base: PopulationBase,
}

impl Default for Definition {
    /// ACS/ICSs and the place-based vanguards, each person once, partial footprints counted whole,
    /// population of the year of the date.
    fn default() -> Self {
        let mut models = ModelType::PLACE_BASED_VANGUARDS.to_vec();
        models.push(ModelType::Ics);
        Definition {
            models,
            partial: PartialRule::CountWholeFootprint,
            overlap: OverlapRule::Once,
            base: PopulationBase::YearOfDate,
        }
    }
}

impl Definition {
    pub fn with_models(models: &[ModelType]) -> Definition {
        Definition {
            models: models.to_vec(),
            ..Definition::default()
        }
    }

    pub fn counts_model(&self, model: ModelType) -> bool {
        model != ModelType::Acc && self.models.contains(&model)
    }

    /// Whether `site` counts under this definition (ignoring dates).
    pub fn counts(&self, site: &Site) -> bool {
        site.counts_population
            && self.counts_model(site.model)
            && site.fit != FootprintFit::None
            && !(self.partial == PartialRule::Exclude && site.fit == FootprintFit::Partial)
    }

    /// The definition in a few words, for captions beside figures.
    pub fn short(&self) -> String {
        let codes: Vec<&str> = ModelType::ALL
            .into_iter()
            .filter(|m| *m != ModelType::Acc && self.models.contains(m))
            .map(|m| {
                if m == ModelType::Ics {
                    "ACS/ICS"
                } else {
                    m.code()
                }
            })
            .collect();
        let what = if codes.is_empty() {
            "no model types".to_string()
        } else {
            codes.join(" + ")
        };
        let overlap = match self.overlap {
            OverlapRule::Once => "each person once",
            OverlapRule::Summed => "overlaps summed",
        };
        let partial = match self.partial {
            PartialRule::CountWholeFootprint => "",
            PartialRule::Exclude => ", partial vanguards left out",
        };
        let base = match self.base {
            PopulationBase::YearOfDate => "population of the year".to_string(),
            PopulationBase::Fixed(y) => format!("mid-{y} population"),
        };
        format!("{what}; {overlap}{partial}; {base}")
    }

    /// The definition in words, for the header and beside every figure.
    pub fn describe(&self) -> String {
        let mut vanguard: Vec<&str> = Vec::new();
        for m in ModelType::PLACE_BASED_VANGUARDS {
            if self.models.contains(&m) {
                vanguard.push(m.code());
            }
        }
        let ics = self.models.contains(&ModelType::Ics);
        let what = match (vanguard.is_empty(), ics) {
            (true, true) => "an ACS/ICS".to_string(),
            (false, true) => format!("an ACS/ICS or a {} vanguard", vanguard.join("/")),
            (false, false) => format!("a {} vanguard", vanguard.join("/")),
            (true, false) => "no model type (none selected)".to_string(),
        };
        let overlap = match self.overlap {
            OverlapRule::Once => "each person counted once however many sites cover them",
            OverlapRule::Summed => "people covered by several sites counted once per site (summed)",
        };
        let partial = if vanguard.is_empty() {
            ""
        } else {
            match self.partial {
                PartialRule::CountWholeFootprint => {
                    "; vanguards that served part of their area counted as the whole area"
                }
                PartialRule::Exclude => "; vanguards that served only part of their area left out",
            }
        };
        let base = match self.base {
            PopulationBase::YearOfDate => "ONS mid-year population of the date's year".to_string(),
            PopulationBase::Fixed(y) => format!("ONS mid-{y} population"),
        };
        format!(
            "People living in the footprint of {what} live at the date ({overlap}{partial}; acute care collaborations are networks and never count), as a share of the {base}."
        )
    }
}

/// The population in scope: England or a named area (region, STP, ...).
#[derive(Clone, Debug, PartialEq)]
pub struct Scope {
    pub code: String,
    pub name: String,
    pub pieces: Bitset,
}

impl Scope {
    /// The scope for `code` ("ENG", "E92000001" or any area code); England when unknown.
    pub fn new(areas: &Areas, code: &str) -> Scope {
        let code = if code == "ENG" || code.is_empty() {
            ENGLAND_CODE
        } else {
            code
        };
        match areas.area(code) {
            Some(a) => Scope {
                code: a.code.clone(),
                name: a.name.clone(),
                pieces: a.pieces.clone(),
            },
            None => Scope {
                code: ENGLAND_CODE.into(),
                name: "England".into(),
                pieces: areas.all(),
            },
        }
    }

    pub fn is_england(&self) -> bool {
        self.code == ENGLAND_CODE
    }
}

/// Coverage at one date.
#[derive(Clone, Debug, PartialEq)]
pub struct Coverage {
    pub date: Date,
    /// People covered (the union, or the sum under `OverlapRule::Summed`).
    pub covered: u64,
    /// Population of the scope.
    pub base: u64,
    /// covered / base (can exceed 1 only under `Summed`).
    pub share: f64,
    /// The mid-year whose populations were used.
    pub population_year: i32,
    /// Sites counted at this date.
    pub live_sites: usize,
    /// Some population figure was missing, so the figure is a floor.
    pub incomplete: bool,
}

/// Which liveness test to apply at a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Liveness {
    /// The counting rule: a date given as a month, year or span counts from its first day.
    Counted,
    /// Only sites certainly live (lower edge of the uncertainty band).
    Surely,
    /// Every site possibly live (upper edge).
    Possibly,
}

fn is_live(site: &Site, date: Date, liveness: Liveness) -> bool {
    match liveness {
        Liveness::Counted => site.live_at(date),
        Liveness::Surely => site.surely_live_at(date),
        Liveness::Possibly => site.possibly_live_at(date),
    }
}

fn population_year(areas: &Areas, base: PopulationBase, date: Date) -> (usize, i32) {
    let wanted = match base {
        PopulationBase::YearOfDate => date.year(),
        PopulationBase::Fixed(y) => y,
    };
    let yi = areas.year_index(wanted).unwrap_or(0);
    (yi, areas.years.get(yi).copied().unwrap_or(wanted))
}

/// Coverage of `scope` at `date` under `def`.
pub fn coverage_at(data: &DataSet, def: &Definition, scope: &Scope, date: Date) -> Coverage {
    coverage_with(data, def, scope, date, Liveness::Counted, |_| true)
}

/// Coverage counting only the sites for which `keep` is true as well.
pub fn coverage_with(
    data: &DataSet,
    def: &Definition,
    scope: &Scope,
    date: Date,
    liveness: Liveness,
    keep: impl Fn(&Site) -> bool,
) -> Coverage {
    let mut tally = Tally::new(&data.areas, def, scope, date);
    for site in data
        .sites
        .iter()
        .filter(|s| def.counts(s) && keep(s) && is_live(s, date, liveness))
        .filter(|s| s.footprint.intersects(&scope.pieces))
    {
        tally.add(&data.areas, def, scope, site);
    }
    tally.finish(&data.areas, def, scope, date)
}

/// Coverage of `scope` at `date` under each of `defs` (the definition panel's and the caveat's
/// alternatives), in one pass through the sites: the same figures as `coverage_at` under each
/// (tests/properties.rs), with each site's date and scope checked once, not once a definition.
pub fn coverage_under(
    data: &DataSet,
    defs: &[Definition],
    scope: &Scope,
    date: Date,
) -> Vec<Coverage> {
    let areas = &data.areas;
    let mut tallies: Vec<Tally> = defs
        .iter()
        .map(|def| Tally::new(areas, def, scope, date))
        .collect();
    for site in data
        .sites
        .iter()
        .filter(|s| is_live(s, date, Liveness::Counted) && s.footprint.intersects(&scope.pieces))
    {
        for (def, t) in defs.iter().zip(tallies.iter_mut()) {
            if def.counts(site) {
                t.add(areas, def, scope, site);
            }
        }
    }
    defs.iter()
        .zip(tallies)
        .map(|(def, t)| t.finish(areas, def, scope, date))
        .collect()
}

/// One definition's count of the live sites in a scope at a date, as `coverage_with` and
/// `coverage_under` add them up: the union of their footprints (or the sum of their
/// populations), how many there are, and whether any population was missing.
struct Tally {
    yi: usize,
    population_year: i32,
    base: u64,
    union: Bitset,
    summed: u64,
    live_sites: usize,
    incomplete: bool,
}

impl Tally {
    fn new(areas: &Areas, def: &Definition, scope: &Scope, date: Date) -> Tally {
        let (yi, population_year) = population_year(areas, def.base, date);
        let (base, base_missing) = areas.population(&scope.pieces, yi);
        Tally {
            yi,
            population_year,
            base,
            union: Bitset::new(areas.len()),
            summed: 0,
            live_sites: 0,
            incomplete: base_missing,
        }
    }

    /// Counts `site`, live at the date, counted by `def` and inside `scope`.
    fn add(&mut self, areas: &Areas, def: &Definition, scope: &Scope, site: &Site) {
        self.live_sites += 1;
        match def.overlap {
            OverlapRule::Once => self.union.union_with(&site.footprint),
            OverlapRule::Summed => {
                let (p, missing) =
                    areas.population(&site.footprint.intersection(&scope.pieces), self.yi);
                self.summed += p;
                self.incomplete |= missing;
            }
        }
    }

    fn finish(mut self, areas: &Areas, def: &Definition, scope: &Scope, date: Date) -> Coverage {
        let covered = match def.overlap {
            OverlapRule::Once => {
                self.union.intersect_with(&scope.pieces);
                let (p, missing) = areas.population(&self.union, self.yi);
                self.incomplete |= missing;
                p
            }
            OverlapRule::Summed => self.summed,
        };
        Coverage::of(
            date,
            (covered, self.base),
            self.population_year,
            self.live_sites,
            self.incomplete,
        )
    }
}

/// The last day of every month from `first` to `last` (inclusive).
pub fn month_ends(first: Date, last: Date) -> Vec<Date> {
    let mut out = Vec::new();
    let mut d = first.add_months(0);
    while d <= last {
        out.push(d.end_of_month());
        d = d.add_months(1);
    }
    out
}

/// The reporting period: January 2015 to March 2022.
pub fn default_period() -> Vec<Date> {
    match (Date::new(2015, 1, 1), Date::new(2022, 3, 31)) {
        (Some(a), Some(b)) => month_ends(a, b),
        _ => Vec::new(),
    }
}

/// One point of a series with its uncertainty band from imprecise dates.
#[derive(Clone, Debug, PartialEq)]
pub struct SeriesPoint {
    pub coverage: Coverage,
    /// Share counting only sites certainly live by then.
    pub low: f64,
    /// Share counting every site possibly live by then.
    pub high: f64,
}

/// Coverage at each of `dates` with its band, in one sweep through time: the same figures as
/// `series_reference`, at O(sites × footprint + dates × pieces) instead of O(dates × sites).
/// `dates` need not be in order.
pub fn series(data: &DataSet, def: &Definition, scope: &Scope, dates: &[Date]) -> Vec<SeriesPoint> {
    let areas = &data.areas;
    let timeline = Timeline::new(dates);
    let bases = scope_bases(areas, scope);
    let mut by_slot = Vec::with_capacity(dates.len());
    sweep::<3, 2>(
        &data.sites,
        &scope.pieces,
        &timeline,
        def.overlap == OverlapRule::Summed,
        |site| def.counts(site),
        |site, in_scope| {
            let lanes = live_intervals(site);
            // Totals: sites live (by the counting rule) that meet the scope, and sites (anywhere)
            // live by one rule and not by another.
            let totals = changes(&lanes)
                .map(|[counted, _, _, uncertain]| [counted * i32::from(in_scope), uncertain]);
            (lanes, totals)
        },
        |date, lanes, &[live_sites, uncertain]| {
            let (yi, population_year) = population_year(areas, def.base, date);
            let (base, base_missing) = base_of(&bases, areas, scope, yi);
            // People covered (and whether a figure is missing) by rule: counted, surely, possibly.
            let by_rule = |lane| tally(areas, def.overlap, yi, lanes, lane, scope.pieces.words());
            let (covered, missing) = by_rule(0);
            let coverage = Coverage::of(
                date,
                (covered, base),
                population_year,
                usize::try_from(live_sites).unwrap_or(0),
                base_missing || missing,
            );
            // As in `series_reference`: the band differs from the line only where some counted
            // site is live by one rule and not by another.
            let (low, high) = if uncertain > 0 {
                (share(by_rule(1).0, base), share(by_rule(2).0, base))
            } else {
                (coverage.share, coverage.share)
            };
            by_slot.push(SeriesPoint {
                coverage,
                low,
                high,
            });
        },
    );
    timeline.restore(by_slot)
}

/// The straightforward series: `coverage_with` at each date for the line, and for the band, at
/// dates where it can differ, again by the surely and possibly rules. O(dates × sites); `series`
/// must give exactly the same points (the tests compare them, and the benchmark times both).
pub fn series_reference(
    data: &DataSet,
    def: &Definition,
    scope: &Scope,
    dates: &[Date],
) -> Vec<SeriesPoint> {
    dates
        .iter()
        .map(|&d| {
            let coverage = coverage_at(data, def, scope, d);
            // The band differs from the line only where some counted site's start or end is
            // imprecise around `d`; elsewhere all three figures are the same.
            let uncertain = data.sites.iter().any(|s| {
                def.counts(s)
                    && (s.live_at(d) != s.surely_live_at(d)
                        || s.live_at(d) != s.possibly_live_at(d))
            });
            let (low, high) = if uncertain {
                (
                    coverage_with(data, def, scope, d, Liveness::Surely, |_| true).share,
                    coverage_with(data, def, scope, d, Liveness::Possibly, |_| true).share,
                )
            } else {
                (coverage.share, coverage.share)
            };
            SeriesPoint {
                coverage,
                low,
                high,
            }
        })
        .collect()
}

/// The population of the scope and whether a figure is missing, for every year index.
fn scope_bases(areas: &Areas, scope: &Scope) -> Vec<(u64, bool)> {
    (0..areas.years.len().max(1))
        .map(|yi| areas.population(&scope.pieces, yi))
        .collect()
}

fn base_of(bases: &[(u64, bool)], areas: &Areas, scope: &Scope, yi: usize) -> (u64, bool) {
    bases
        .get(yi)
        .copied()
        .unwrap_or_else(|| areas.population(&scope.pieces, yi))
}

fn share(covered: u64, base: u64) -> f64 {
    if base == 0 {
        0.0
    } else {
        covered as f64 / base as f64
    }
}

impl Coverage {
    /// The figure from its parts; the share is covered / base (0 when the base is 0).
    fn of(
        date: Date,
        (covered, base): (u64, u64),
        population_year: i32,
        live_sites: usize,
        incomplete: bool,
    ) -> Coverage {
        Coverage {
            date,
            covered,
            base,
            share: share(covered, base),
            population_year,
            live_sites,
            incomplete,
        }
    }
}

/// A date as an integer in the same order, for tight comparisons.
fn date_key(d: Date) -> i64 {
    i64::from(d.year()) * 512 + i64::from(d.month()) * 32 + i64::from(d.day())
}

/// The date key of "never" (a site with no `live_to`).
const NEVER: i64 = i64::MAX;

/// When a site is live by [counted, surely, possibly], as half-open intervals of date keys
/// [from, until): the comparisons of `Site::live_at`, `surely_live_at` and `possibly_live_at`.
/// Counted from the first day of `live_from` until the first day of `live_to`; surely from the
/// last day of `live_from`; possibly until the last day of `live_to`. (The tests compare
/// `series` with `series_reference`, which asks `Site`'s methods.)
fn live_intervals(site: &Site) -> [(i64, i64); 3] {
    let from_start = date_key(site.live_from.start);
    let from_end = date_key(site.live_from.end);
    let (to_start, to_end) = site
        .live_to
        .as_ref()
        .map_or((NEVER, NEVER), |t| (date_key(t.start), date_key(t.end)));
    [
        (from_start, to_start),
        (from_end, to_start),
        (from_start, to_end),
    ]
}

fn live_in(interval: (i64, i64), key: i64) -> bool {
    interval.0 <= key && key < interval.1
}

/// Changes of `S` totals at up to four dates (keys), in date order.
#[derive(Clone, Copy)]
struct Changes<const S: usize> {
    at: [(i64, [i32; S]); 4],
    len: usize,
}

impl<const S: usize> Changes<S> {
    fn iter(&self) -> impl Iterator<Item = &(i64, [i32; S])> {
        self.at.iter().take(self.len)
    }

    fn map<const T: usize>(&self, f: impl Fn([i32; S]) -> [i32; T]) -> Changes<T> {
        Changes {
            at: self.at.map(|(key, change)| (key, f(change))),
            len: self.len,
        }
    }
}

/// How liveness by the three `intervals` changes: at each date where something changes, the
/// change (-1, 0 or 1) of [counted, surely, possibly, uncertain], uncertain meaning that the
/// three disagree. Things can change only where an interval starts or ends.
fn changes(intervals: &[(i64, i64); 3]) -> Changes<4> {
    let [counted, surely, possibly] = *intervals;
    let mut points = [counted.0, surely.0, counted.1, possibly.1];
    points.sort_unstable();
    let mut out = Changes {
        at: [(0, [0; 4]); 4],
        len: 0,
    };
    let mut before = [0i32; 4];
    let mut last = None;
    for t in points {
        if t == NEVER || last == Some(t) {
            continue;
        }
        last = Some(t);
        let (c, s, p) = (
            live_in(counted, t),
            live_in(surely, t),
            live_in(possibly, t),
        );
        let now = [c, s, p, c != s || c != p].map(i32::from);
        if now != before {
            let mut change = now;
            for (d, b) in change.iter_mut().zip(before) {
                *d -= b;
            }
            if let Some(slot) = out.at.get_mut(out.len) {
                *slot = (t, change);
                out.len += 1;
            }
            before = now;
        }
    }
    out
}

/// The caller's dates in order: a sweep runs in date order and gives its results back in theirs.
struct Timeline {
    /// (date, its place in the caller's list), in date order.
    sorted: Vec<(Date, usize)>,
    /// `date_key` of each, in the same order.
    keys: Vec<i64>,
    /// The month (`date_key / 32`) of the first date, and for each month from there to the
    /// month of the last date, the first slot in or after it: `slot` without a search.
    first_month: i64,
    month_slots: Vec<usize>,
}

/// Months a `Timeline` indexes directly (1900–2100 is 3,216); past that it searches.
const MAX_INDEXED_MONTHS: i64 = 1 << 16;

impl Timeline {
    fn new(dates: &[Date]) -> Timeline {
        let mut sorted: Vec<(Date, usize)> = dates.iter().copied().zip(0..).collect();
        sorted.sort_unstable();
        let keys: Vec<i64> = sorted.iter().map(|(d, _)| date_key(*d)).collect();
        let month = |key: &i64| key.div_euclid(32);
        let (first_month, last_month) = match (keys.first(), keys.last()) {
            (Some(a), Some(b)) => (month(a), month(b)),
            _ => (0, -1),
        };
        let mut month_slots = Vec::new();
        if last_month - first_month < MAX_INDEXED_MONTHS {
            let mut slot = 0;
            for m in first_month..=last_month {
                while keys.get(slot).is_some_and(|k| month(k) < m) {
                    slot += 1;
                }
                month_slots.push(slot);
            }
        }
        Timeline {
            sorted,
            keys,
            first_month,
            month_slots,
        }
    }

    fn len(&self) -> usize {
        self.sorted.len()
    }

    fn date(&self, slot: usize) -> Option<Date> {
        self.sorted.get(slot).map(|(d, _)| *d)
    }

    /// The first slot (place in date order) whose date is on or after the date of `key`: where
    /// a change on that date first shows. `None` after the last date.
    fn slot(&self, key: i64) -> Option<usize> {
        let slot = match usize::try_from(key.div_euclid(32) - self.first_month) {
            // Before the first date's month.
            Err(_) => 0,
            Ok(m) => match self.month_slots.get(m) {
                // From the first slot of its month, past the dates of the month before it.
                Some(&from) => {
                    let mut slot = from;
                    while self.keys.get(slot).is_some_and(|k| *k < key) {
                        slot += 1;
                    }
                    slot
                }
                None if self.month_slots.is_empty() => self.keys.partition_point(|k| *k < key),
                // After the last date's month.
                None => self.keys.len(),
            },
        };
        (slot < self.keys.len()).then_some(slot)
    }

    /// `by_slot` (one value per slot, in date order) in the caller's order.
    fn restore<T>(&self, by_slot: Vec<T>) -> Vec<T> {
        let mut placed: Vec<(usize, T)> =
            self.sorted.iter().map(|(_, i)| *i).zip(by_slot).collect();
        placed.sort_unstable_by_key(|(i, _)| *i);
        placed.into_iter().map(|(_, v)| v).collect()
    }
}

/// At most this many per-date cells (a count for each piece and lane) are kept at once (16 MB);
/// with more dates × pieces × lanes the dates are taken in chunks, each with its own pass over
/// the sites.
const SWEEP_CELLS: usize = 4 << 20;

/// Sites taken together when fetching their footprints (see `sweep`).
const BATCH: usize = 32;

/// What a sweep knows at a date, for every lane (a rule, or a model type) and piece index.
struct Lanes<'a> {
    /// Live sites covering each piece, lane after lane (`width` each): the sites whose interval
    /// ends at or before the last date, or all of them when counting each site.
    counts: &'a [i32],
    /// Pieces covered by a live site whose interval runs past the last date, lane after lane
    /// (`width / 64` words each).
    covered: &'a [u64],
    width: usize,
}

impl Lanes<'_> {
    /// The pieces `64 × word ..` with a live site in `lane`, as bits.
    fn live_word(&self, lane: usize, word: usize) -> u64 {
        let words = self.width / 64;
        let start = lane * self.width + word * 64;
        let mut bits = self.covered.get(lane * words + word).copied().unwrap_or(0);
        if let Some(counts) = self.counts.get(start..start + 64) {
            for (b, c) in counts.iter().enumerate() {
                bits |= u64::from(*c > 0) << b;
            }
        }
        bits
    }

    /// How many live sites cover piece `i` in `lane` (a site running past the last date counts
    /// once per piece at most, unless every site was counted).
    fn live_sites(&self, lane: usize, i: usize) -> i32 {
        let bit = self
            .covered
            .get(lane * (self.width / 64) + i / 64)
            .map_or(0, |w| (w >> (i % 64)) & 1);
        let count = self.counts.get(lane * self.width + i).copied().unwrap_or(0);
        count + bit as i32
    }
}

/// The people of the pieces `64 × word ..` whose bits are set in `bits`.
fn people_in_word(table: &[u64], word: usize, bits: u64) -> u64 {
    let mut bits = bits;
    let mut people = 0u64;
    while bits != 0 {
        let i = word * 64 + bits.trailing_zeros() as usize;
        bits &= bits - 1;
        people = people.saturating_add(table.get(i).copied().unwrap_or(0));
    }
    people
}

/// Walks `timeline` in date order with one pass over the sites (per chunk of dates). For each
/// site for which `counted` holds, `times` gives when it is live in each of `L` lanes, as
/// intervals of date keys, and the changes of `S` totals; it is told whether the site's
/// footprint meets `scope`. `at` is called for each date in order with the lanes (the live sites
/// over each piece of `scope`) and the totals up to that date.
///
/// A site's interval adds one to each piece of its footprint within `scope` from the first date
/// on or after its start, and takes it off again from the first date on or after its end. A
/// site still live at the last date is never taken off: unless `each_site` asks for counts (a
/// sum per site), it is only ORed into a set of covered pieces, six words instead of a count
/// for every piece.
fn sweep<const L: usize, const S: usize>(
    sites: &[Site],
    scope: &Bitset,
    timeline: &Timeline,
    each_site: bool,
    counted: impl Fn(&Site) -> bool,
    times: impl Fn(&Site, bool) -> ([(i64, i64); L], Changes<S>),
    mut at: impl FnMut(Date, &Lanes<'_>, &[i64; S]),
) {
    let scope_words = scope.words();
    let words = scope_words.len();
    let width = words * 64;
    let slots = timeline.len();
    let chunk = (SWEEP_CELLS / (L * width).max(1)).clamp(1, slots.max(1));
    let mut counts = vec![0i32; L * width];
    let mut covered = vec![0u64; L * words];
    let mut totals = [0i64; S];
    let mut first = 0;
    while first < slots {
        let end = first.saturating_add(chunk).min(slots);
        // What changes at each slot of the chunk (row 0 is slot `first`).
        let row =
            |slot: Option<usize>| slot.filter(|s| (first..end).contains(s)).map(|s| s - first);
        let mut count_changes = vec![0i32; (end - first) * L * width];
        let mut newly_covered = vec![0u64; (end - first) * L * words];
        let mut total_changes = vec![[0i32; S]; end - first];
        for batch in sites.chunks(BATCH) {
            // Whether each counted site of the batch meets the scope, first: the footprints'
            // words are then fetched from memory side by side, not one at a time. No early
            // exit: a branch on each word would wait for it.
            let mut meets = [None; BATCH];
            for (m, site) in meets.iter_mut().zip(batch) {
                if counted(site) {
                    let common = site
                        .footprint
                        .words()
                        .iter()
                        .zip(scope_words)
                        .fold(0, |acc, (a, b)| acc | (a & b));
                    *m = Some(common != 0);
                }
            }
            for (site, in_scope) in batch.iter().zip(meets) {
                let Some(in_scope) = in_scope else {
                    continue;
                };
                let (lanes, changes) = times(site, in_scope);
                for (key, change) in changes.iter() {
                    if let Some(total) =
                        row(timeline.slot(*key)).and_then(|r| total_changes.get_mut(r))
                    {
                        for (t, c) in total.iter_mut().zip(change) {
                            *t += c;
                        }
                    }
                }
                if !in_scope {
                    continue;
                }
                let footprint = site.footprint.words();
                for (lane, &(from, until)) in lanes.iter().enumerate() {
                    if from >= until {
                        continue;
                    }
                    let Some(start) = timeline.slot(from) else {
                        continue;
                    };
                    let stop = if until == NEVER {
                        None
                    } else {
                        timeline.slot(until)
                    };
                    if stop == Some(start) {
                        // Live only between two dates.
                        continue;
                    }
                    if each_site || stop.is_some() {
                        for (slot, change) in [(Some(start), 1), (stop, -1)] {
                            let Some(r) = row(slot) else {
                                continue;
                            };
                            let at = (r * L + lane) * width;
                            let Some(cells) = count_changes.get_mut(at..at + width) else {
                                continue;
                            };
                            for (wi, (a, b)) in footprint.iter().zip(scope_words).enumerate() {
                                let mut w = a & b;
                                while w != 0 {
                                    let i = wi * 64 + w.trailing_zeros() as usize;
                                    w &= w - 1;
                                    if let Some(cell) = cells.get_mut(i) {
                                        *cell += change;
                                    }
                                }
                            }
                        }
                    } else if let Some(r) = row(Some(start)) {
                        let at = (r * L + lane) * words;
                        if let Some(set) = newly_covered.get_mut(at..at + words) {
                            for ((s, a), b) in set.iter_mut().zip(footprint).zip(scope_words) {
                                *s |= a & b;
                            }
                        }
                    }
                }
            }
        }
        for (r, slot) in (first..end).enumerate() {
            if let Some(changes) = count_changes.get(r * L * width..(r + 1) * L * width) {
                for (cell, change) in counts.iter_mut().zip(changes) {
                    *cell += change;
                }
            }
            if let Some(set) = newly_covered.get(r * L * words..(r + 1) * L * words) {
                for (w, new) in covered.iter_mut().zip(set) {
                    *w |= new;
                }
            }
            if let Some(change) = total_changes.get(r) {
                for (total, c) in totals.iter_mut().zip(change) {
                    *total += i64::from(*c);
                }
            }
            if let Some(date) = timeline.date(slot) {
                let lanes = Lanes {
                    counts: &counts,
                    covered: &covered,
                    width,
                };
                at(date, &lanes, &totals);
            }
        }
        first = end;
    }
}

/// People covered in `lane` within the pieces `within`, and whether a population was missing,
/// for year index `yi`: each
/// piece with a live site once (`Once`; within the pieces a union of `areas.len()` bits holds,
/// as in `coverage_with`), or once per live site covering it (`Summed`: the sum of the sites'
/// populations within the scope).
fn tally(
    areas: &Areas,
    overlap: OverlapRule,
    yi: usize,
    lanes: &Lanes<'_>,
    lane: usize,
    within: &[u64],
) -> (u64, bool) {
    let words = within.len();
    let words = match overlap {
        OverlapRule::Once => words.min(areas.len().div_ceil(64)),
        OverlapRule::Summed => words,
    };
    let live = |w: usize| lanes.live_word(lane, w) & within.get(w).copied().unwrap_or(0);
    let (Some(table), Some(missing)) = (areas.population_table.get(yi), areas.missing.get(yi))
    else {
        return (0, (0..words).any(|w| live(w) != 0));
    };
    let mut covered = 0u64;
    let mut incomplete = false;
    for w in 0..words {
        let bits = live(w);
        incomplete |= missing.words().get(w).is_some_and(|m| m & bits != 0);
        covered = covered.saturating_add(match overlap {
            OverlapRule::Once => people_in_word(table, w, bits),
            OverlapRule::Summed => {
                let mut bits = bits;
                let mut people = 0u64;
                while bits != 0 {
                    let i = w * 64 + bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    let sites = u64::from(lanes.live_sites(lane, i).unsigned_abs());
                    let each = table.get(i).copied().unwrap_or(0);
                    people = people.saturating_add(each.saturating_mul(sites));
                }
                people
            }
        });
    }
    (covered, incomplete)
}

/// Coverage by model type at a date: each type's own union, and what the union removes.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelBreakdown {
    /// (type, people covered by that type's live sites, counted once within the type)
    pub per_model: Vec<(ModelType, u64)>,
    /// People covered by any counted type, once.
    pub union: u64,
    /// People covered by two or more types.
    pub covered_by_several: u64,
    /// Sum of `per_model` (what adding up types would claim).
    pub summed: u64,
    pub base: u64,
}

/// The breakdown by model type at `date`, in one pass over the sites.
pub fn by_model(data: &DataSet, def: &Definition, scope: &Scope, date: Date) -> ModelBreakdown {
    let areas = &data.areas;
    let (yi, _) = population_year(areas, def.base, date);
    let (base, _) = areas.population(&scope.pieces, yi);
    // Each type's union, by `ModelType::index`.
    let mut unions: [Bitset; ModelType::ALL.len()] =
        std::array::from_fn(|_| Bitset::new(areas.len()));
    for site in data
        .sites
        .iter()
        .filter(|s| def.counts(s) && s.live_at(date))
    {
        if let Some(union) = unions.get_mut(site.model.index()) {
            union.union_with(&site.footprint);
        }
    }
    let mut count = vec![0u8; areas.len()];
    let mut per_model = Vec::new();
    let mut all = Bitset::new(areas.len());
    for model in ModelType::ALL.into_iter().filter(|m| def.counts_model(*m)) {
        let Some(union) = unions.get_mut(model.index()) else {
            continue;
        };
        union.intersect_with(&scope.pieces);
        for i in union.ones() {
            if let Some(c) = count.get_mut(i) {
                *c = c.saturating_add(1);
            }
        }
        all.union_with(union);
        per_model.push((model, areas.population(union, yi).0));
    }
    let mut several = Bitset::new(areas.len());
    for (i, c) in count.iter().enumerate() {
        if *c >= 2 {
            several.insert(i);
        }
    }
    let summed = per_model.iter().map(|(_, p)| p).sum();
    ModelBreakdown {
        per_model,
        union: areas.population(&all, yi).0,
        covered_by_several: areas.population(&several, yi).0,
        summed,
        base,
    }
}

/// `by_model` at each of `dates` (in any order), in one sweep through time as `series` does.
pub fn model_series(
    data: &DataSet,
    def: &Definition,
    scope: &Scope,
    dates: &[Date],
) -> Vec<ModelBreakdown> {
    const TYPES: usize = ModelType::ALL.len();
    let areas = &data.areas;
    let timeline = Timeline::new(dates);
    let models: Vec<ModelType> = ModelType::ALL
        .into_iter()
        .filter(|m| def.counts_model(*m))
        .collect();
    let bases = scope_bases(areas, scope);
    let mut by_slot = Vec::with_capacity(dates.len());
    sweep::<TYPES, 0>(
        &data.sites,
        &scope.pieces,
        &timeline,
        false,
        |site| def.counts(site),
        |site, _| {
            // One lane a type: the site is live in its type's lane by the counting rule.
            let mut lanes = [(0, 0); TYPES];
            if let Some(lane) = lanes.get_mut(site.model.index()) {
                *lane = live_intervals(site)[0];
            }
            let none = Changes {
                at: [(0, []); 4],
                len: 0,
            };
            (lanes, none)
        },
        |date, lanes, _| {
            let (yi, _) = population_year(areas, def.base, date);
            let (base, _) = base_of(&bases, areas, scope, yi);
            let table: &[u64] = areas.population_table.get(yi).map_or(&[], |t| t.as_slice());
            // Pieces past `areas.len()` have no population: `by_model` adds nothing for them.
            let words = (lanes.width / 64).min(areas.len().div_ceil(64));
            let mut per_model: Vec<(ModelType, u64)> = models.iter().map(|m| (*m, 0)).collect();
            let (mut union, mut covered_by_several) = (0u64, 0u64);
            for w in 0..words {
                let (mut any, mut several) = (0u64, 0u64);
                for (model, people) in per_model.iter_mut() {
                    let bits = lanes.live_word(model.index(), w);
                    several |= any & bits;
                    any |= bits;
                    *people = people.saturating_add(people_in_word(table, w, bits));
                }
                union = union.saturating_add(people_in_word(table, w, any));
                covered_by_several =
                    covered_by_several.saturating_add(people_in_word(table, w, several));
            }
            let summed = per_model.iter().map(|(_, p)| p).sum();
            by_slot.push(ModelBreakdown {
                per_model,
                union,
                covered_by_several,
                summed,
                base,
            });
        },
    );
    timeline.restore(by_slot)
}

/// Coverage of every NHS region at a date, in the order of `Areas::regions`.
pub fn by_region(data: &DataSet, def: &Definition, date: Date) -> Vec<(Scope, Coverage)> {
    let scopes: Vec<Scope> = data
        .areas
        .regions
        .iter()
        .map(|code| Scope::new(&data.areas, code))
        .collect();
    let coverages = coverage_of_areas(data, def, &scopes, date);
    scopes.into_iter().zip(coverages).collect()
}

/// `coverage_at` of each of `scopes` at `date`, with one pass over the sites instead of one per
/// scope: the live sites covering each piece are counted once, then each scope adds up its own
/// pieces. The same figures as `coverage_at` (the tests compare them).
pub fn coverage_of_areas(
    data: &DataSet,
    def: &Definition,
    scopes: &[Scope],
    date: Date,
) -> Vec<Coverage> {
    let areas = &data.areas;
    let (yi, population_year) = population_year(areas, def.base, date);
    let width = scopes
        .iter()
        .map(|s| s.pieces.words().len() * 64)
        .max()
        .unwrap_or(0);
    // For each piece, the scopes that hold it, as bits (`per_piece` words a piece).
    let per_piece = scopes.len().div_ceil(64);
    let mut scopes_of_piece = vec![0u64; width * per_piece];
    for (k, scope) in scopes.iter().enumerate() {
        for i in scope.pieces.ones() {
            if let Some(w) = scopes_of_piece.get_mut(i * per_piece + k / 64) {
                *w |= 1 << (k % 64);
            }
        }
    }
    let mut sites_over = vec![0i32; width];
    let mut live_sites = vec![0usize; scopes.len()];
    let mut touched = vec![0u64; per_piece];
    for site in data
        .sites
        .iter()
        .filter(|s| def.counts(s) && s.live_at(date))
    {
        touched.fill(0);
        for i in site.footprint.ones() {
            if let Some(c) = sites_over.get_mut(i) {
                *c += 1;
            }
            if let Some(of) = scopes_of_piece.get(i * per_piece..(i + 1) * per_piece) {
                for (t, o) in touched.iter_mut().zip(of) {
                    *t |= o;
                }
            }
        }
        for (w, bits) in touched.iter().enumerate() {
            let mut bits = *bits;
            while bits != 0 {
                let k = w * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                if let Some(n) = live_sites.get_mut(k) {
                    *n += 1;
                }
            }
        }
    }
    let lanes = Lanes {
        counts: &sites_over,
        covered: &[],
        width,
    };
    scopes
        .iter()
        .zip(live_sites)
        .map(|(scope, live_sites)| {
            let (base, base_missing) = areas.population(&scope.pieces, yi);
            let (covered, missing) = tally(areas, def.overlap, yi, &lanes, 0, scope.pieces.words());
            Coverage::of(
                date,
                (covered, base),
                population_year,
                live_sites,
                base_missing || missing,
            )
        })
        .collect()
}

/// The definitions the sensitivity table and the narrative compare with `current`, first the
/// chosen one itself: ACS/ICS only, place-based vanguards only, wave-1 vanguards only, and the
/// chosen one with the partial-footprint rule, the overlap rule or the population base switched.
pub fn alternatives(current: &Definition) -> Vec<(String, Definition)> {
    let opposite_partial = match current.partial {
        PartialRule::CountWholeFootprint => PartialRule::Exclude,
        PartialRule::Exclude => PartialRule::CountWholeFootprint,
    };
    let opposite_overlap = match current.overlap {
        OverlapRule::Once => OverlapRule::Summed,
        OverlapRule::Summed => OverlapRule::Once,
    };
    vec![
        ("The chosen definition".into(), current.clone()),
        (
            "ACS/ICS only".into(),
            Definition {
                models: vec![ModelType::Ics],
                ..current.clone()
            },
        ),
        (
            "Vanguards only (PACS, MCP, EHCH, UEC)".into(),
            Definition {
                models: ModelType::PLACE_BASED_VANGUARDS.to_vec(),
                ..current.clone()
            },
        ),
        (
            "Wave 1 vanguards only (PACS, MCP, EHCH)".into(),
            Definition {
                models: vec![ModelType::Pacs, ModelType::Mcp, ModelType::Ehch],
                ..current.clone()
            },
        ),
        (
            match opposite_partial {
                PartialRule::Exclude => "Chosen, but partial vanguards left out".into(),
                PartialRule::CountWholeFootprint => {
                    "Chosen, but partial vanguards counted whole".into()
                }
            },
            Definition {
                partial: opposite_partial,
                ..current.clone()
            },
        ),
        (
            match opposite_overlap {
                OverlapRule::Summed => {
                    "Chosen, but overlaps summed (people counted once per site)".into()
                }
                OverlapRule::Once => "Chosen, but each person once".into(),
            },
            Definition {
                overlap: opposite_overlap,
                ..current.clone()
            },
        ),
        (
            "Chosen, on the fixed mid-2015 population".into(),
            Definition {
                base: PopulationBase::Fixed(2015),
                ..current.clone()
            },
        ),
    ]
}
