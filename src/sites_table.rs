//! The sites table's pure core: one `SiteRow` per site (population of its footprint for the as-at
//! year, published figure, dates, fit, whether and why it counts), the filters the table follows
//! (search, scope, counted model types, live only) and sorting by column.

use crate::bitset::Bitset;
use crate::coverage::{Definition, PartialRule, PopulationBase, Scope};
use crate::date::Date;
use crate::model::{DataSet, FootprintFit, ModelType, Site, Status};
use crate::summary::thousands;
use std::cmp::Ordering;

/// Rows a view renders before asking for "show more": keeps a list of thousands of sites cheap.
pub const PAGE_SIZE: usize = 100;

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

/// One line of the sites table: everything shown, already in words where words are needed.
#[derive(Clone, Debug, PartialEq)]
pub struct SiteRow {
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
    pub live: LiveState,
    /// `None` when the site has no footprint ("no defined population").
    pub population: Option<FootprintPopulation>,
    pub published_population: Option<u64>,
    pub published_status: Option<Status>,
    pub published_note: String,
    pub fit: FootprintFit,
    pub counting: Counting,
    /// Status of the site's row in the data.
    pub status: Status,
    pub source_url: String,
    pub note: String,
    pub footprint_codes: Vec<String>,
    /// The footprint touches the scope (always true for England).
    pub in_scope: bool,
    /// Lower-case text the search looks in: name, id, model, regions, footprint codes.
    haystack: String,
}

impl SiteRow {
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
        let q = query.to_lowercase();
        q.split_whitespace().all(|w| self.haystack.contains(w))
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

fn row(
    data: &DataSet,
    def: &Definition,
    scope: &Scope,
    as_at: Date,
    year: Option<(usize, i32)>,
    index: usize,
    site: &Site,
) -> SiteRow {
    let areas = &data.areas;
    let regions: Vec<String> = site.regions.iter().map(|c| areas.region_name(c)).collect();
    let has_footprint = !site.footprint.is_empty();
    let in_scope = scope.is_england() || site.footprint.intersects(&scope.pieces);
    let population = match (has_footprint, year) {
        (true, Some((yi, y))) => {
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
    SiteRow {
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
        live: LiveState::of(site, as_at),
        population,
        published_population: site.published_population,
        published_status: site.published_status,
        published_note: site.published_note.clone(),
        fit: site.fit,
        counting: Counting::of(def, site),
        status: site.status,
        source_url: site.source_url.clone(),
        note: site.note.clone(),
        footprint_codes: site.footprint_codes.clone(),
        in_scope,
        haystack: haystack.to_lowercase(),
    }
}

/// One row per site of `data`, in the data's order, for the definition, scope and as-at date.
pub fn build_rows(data: &DataSet, def: &Definition, scope: &Scope, as_at: Date) -> Vec<SiteRow> {
    let year = population_year(data, def, as_at);
    data.sites
        .iter()
        .enumerate()
        .map(|(i, s)| row(data, def, scope, as_at, year, i, s))
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
        let listed_type = !matches!(row.counting, Counting::Network | Counting::ModelNotSelected);
        row.in_scope
            && (self.include_non_counting || listed_type)
            && (!self.live_only || row.live.is_live())
            && row.matches(&self.query)
    }
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

fn primary(a: &SiteRow, b: &SiteRow, sort: Sort) -> Ordering {
    let dir = sort.direction;
    match sort.key {
        SortKey::Name => directed(a.name.to_lowercase().cmp(&b.name.to_lowercase()), dir),
        SortKey::Model => directed(a.model.cmp(&b.model), dir),
        SortKey::Region => cmp_option(
            a.regions.first().map(|_| a.region_text().to_lowercase()),
            b.regions.first().map(|_| b.region_text().to_lowercase()),
            dir,
        ),
        SortKey::LiveFrom => directed(
            (a.live_from_start, a.live_from_end).cmp(&(b.live_from_start, b.live_from_end)),
            dir,
        ),
        SortKey::Population => cmp_option(
            a.population.as_ref().map(|p| p.people),
            b.population.as_ref().map(|p| p.people),
            dir,
        ),
        SortKey::Published => cmp_option(a.published_population, b.published_population, dir),
        SortKey::Fit => directed(fit_rank(a.fit).cmp(&fit_rank(b.fit)), dir),
        SortKey::Counts => directed(a.counting.cmp(&b.counting), dir),
    }
}

/// Orders `indices` (into `rows`) by `sort`; ties by name, then id, always A–Z.
pub fn sort_indices(rows: &[SiteRow], indices: &mut [usize], sort: Sort) {
    indices.sort_by(|&i, &j| match (rows.get(i), rows.get(j)) {
        (Some(a), Some(b)) => primary(a, b, sort)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
            .then_with(|| a.id.cmp(&b.id)),
        _ => i.cmp(&j),
    });
}

/// The rows the table lists, as indices into `rows`, filtered and sorted.
pub fn select(rows: &[SiteRow], filter: &RowFilter, sort: Sort) -> Vec<usize> {
    let mut out: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| filter.keeps(r))
        .map(|(i, _)| i)
        .collect();
    sort_indices(rows, &mut out, sort);
    out
}

/// "Showing 83 of 96 sites", or, when fewer are rendered than match,
/// "Showing the first 100 of 2,345 matching sites (3,000 in the data)".
pub fn count_text(rendered: usize, matching: usize, total: usize) -> String {
    let noun = if total == 1 { "site" } else { "sites" };
    if rendered >= matching {
        format!(
            "Showing {} of {} {noun}",
            thousands(matching as u64),
            thousands(total as u64)
        )
    } else {
        format!(
            "Showing the first {} of {} matching sites ({} in the data)",
            thousands(rendered as u64),
            thousands(matching as u64),
            thousands(total as u64)
        )
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
    fn count_text_says_when_capped() {
        assert_eq!(count_text(83, 83, 96), "Showing 83 of 96 sites");
        assert_eq!(
            count_text(100, 2345, 3000),
            "Showing the first 100 of 2,345 matching sites (3,000 in the data)"
        );
        assert_eq!(count_text(1, 1, 1), "Showing 1 of 1 site");
    }
}
