//! The sites table's pure core: one `SiteRow` per site (population of its footprint for the as-at
//! year, published figure, dates, fit, whether and why it counts), the filters the table follows
//! (search, scope, counted model types, live only) and sorting by column.
//!
//! A row is two parts: `RowFacts`, what no filter changes (names, dates, codes, the search text),
//! built once per data set, and `RowState`, what follows the definition, area and as-at date
//! (live or not, population, whether it counts), a few numbers per site. A filter change with
//! thousands of sites then recomputes only the states and the order (`row_states`,
//! `select_states`); `SiteRow` (both parts, owned) is made only for the rows drawn or exported.

use crate::bitset::Bitset;
use crate::coverage::{Definition, PartialRule, PopulationBase, Scope};
use crate::date::Date;
use crate::model::{Code, DataSet, FootprintFit, ModelType, Site, Status};
use crate::summary::thousands;
use std::cmp::Ordering;

/// Whether a site counts under a definition, and if not, why (mirrors `Definition::counts`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Counting {
    Counts,
    /// Partial footprint, and the definition leaves partial vanguards out.
    PartialLeftOut,
    /// The footprint does not fit the population served (`footprint_fit = none`).
    NoFit,
    /// The model type is not among the types the definition counts.
    ModelNotSelected,
    /// A network with no defined population (ACC, `counts_population = no`): never counts.
    Network,
}

impl Counting {
    pub fn of(def: &Definition, site: &Site) -> Counting {
        if !site.counts_population {
            Counting::Network
        } else if !def.counts_model(site.model) {
            Counting::ModelNotSelected
        } else if site.fit == FootprintFit::None {
            Counting::NoFit
        } else if def.partial == PartialRule::Exclude && site.fit == FootprintFit::Partial {
            Counting::PartialLeftOut
        } else {
            Counting::Counts
        }
    }

    pub fn counts(self) -> bool {
        self == Counting::Counts
    }

    /// A short answer for the table cell: "counts" or "not counted".
    pub fn short(self) -> &'static str {
        match self {
            Counting::Counts => "counts",
            _ => "not counted",
        }
    }

    /// Why, in words, for a site of model type `model`.
    pub fn reason(self, model: ModelType) -> String {
        match self {
            Counting::Counts => "counts under the chosen definition".into(),
            Counting::PartialLeftOut => {
                "served only part of its footprint, and the definition leaves such vanguards out"
                    .into()
            }
            Counting::NoFit => "its footprint does not match the population it served".into(),
            Counting::ModelNotSelected => format!(
                "{} is not a model type counted in the chosen definition",
                model.code()
            ),
            Counting::Network => "a network with no defined population: never counts".into(),
        }
    }
}

/// Where a site stands at the as-at date, by the counting rule (a date known only to a month,
/// year or span counts from its first day).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LiveState {
    NotYet,
    Live,
    /// Live by the counting rule, but the start date is imprecise and may lie after the as-at date.
    LiveUncertain,
    Ended,
}

impl LiveState {
    pub fn of(site: &Site, as_at: Date) -> LiveState {
        if site.live_at(as_at) {
            if site.surely_live_at(as_at) {
                LiveState::Live
            } else {
                LiveState::LiveUncertain
            }
        } else if as_at < site.live_from.start {
            LiveState::NotYet
        } else {
            LiveState::Ended
        }
    }

    pub fn is_live(self) -> bool {
        matches!(self, LiveState::Live | LiveState::LiveUncertain)
    }

    /// "live at 31 Mar 2021", "not yet live at …", "ended by …", "live at … (by the counting rule)".
    pub fn describe(self, as_at: Date) -> String {
        let d = as_at.long();
        match self {
            LiveState::Live => format!("live at {d}"),
            LiveState::LiveUncertain => {
                format!("live at {d} by the counting rule (date known only approximately)")
            }
            LiveState::NotYet => format!("not yet live at {d}"),
            LiveState::Ended => format!("ended by {d}"),
        }
    }

    /// A few words for a table cell (the as-at date is in the caption): "live", "ended", ...
    pub fn short(self) -> &'static str {
        match self {
            LiveState::Live => "live",
            LiveState::LiveUncertain => "live (date approximate)",
            LiveState::NotYet => "not yet live",
            LiveState::Ended => "ended",
        }
    }

    /// A one-word class name for styling.
    pub fn class(self) -> &'static str {
        match self {
            LiveState::Live => "live",
            LiveState::LiveUncertain => "live-uncertain",
            LiveState::NotYet => "not-yet",
            LiveState::Ended => "ended",
        }
    }
}

/// The population of a site's footprint, computed from the ONS populations of its pieces.
#[derive(Clone, Debug, PartialEq)]
pub struct FootprintPopulation {
    pub people: u64,
    /// The mid-year used.
    pub year: i32,
    /// Some piece had no figure for that year: `people` is a floor.
    pub incomplete: bool,
    /// Always `Derived`: summed from piece populations.
    pub status: Status,
    /// People of the footprint inside the scope, when the scope is not England and the footprint
    /// reaches beyond it.
    pub in_scope: Option<u64>,
}

impl FootprintPopulation {
    /// "321,700", or "at least 321,700" when a piece's figure is missing.
    pub fn text(&self) -> String {
        if self.incomplete {
            format!("at least {}", thousands(self.people))
        } else {
            thousands(self.people)
        }
    }
}

/// One line of the sites table: everything shown, already in words where words are needed. The
/// facts no filter changes are read through `Deref` (`row.name`, `row.regions`, …); the state
/// fields follow the filters.
#[derive(Clone, Debug, PartialEq)]
pub struct SiteRow {
    facts: RowFacts,
    pub live: LiveState,
    /// `None` when the site has no footprint ("no defined population").
    pub population: Option<FootprintPopulation>,
    pub counting: Counting,
    /// The footprint touches the scope (always true for England).
    pub in_scope: bool,
}

impl std::ops::Deref for SiteRow {
    type Target = RowFacts;

    fn deref(&self) -> &RowFacts {
        &self.facts
    }
}

impl SiteRow {
    /// The parts filtering and sorting read.
    fn keys(&self) -> Keys<'_> {
        self.facts.keys(
            self.live,
            self.population.as_ref().map(|p| p.people),
            self.counting,
            self.in_scope,
        )
    }

    /// The summary shown on hover or focus: value, status, source.
    pub fn summary(&self) -> String {
        let population = match &self.population {
            Some(p) => format!(
                "{} people in its footprint (mid-{} ONS, status {})",
                p.text(),
                p.year,
                p.status
            ),
            None => "no defined population".into(),
        };
        let published = match (self.published_text(), self.published_status) {
            (Some(t), Some(s)) => format!("; published {t} ({s})"),
            (Some(t), None) => format!("; published {t}"),
            (None, _) => String::new(),
        };
        let source = if self.source_url.trim().is_empty() {
            "no source given".to_string()
        } else {
            format!("source {}", self.source_label())
        };
        format!(
            "{}: {population}{published}. {}. Row status {}; {source}.",
            self.name,
            self.counting.reason(self.model),
            self.status
        )
    }
}

/// The host of an http(s) URL without "www.", else the text as given.
pub fn source_label(url: &str) -> String {
    let u = url.trim();
    let rest = u
        .strip_prefix("https://")
        .or_else(|| u.strip_prefix("http://"));
    match rest {
        Some(r) => {
            let host = r.split(['/', '?', '#']).next().unwrap_or(r);
            host.strip_prefix("www.").unwrap_or(host).to_string()
        }
        None => u.to_string(),
    }
}

/// The population year the definition uses at `as_at` (nearest year held), as (index, year).
pub fn population_year(data: &DataSet, def: &Definition, as_at: Date) -> Option<(usize, i32)> {
    let wanted = match def.base {
        PopulationBase::YearOfDate => as_at.year(),
        PopulationBase::Fixed(y) => y,
    };
    let yi = data.areas.year_index(wanted)?;
    let year = data.areas.years.get(yi).copied()?;
    Some((yi, year))
}

/// What a site's row shows that no filter changes: built once per data set (`row_facts`).
#[derive(Clone, Debug, PartialEq)]
pub struct RowFacts {
    /// Index into `DataSet::sites`.
    pub index: usize,
    pub id: String,
    pub name: String,
    pub model: ModelType,
    pub wave: String,
    /// Names of the NHS regions the footprint touches.
    pub regions: Vec<String>,
    /// "3 Dec 2020", "Jul 2015", "Apr 2020 – May 2020".
    pub live_from: String,
    pub live_from_start: Date,
    pub live_from_end: Date,
    /// How the date is known, in the data's words.
    pub date_note: String,
    pub live_to: Option<String>,
    pub published_population: Option<u64>,
    pub published_status: Option<Status>,
    pub published_note: String,
    pub fit: FootprintFit,
    /// Status of the site's row in the data.
    pub status: Status,
    pub source_url: String,
    pub note: String,
    pub footprint_codes: Vec<Code>,
    /// Lower-case text the search looks in: name, id, model, regions, footprint codes.
    haystack: String,
    /// The name in lower case (sorting by name, and ties).
    name_key: String,
    /// The regions in lower case, `None` when there are none (sorting by region).
    region_key: Option<String>,
}

impl RowFacts {
    fn of(data: &DataSet, index: usize, site: &Site) -> RowFacts {
        let regions: Vec<String> = site
            .regions
            .iter()
            .map(|c| data.areas.region_name(c))
            .collect();
        let mut haystack = format!(
            "{}\n{}\n{}\n{}",
            site.name,
            site.id,
            site.model.code(),
            site.model.name()
        );
        for r in &regions {
            haystack.push('\n');
            haystack.push_str(r);
        }
        for c in &site.footprint_codes {
            haystack.push('\n');
            haystack.push_str(c);
        }
        let region_key = (!regions.is_empty()).then(|| regions.join("; ").to_lowercase());
        RowFacts {
            index,
            id: site.id.clone(),
            name: site.name.clone(),
            model: site.model,
            wave: site.wave.clone(),
            regions,
            live_from: site.live_from.describe(),
            live_from_start: site.live_from.start,
            live_from_end: site.live_from.end,
            date_note: site.date_note.clone(),
            live_to: site.live_to.as_ref().map(|t| t.describe()),
            published_population: site.published_population,
            published_status: site.published_status,
            published_note: site.published_note.clone(),
            fit: site.fit,
            status: site.status,
            source_url: site.source_url.clone(),
            note: site.note.clone(),
            footprint_codes: site.footprint_codes.clone(),
            haystack: haystack.to_lowercase(),
            name_key: site.name.to_lowercase(),
            region_key,
        }
    }

    /// The regions as one string: "London; South East", or "—" when there are none.
    pub fn region_text(&self) -> String {
        if self.regions.is_empty() {
            "—".into()
        } else {
            self.regions.join("; ")
        }
    }

    /// The published figure in words: "320,000", or the note when the data gives only words.
    pub fn published_text(&self) -> Option<String> {
        match self.published_population {
            Some(n) => Some(thousands(n)),
            None => {
                let note = self.published_note.trim();
                let nothing = note.is_empty()
                    || note.eq_ignore_ascii_case("not published / not found")
                    || note.eq_ignore_ascii_case("not published");
                (!nothing).then(|| note.to_string())
            }
        }
    }

    /// "england.nhs.uk" for a link's text; the URL as given when it is not a web address.
    pub fn source_label(&self) -> String {
        source_label(&self.source_url)
    }

    /// Whether every word of `query` appears in the row (case-insensitive). An empty query matches.
    pub fn matches(&self, query: &str) -> bool {
        Words::of(query).all_in(&self.haystack)
    }

    /// The whole row: these facts with `state`.
    pub fn with_state(&self, state: &RowState) -> SiteRow {
        SiteRow {
            facts: self.clone(),
            live: state.live,
            population: state.population.clone(),
            counting: state.counting,
            in_scope: state.in_scope,
        }
    }

    /// The parts filtering and sorting read, with the row's state.
    fn keys(
        &self,
        live: LiveState,
        population: Option<u64>,
        counting: Counting,
        in_scope: bool,
    ) -> Keys<'_> {
        Keys {
            name: &self.name_key,
            id: &self.id,
            model: self.model,
            region: self.region_key.as_deref(),
            live_from: (self.live_from_start, self.live_from_end),
            population,
            published: self.published_population,
            fit: self.fit,
            counting,
            live,
            in_scope,
            haystack: &self.haystack,
        }
    }
}

/// What a site's row shows that follows the filters: live or not at the as-at date, footprint
/// population for the definition's year (and inside the area), whether it counts.
#[derive(Clone, Debug, PartialEq)]
pub struct RowState {
    pub live: LiveState,
    /// `None` when the site has no footprint ("no defined population").
    pub population: Option<FootprintPopulation>,
    pub counting: Counting,
    /// The footprint touches the scope (always true for England).
    pub in_scope: bool,
}

impl RowState {
    fn of(
        data: &DataSet,
        def: &Definition,
        scope: &Scope,
        as_at: Date,
        year: Option<(usize, i32)>,
        site: &Site,
    ) -> RowState {
        let areas = &data.areas;
        let in_scope = scope.is_england() || site.footprint.intersects(&scope.pieces);
        let population = match (site.footprint.is_empty(), year) {
            (false, Some((yi, y))) => {
                let (people, incomplete) = areas.population(&site.footprint, yi);
                let in_scope_people = if scope.is_england() {
                    None
                } else {
                    let inside: Bitset = site.footprint.intersection(&scope.pieces);
                    (inside != site.footprint).then(|| areas.population(&inside, yi).0)
                };
                Some(FootprintPopulation {
                    people,
                    year: y,
                    incomplete,
                    status: Status::Derived,
                    in_scope: in_scope_people,
                })
            }
            _ => None,
        };
        RowState {
            live: LiveState::of(site, as_at),
            population,
            counting: Counting::of(def, site),
            in_scope,
        }
    }
}

/// The facts of every site of `data`, in the data's order (once per data set).
pub fn row_facts(data: &DataSet) -> Vec<RowFacts> {
    data.sites
        .iter()
        .enumerate()
        .map(|(i, s)| RowFacts::of(data, i, s))
        .collect()
}

/// The state of every site of `data`, in the data's order, for the definition, scope and date.
pub fn row_states(data: &DataSet, def: &Definition, scope: &Scope, as_at: Date) -> Vec<RowState> {
    let year = population_year(data, def, as_at);
    data.sites
        .iter()
        .map(|s| RowState::of(data, def, scope, as_at, year, s))
        .collect()
}

/// One row per site of `data`, in the data's order, for the definition, scope and as-at date.
pub fn build_rows(data: &DataSet, def: &Definition, scope: &Scope, as_at: Date) -> Vec<SiteRow> {
    row_facts(data)
        .iter()
        .zip(row_states(data, def, scope, as_at).iter())
        .map(|(f, s)| f.with_state(s))
        .collect()
}

/// What the table lists.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RowFilter {
    /// Words that must all appear in the name, id, model type, region names or footprint codes.
    pub query: String,
    /// Also list networks and sites of model types the definition does not count.
    pub include_non_counting: bool,
    /// Only sites live at the as-at date.
    pub live_only: bool,
}

impl RowFilter {
    pub fn keeps(&self, row: &SiteRow) -> bool {
        self.keeps_keys(&row.keys(), &Words::of(&self.query))
    }

    fn keeps_keys(&self, k: &Keys<'_>, words: &Words) -> bool {
        let listed_type = !matches!(k.counting, Counting::Network | Counting::ModelNotSelected);
        k.in_scope
            && (self.include_non_counting || listed_type)
            && (!self.live_only || k.live.is_live())
            && words.all_in(k.haystack)
    }
}

/// The words of a search, in lower case, split once for a whole list.
struct Words(Vec<String>);

impl Words {
    fn of(query: &str) -> Words {
        Words(
            query
                .to_lowercase()
                .split_whitespace()
                .map(String::from)
                .collect(),
        )
    }

    fn all_in(&self, haystack: &str) -> bool {
        self.0.iter().all(|w| haystack.contains(w.as_str()))
    }
}

/// What filtering and sorting read of a row, borrowed (from a `SiteRow`, or facts and a state).
struct Keys<'a> {
    /// The name in lower case.
    name: &'a str,
    id: &'a str,
    model: ModelType,
    /// The regions in lower case.
    region: Option<&'a str>,
    live_from: (Date, Date),
    population: Option<u64>,
    published: Option<u64>,
    fit: FootprintFit,
    counting: Counting,
    live: LiveState,
    in_scope: bool,
    haystack: &'a str,
}

/// The columns the table sorts by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SortKey {
    Name,
    Model,
    Region,
    LiveFrom,
    Population,
    Published,
    Fit,
    Counts,
}

impl SortKey {
    pub const ALL: [SortKey; 8] = [
        SortKey::Name,
        SortKey::Model,
        SortKey::Region,
        SortKey::LiveFrom,
        SortKey::Population,
        SortKey::Published,
        SortKey::Fit,
        SortKey::Counts,
    ];

    /// The direction of a first click: largest first for figures, A–Z / earliest first otherwise.
    pub fn first_direction(self) -> Direction {
        match self {
            SortKey::Population | SortKey::Published => Direction::Descending,
            _ => Direction::Ascending,
        }
    }

    /// A stable name for ids and test hooks: "name", "live-from", ...
    pub fn slug(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::Model => "model",
            SortKey::Region => "region",
            SortKey::LiveFrom => "live-from",
            SortKey::Population => "population",
            SortKey::Published => "published",
            SortKey::Fit => "fit",
            SortKey::Counts => "counts",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    Ascending,
    Descending,
}

impl Direction {
    pub fn reversed(self) -> Direction {
        match self {
            Direction::Ascending => Direction::Descending,
            Direction::Descending => Direction::Ascending,
        }
    }

    /// The `aria-sort` value.
    pub fn aria(self) -> &'static str {
        match self {
            Direction::Ascending => "ascending",
            Direction::Descending => "descending",
        }
    }
}

/// A column and a direction. The default: live-from date, then name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Sort {
    pub key: SortKey,
    pub direction: Direction,
}

impl Default for Sort {
    fn default() -> Self {
        Sort {
            key: SortKey::LiveFrom,
            direction: Direction::Ascending,
        }
    }
}

impl Sort {
    /// The sort after a click on `key`'s header: the same column reverses, another starts afresh.
    pub fn clicked(self, key: SortKey) -> Sort {
        if key == self.key {
            Sort {
                key,
                direction: self.direction.reversed(),
            }
        } else {
            Sort {
                key,
                direction: key.first_direction(),
            }
        }
    }

    /// `aria-sort` for the header of `key`.
    pub fn aria_for(self, key: SortKey) -> &'static str {
        if key == self.key {
            self.direction.aria()
        } else {
            "none"
        }
    }
}

fn fit_rank(fit: FootprintFit) -> u8 {
    match fit {
        FootprintFit::Whole => 0,
        FootprintFit::NearlyWhole => 1,
        FootprintFit::Partial => 2,
        FootprintFit::None => 3,
    }
}

/// Missing values last whatever the direction.
fn cmp_option<T: Ord>(a: Option<T>, b: Option<T>, dir: Direction) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => directed(x.cmp(&y), dir),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

fn directed(o: Ordering, dir: Direction) -> Ordering {
    match dir {
        Direction::Ascending => o,
        Direction::Descending => o.reverse(),
    }
}

fn primary(a: &Keys<'_>, b: &Keys<'_>, sort: Sort) -> Ordering {
    let dir = sort.direction;
    match sort.key {
        SortKey::Name => directed(a.name.cmp(b.name), dir),
        SortKey::Model => directed(a.model.cmp(&b.model), dir),
        SortKey::Region => cmp_option(a.region, b.region, dir),
        SortKey::LiveFrom => directed(a.live_from.cmp(&b.live_from), dir),
        SortKey::Population => cmp_option(a.population, b.population, dir),
        SortKey::Published => cmp_option(a.published, b.published, dir),
        SortKey::Fit => directed(fit_rank(a.fit).cmp(&fit_rank(b.fit)), dir),
        SortKey::Counts => directed(a.counting.cmp(&b.counting), dir),
    }
}

/// `sort`'s order; ties by name, then id, always A–Z.
fn compare(a: &Keys<'_>, b: &Keys<'_>, sort: Sort) -> Ordering {
    primary(a, b, sort)
        .then_with(|| a.name.cmp(b.name))
        .then_with(|| a.id.cmp(b.id))
}

/// The rows `filter` keeps, as (index, keys), in `sort`'s order, as indices.
fn select_keys<'a>(
    rows: impl Iterator<Item = (usize, Keys<'a>)>,
    filter: &RowFilter,
    sort: Sort,
) -> Vec<usize> {
    let words = Words::of(&filter.query);
    let mut kept: Vec<(usize, Keys<'a>)> =
        rows.filter(|(_, k)| filter.keeps_keys(k, &words)).collect();
    kept.sort_by(|(_, a), (_, b)| compare(a, b, sort));
    kept.into_iter().map(|(i, _)| i).collect()
}

/// Orders `indices` (into `rows`) by `sort`; ties by name, then id, always A–Z.
pub fn sort_indices(rows: &[SiteRow], indices: &mut [usize], sort: Sort) {
    indices.sort_by(|&i, &j| match (rows.get(i), rows.get(j)) {
        (Some(a), Some(b)) => compare(&a.keys(), &b.keys(), sort),
        _ => i.cmp(&j),
    });
}

/// The rows the table lists, as indices into `rows`, filtered and sorted.
pub fn select(rows: &[SiteRow], filter: &RowFilter, sort: Sort) -> Vec<usize> {
    select_keys(rows.iter().map(SiteRow::keys).enumerate(), filter, sort)
}

/// As `select`, over each site's facts and state (the same index into both): the rows the
/// table lists, filtered and sorted, without making a `SiteRow` for any of them.
pub fn select_states(
    facts: &[RowFacts],
    states: &[RowState],
    filter: &RowFilter,
    sort: Sort,
) -> Vec<usize> {
    let keys = facts.iter().zip(states).map(|(f, s)| {
        f.keys(
            s.live,
            s.population.as_ref().map(|p| p.people),
            s.counting,
            s.in_scope,
        )
    });
    select_keys(keys.enumerate(), filter, sort)
}

/// "Showing 83 of 96 sites" (`matching` listed, `total` in the data).
pub fn count_text(matching: usize, total: usize) -> String {
    let noun = if total == 1 { "site" } else { "sites" };
    format!(
        "Showing {} of {} {noun}",
        thousands(matching as u64),
        thousands(total as u64)
    )
}
/// The part of a long list to draw in a scroll box: positions `first..end` of the list, with
/// `before` and `after` pixels of empty space standing for the rows not drawn, so the scrollbar
/// has the whole list's height. `in_view` is the first row at least partly in view.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RowWindow {
    pub first: usize,
    pub end: usize,
    pub in_view: usize,
    pub before: f64,
    pub after: f64,
}

impl RowWindow {
    pub fn contains(&self, pos: usize) -> bool {
        (self.first..self.end).contains(&pos)
    }
}

/// Row heights in CSS pixels: those measured, by site index, and one height for all the rows not
/// measured yet. That height is a first guess until rows are first measured, then their mean, and
/// stays so (until `clear`): were it to follow every measurement, the space standing for
/// thousands of rows above the view would change with each, and the rows in view would move.
#[derive(Clone, Debug, PartialEq)]
pub struct RowHeights {
    measured: Vec<f32>,
    sum: f64,
    count: usize,
    guess: f64,
    settled: bool,
}

impl RowHeights {
    /// Heights for `sites` rows, none measured yet, `guess` pixels each until some are.
    pub fn new(sites: usize, guess: f64) -> RowHeights {
        RowHeights {
            measured: vec![0.0; sites],
            sum: 0.0,
            count: 0,
            guess: guess.max(1.0),
            settled: false,
        }
    }

    /// Records the height of site `index`'s row (ignored when out of range or not positive).
    pub fn set(&mut self, index: usize, px: f64) {
        let Some(slot) = self.measured.get_mut(index) else {
            return;
        };
        if !(px.is_finite() && px > 0.0) {
            return;
        }
        if *slot > 0.0 {
            self.sum -= f64::from(*slot);
        } else {
            self.count += 1;
        }
        *slot = px as f32;
        self.sum += f64::from(*slot);
    }

    /// After the first rows are measured, their mean becomes the height of rows not measured.
    pub fn settle(&mut self) {
        if !self.settled && self.count > 0 {
            self.guess = (self.sum / self.count as f64).max(1.0);
            self.settled = true;
        }
    }

    /// Forgets every measurement (the column widths changed); the height of rows not measured
    /// stays until `settle` after the next measurements.
    pub fn clear(&mut self) {
        self.measured.iter_mut().for_each(|h| *h = 0.0);
        self.sum = 0.0;
        self.count = 0;
        self.settled = false;
    }

    /// The height of a row not measured yet.
    pub fn typical(&self) -> f64 {
        self.guess
    }

    /// Site `index`'s row height: measured, or typical.
    pub fn of(&self, index: usize) -> f64 {
        match self.measured.get(index) {
            Some(&h) if h > 0.0 => f64::from(h),
            _ => self.typical(),
        }
    }

    /// Whether site `index`'s row has been measured.
    pub fn is_measured(&self, index: usize) -> bool {
        self.measured.get(index).is_some_and(|&h| h > 0.0)
    }

    /// Pixels from the top of the list to the row at `pos` of `listed` (site indices in order).
    pub fn offset(&self, listed: &[usize], pos: usize) -> f64 {
        listed.iter().take(pos).map(|&i| self.of(i)).sum()
    }

    /// The whole list's height.
    pub fn total(&self, listed: &[usize]) -> f64 {
        self.offset(listed, listed.len())
    }

    /// The rows of `listed` to draw when the box shows `height` pixels from `top`, with
    /// `overscan` pixels more above and below (at most `max_rows` rows). A `top` past the end
    /// (the list just got shorter) counts as the end.
    pub fn window(
        &self,
        listed: &[usize],
        top: f64,
        height: f64,
        overscan: f64,
        max_rows: usize,
    ) -> RowWindow {
        let n = listed.len();
        let total = self.total(listed);
        let height = height.max(0.0);
        let top = top.min(total - height).max(0.0);
        let (start, stop) = (top - overscan, top + height + overscan);
        let mut before = 0.0;
        let mut first = 0;
        while let Some(&i) = listed.get(first) {
            let h = self.of(i);
            if before + h > start {
                break;
            }
            before += h;
            first += 1;
        }
        let (mut end, mut at, mut in_view) = (first, before, None);
        while let Some(&i) = listed.get(end) {
            if at >= stop || end - first >= max_rows.max(1) {
                break;
            }
            let h = self.of(i);
            if in_view.is_none() && at + h > top {
                in_view = Some(end);
            }
            at += h;
            end += 1;
        }
        RowWindow {
            first: first.min(n),
            end,
            in_view: in_view.unwrap_or(first).min(n.saturating_sub(1)),
            before,
            after: (total - at).max(0.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_labels_are_hosts() {
        assert_eq!(
            source_label("https://www.england.nhs.uk/ourwork/x/"),
            "england.nhs.uk"
        );
        assert_eq!(
            source_label("http://pharmatimes.com?a=1"),
            "pharmatimes.com"
        );
        assert_eq!(source_label("javascript:alert(1)"), "javascript:alert(1)");
        assert_eq!(source_label(""), "");
    }

    #[test]
    fn a_second_click_reverses() {
        let s = Sort::default();
        assert_eq!(s.aria_for(SortKey::LiveFrom), "ascending");
        let s = s.clicked(SortKey::Population);
        assert_eq!(s.direction, Direction::Descending);
        assert_eq!(s.aria_for(SortKey::LiveFrom), "none");
        let s = s.clicked(SortKey::Population);
        assert_eq!(s.direction, Direction::Ascending);
        assert_eq!(s.clicked(SortKey::Name).direction, Direction::Ascending);
    }

    #[test]
    fn count_text_gives_listed_and_total() {
        assert_eq!(count_text(83, 96), "Showing 83 of 96 sites");
        assert_eq!(count_text(2345, 10_000), "Showing 2,345 of 10,000 sites");
        assert_eq!(count_text(1, 1), "Showing 1 of 1 site");
    }
}
