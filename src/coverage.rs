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
    let areas = &data.areas;
    let (yi, population_year) = population_year(areas, def.base, date);
    let (base, base_missing) = areas.population(&scope.pieces, yi);
    let mut union = Bitset::new(areas.len());
    let mut summed = 0u64;
    let mut live_sites = 0;
    let mut incomplete = base_missing;
    for site in data
        .sites
        .iter()
        .filter(|s| def.counts(s) && keep(s) && is_live(s, date, liveness))
    {
        if !site.footprint.intersects(&scope.pieces) {
            continue;
        }
        live_sites += 1;
        match def.overlap {
            OverlapRule::Once => union.union_with(&site.footprint),
            OverlapRule::Summed => {
                let (p, missing) =
                    areas.population(&site.footprint.intersection(&scope.pieces), yi);
                summed += p;
                incomplete |= missing;
            }
        }
    }
    let covered = match def.overlap {
        OverlapRule::Once => {
            union.intersect_with(&scope.pieces);
            let (p, missing) = areas.population(&union, yi);
            incomplete |= missing;
            p
        }
        OverlapRule::Summed => summed,
    };
    let share = if base == 0 {
        0.0
    } else {
        covered as f64 / base as f64
    };
    Coverage {
        date,
        covered,
        base,
        share,
        population_year,
        live_sites,
        incomplete,
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

/// Coverage at each of `dates` with its band.
pub fn series(data: &DataSet, def: &Definition, scope: &Scope, dates: &[Date]) -> Vec<SeriesPoint> {
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

pub fn by_model(data: &DataSet, def: &Definition, scope: &Scope, date: Date) -> ModelBreakdown {
    let areas = &data.areas;
    let (yi, _) = population_year(areas, def.base, date);
    let (base, _) = areas.population(&scope.pieces, yi);
    let mut count = vec![0u8; areas.len()];
    let mut per_model = Vec::new();
    let mut all = Bitset::new(areas.len());
    for model in ModelType::ALL.into_iter().filter(|m| def.counts_model(*m)) {
        let mut union = Bitset::new(areas.len());
        for site in data
            .sites
            .iter()
            .filter(|s| s.model == model && def.counts(s) && s.live_at(date))
        {
            union.union_with(&site.footprint);
        }
        union.intersect_with(&scope.pieces);
        for i in union.ones() {
            if let Some(c) = count.get_mut(i) {
                *c = c.saturating_add(1);
            }
        }
        all.union_with(&union);
        per_model.push((model, areas.population(&union, yi).0));
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

/// Coverage of every NHS region at a date, in the order of `Areas::regions`.
pub fn by_region(data: &DataSet, def: &Definition, date: Date) -> Vec<(Scope, Coverage)> {
    data.areas
        .regions
        .iter()
        .map(|code| {
            let scope = Scope::new(&data.areas, code);
            let c = coverage_at(data, def, &scope, date);
            (scope, c)
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
