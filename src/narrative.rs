//! The plain-English summary of the figures for the chosen area, date and definition: the
//! coverage, its change over the last quarter, the gap to the target, where the trend leads, and
//! the caveat on the definition. Shown on the dashboard, as speaker notes when presenting, in the
//! board pack, and as the text alternative of the charts. Every number comes from the core.

use crate::coverage::{alternatives, coverage_at, coverage_under, Definition, Scope};
use crate::date::Date;
use crate::model::DataSet;
use crate::projection::{Outlook, Verdict, CENTRAL_WINDOW};
use crate::summary::{fixed, pct, people, time_left};

/// The summary as a few short paragraphs (each a sentence or two), in reading order.
#[derive(Clone, Debug, PartialEq)]
pub struct Narrative {
    /// "All England at 31 Mar 2021".
    pub title: String,
    /// Where coverage stands.
    pub level: String,
    /// The change over the last three months, or why there is none.
    pub change: String,
    /// The gap to the target and the time left.
    pub gap: String,
    /// Where the trend leads: met, on track, off track or missed, with the rule behind it.
    pub outlook: String,
    /// How much the figure depends on the definition.
    pub caveat: String,
}

impl Narrative {
    /// The paragraphs in reading order.
    pub fn paragraphs(&self) -> [&str; 5] {
        [
            &self.level,
            &self.change,
            &self.gap,
            &self.outlook,
            &self.caveat,
        ]
    }

    /// All of it as one text (for a canvas's accessible description or a CSV note).
    pub fn text(&self) -> String {
        self.paragraphs().join(" ")
    }
}

/// Percentage points between two shares, signed: "+3.2 points".
fn points(delta: f64) -> String {
    format!("{} points", fixed(delta * 100.0, 1, true))
}

/// The narrative for `scope` under `def` at `as_at`; `outlook` is `projection::outlook` for the
/// same inputs and `first_date` the earliest month the data covers (no change is reported from
/// before it).
pub fn narrative(
    data: &DataSet,
    def: &Definition,
    scope: &Scope,
    as_at: Date,
    outlook: &Outlook,
    first_date: Date,
) -> Narrative {
    let c = &outlook.current;
    let target = outlook.target_share;
    let title = format!("{} at {}", scope.name, as_at.long());

    let floor = if c.incomplete {
        " Some populations are missing from the data, so this is a floor."
    } else {
        ""
    };
    let level = if c.base == 0 {
        format!(
            "There is no population figure for {} at {}, so no coverage can be given.",
            scope.name,
            as_at.long()
        )
    } else {
        format!(
            "At {}, {} of the population of {} ({} of {} people, ONS mid-{}) lived where a new care model counted as live: {} site{}.{floor}",
            as_at.long(),
            pct(c.share),
            scope.name,
            people(c.covered),
            people(c.base),
            c.population_year,
            c.live_sites,
            if c.live_sites == 1 { "" } else { "s" },
        )
    };

    let quarter_ago = as_at.add_months(-3).end_of_month().min(as_at);
    let change = if c.base == 0 {
        "Without a population there is no change to report.".to_string()
    } else if quarter_ago < first_date {
        format!(
            "The data start in {}, so there is no figure three months earlier to compare with.",
            first_date.month_name()
        )
    } else {
        let before = coverage_at(data, def, scope, quarter_ago);
        let delta = c.share - before.share;
        if delta.abs() < 0.000_5 {
            format!(
                "That is unchanged from three months earlier ({} at {}).",
                pct(before.share),
                quarter_ago.long()
            )
        } else {
            format!(
                "That is {} {} on three months earlier ({} at {}).",
                if delta > 0.0 { "up" } else { "down" },
                points(delta).trim_start_matches(['+', '-']),
                pct(before.share),
                quarter_ago.long()
            )
        }
    };

    let deadline = outlook.deadline;
    let gap = if c.base == 0 {
        format!(
            "No gap to the ambition of {} by {} can be given without a population.",
            pct(target),
            deadline.long()
        )
    } else if c.share >= target {
        format!(
            "That is {} above the ambition of {} by {}{}.",
            points(c.share - target).trim_start_matches('+'),
            pct(target),
            deadline.long(),
            match outlook.first_met {
                Some(d) if d < as_at => format!(", first reached in {}", d.month_name()),
                _ => String::new(),
            }
        )
    } else {
        let short_people = ((target - c.share) * c.base as f64).round().max(0.0) as u64;
        format!(
            "That is {} short of the ambition of {} by {} (about {} more people), with {}.",
            points(target - c.share).trim_start_matches('+'),
            pct(target),
            deadline.long(),
            people(short_people),
            time_left(as_at, deadline)
        )
    };

    let rate = |r: f64| format!("{} points a month", fixed(r * 100.0, 2, true));
    // With less than a month left a rate a month is no figure to act on: the gain and the days.
    let needed = match (outlook.required_rate, outlook.shortfall) {
        (Some(r), _) => rate(r),
        (None, Some(s)) => format!(
            "+{} points ({} more people) in the {} left",
            fixed(s.points, 1, false),
            people(s.people),
            time_left(as_at, deadline).trim_end_matches(" left")
        ),
        (None, None) => String::new(),
    };
    let central = &outlook.central;
    let fan_range = {
        let lo = outlook
            .fan
            .iter()
            .map(|p| p.at_deadline)
            .fold(f64::INFINITY, f64::min);
        let hi = outlook
            .fan
            .iter()
            .map(|p| p.at_deadline)
            .fold(f64::NEG_INFINITY, f64::max);
        (lo.is_finite() && hi.is_finite()).then_some((lo, hi))
    };
    let fan_text = match fan_range {
        Some((lo, hi)) if (hi - lo) > 0.000_5 => format!(
            " Over trailing windows of 3 to 24 months instead, it would be {} to {} by the deadline.",
            pct(lo),
            pct(hi)
        ),
        _ => String::new(),
    };
    let outlook_text = match outlook.verdict {
        Verdict::Met => match outlook.at_deadline_actual {
            Some(s) => format!(
                "Target met: coverage was {} at the deadline ({}).",
                pct(s),
                deadline.long()
            ),
            None if as_at >= deadline => {
                format!("Target met at the deadline ({}).", deadline.long())
            }
            None => format!(
                "Target met ahead of the deadline ({}), with {}.",
                deadline.long(),
                time_left(as_at, deadline)
            ),
        },
        Verdict::Missed => match outlook.at_deadline_actual {
            Some(s) => format!(
                "Target missed: coverage was {} at the deadline ({}), {} below {}.",
                pct(s),
                deadline.long(),
                crate::summary::shortfall_words(outlook),
                pct(target)
            ),
            None => "Target missed.".to_string(),
        },
        Verdict::OnTrack => format!(
            "On track: at the last {CENTRAL_WINDOW} months' rate ({}) the ambition would be reached {}, before the deadline{}.{fan_text}",
            rate(central.rate),
            central
                .reaches_target
                .map(|d| format!("in {}", d.month_name()))
                .unwrap_or_else(|| "in time".into()),
            if needed.is_empty() {
                String::new()
            } else {
                format!("; it needs {needed}")
            },
        ),
        Verdict::OffTrack => format!(
            "Off track: at the last {CENTRAL_WINDOW} months' rate ({}) coverage would be {} by the deadline{}.{fan_text}",
            rate(central.rate),
            pct(central.at_deadline),
            if needed.is_empty() {
                String::new()
            } else {
                format!("; reaching {} needs {needed}", pct(target))
            },
        ),
        Verdict::NoVerdict => format!(
            "No verdict: {}.",
            outlook
                .no_verdict
                .map_or("the data cannot support one", |n| n.reason())
        ),
    };

    let defs: Vec<Definition> = alternatives(def).into_iter().map(|(_, d)| d).collect();
    let shares: Vec<f64> = coverage_under(data, &defs, scope, as_at)
        .iter()
        // An alternative with no population has no share: 0% would mean "no data".
        .filter(|c| c.base > 0)
        .map(|c| c.share)
        .collect();
    let lo = shares.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = shares.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let caveat = if lo.is_finite() && hi.is_finite() {
        format!(
            "\"Covered\" was never defined nationally (National Audit Office, 2018). This figure counts: {}. Other reasonable definitions give {} for the same area and date{}.",
            def.short(),
            if pct(lo) == pct(hi) {
                pct(lo)
            } else {
                format!("{} to {}", pct(lo), pct(hi))
            },
            if hi > 1.0 {
                " (summing overlaps counts some people more than once, so it can pass 100%)"
            } else {
                ""
            }
        )
    } else {
        format!(
            "\"Covered\" was never defined nationally (National Audit Office, 2018). This figure counts: {}.",
            def.short()
        )
    };

    Narrative {
        title,
        level,
        change,
        gap,
        outlook: outlook_text,
        caveat,
    }
}
