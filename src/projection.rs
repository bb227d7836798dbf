//! Where coverage is heading: the run-rate over trailing windows, the rate required to reach the
//! target by the deadline, when the target is (or was) reached, and the verdict.

use crate::coverage::{coverage_at, month_ends, series, Coverage, Definition, Scope};
use crate::date::Date;
use crate::model::DataSet;

/// The trailing windows (months) of the projection fan; the central one is `CENTRAL_WINDOW`.
pub const WINDOWS: [i32; 4] = [3, 6, 12, 24];
pub const CENTRAL_WINDOW: i32 = 12;

/// A straight-line projection from one trailing window.
#[derive(Clone, Debug, PartialEq)]
pub struct Projection {
    pub window_months: i32,
    /// Share gained per month over the window (a fraction, not points).
    pub rate: f64,
    /// Share at the deadline at this rate (capped at 100%).
    pub at_deadline: f64,
    /// The day the target is reached at this rate; `None` when it never is (rate ≤ 0).
    pub reaches_target: Option<Date>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// At or above the target at the as-at date.
    Met,
    /// Below the target, but the central rate reaches it by the deadline.
    OnTrack,
    /// Below the target and the central rate does not reach it by the deadline.
    OffTrack,
    /// The deadline has come (the as-at date is on or after it) and the target was not reached by it.
    Missed,
    /// The data cannot support a verdict: no population for the scope, or nothing under the
    /// definition had started by the as-at date, so there is no trend to judge
    /// (`Outlook::no_verdict` says which).
    NoVerdict,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Met => "Target met",
            Verdict::OnTrack => "On track",
            Verdict::OffTrack => "Off track",
            Verdict::Missed => "Target missed",
            Verdict::NoVerdict => "No verdict",
        }
    }

    /// How the verdict is shown: "good", "bad", or "none" when there is no verdict.
    pub fn tone(self) -> &'static str {
        match self {
            Verdict::Met | Verdict::OnTrack => "good",
            Verdict::OffTrack | Verdict::Missed => "bad",
            Verdict::NoVerdict => "none",
        }
    }
}

/// Why the data cannot support a verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoVerdict {
    /// The scope has no population in the year used: a share would be 0 of nobody.
    NoPopulation,
    /// No site counted under the definition, anywhere, had started by the as-at date: there is
    /// no trend to project, and "off track" would judge a programme that had not begun.
    NotStarted,
}

impl NoVerdict {
    /// The reason in words, for the headline and the narrative.
    pub fn reason(self) -> &'static str {
        match self {
            NoVerdict::NoPopulation => {
                "the data give no population for this area in this year, so no share can be worked out"
            }
            NoVerdict::NotStarted => {
                "no site counted under this definition had started anywhere by this date, so there is no trend to judge"
            }
        }
    }
}

/// How far coverage is from the target, in percentage points and in people.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Shortfall {
    /// Percentage points below the target (positive).
    pub points: f64,
    /// People below the target share of the population.
    pub people: u64,
}

impl Shortfall {
    /// The shortfall of `c` from `target`, or `None` when it is at or above it.
    pub fn of(c: &Coverage, target: f64) -> Option<Shortfall> {
        (c.base > 0 && c.share < target).then(|| Shortfall {
            points: (target - c.share) * 100.0,
            people: ((target - c.share) * c.base as f64).round().max(0.0) as u64,
        })
    }
}

/// Everything the projection view and the headline need.
#[derive(Clone, Debug, PartialEq)]
pub struct Outlook {
    pub current: Coverage,
    pub target_share: f64,
    pub deadline: Date,
    /// Share a month needed from the as-at date to reach the target by the deadline: `None`
    /// once met, on or after the deadline, with less than a month left (a rate a month would
    /// then be a figure nobody can act on: `shortfall` and the days left say it), or with no verdict.
    pub required_rate: Option<f64>,
    /// Below the target: how far, at the deadline once it has come, else at the as-at date.
    pub shortfall: Option<Shortfall>,
    /// Why there is no verdict, when `verdict` is `NoVerdict`.
    pub no_verdict: Option<NoVerdict>,
    pub central: Projection,
    /// One projection per window in `WINDOWS`.
    pub fan: Vec<Projection>,
    /// The first month end (up to the as-at date) at which coverage reached the target.
    pub first_met: Option<Date>,
    /// Coverage at the deadline, once the as-at date is on or after it.
    pub at_deadline_actual: Option<f64>,
    pub verdict: Verdict,
}

/// What every window's projection is taken from.
struct Start {
    as_at: Date,
    current: f64,
    target: f64,
    deadline: Date,
}

/// The first day of the trailing `window` (months) before `as_at`: a month end, never after it.
fn window_start(as_at: Date, window: i32) -> Date {
    as_at.add_months(-window).end_of_month().min(as_at)
}

/// The projection from the trailing `window`, whose first day had coverage `earlier`.
fn project(s: &Start, window: i32, earlier: f64) -> Projection {
    let start = window_start(s.as_at, window);
    let months = start.months_until(s.as_at).max(1.0);
    let rate = (s.current - earlier) / months;
    let months_to_deadline = s.as_at.months_until(s.deadline);
    let at_deadline = (s.current + rate * months_to_deadline).clamp(0.0, 1.0);
    let reaches_target = if s.current >= s.target {
        Some(s.as_at)
    } else if rate > 0.0 {
        let months_needed = (s.target - s.current) / rate;
        // Guard against absurd horizons (a tiny rate): beyond 100 years is "never".
        (months_needed < 1200.0)
            .then(|| add_days(s.as_at, (months_needed * 30.436_875).round() as i64))
    } else {
        None
    };
    Projection {
        window_months: window,
        rate,
        at_deadline,
        reaches_target,
    }
}

fn add_days(date: Date, days: i64) -> Date {
    // Walk months then days; dates stay within 1900..2100 or saturate at the last valid day.
    let target = date.days_since_epoch() + days;
    let mut d = date;
    while d.days_since_epoch() < target {
        let next_month = d.add_months(1);
        if next_month.days_since_epoch() <= target {
            d = next_month;
        } else {
            let remaining = (target - d.days_since_epoch()) as u8;
            return Date::new(d.year(), d.month(), d.day().saturating_add(remaining)).unwrap_or(d);
        }
        if d.year() >= 2100 {
            break;
        }
    }
    d
}

/// The outlook for `scope` under `def` at `as_at`. Every coverage it reads (the as-at date, each
/// window's first day, the deadline once past, every month end before the as-at date for the date
/// first met) comes from one sweep through the sites (`coverage::series`), not one pass a date:
/// the same figures as `coverage_at` date by date (tests/projection.rs), read on every filter
/// change (issue 7, 10,000 sites).
pub fn outlook(data: &DataSet, def: &Definition, scope: &Scope, as_at: Date) -> Outlook {
    let target = data.manifest.target.share;
    let deadline = data.target_date;
    // On the deadline day itself there is no time left: the verdict is met or missed.
    let deadline_reached = as_at >= deadline;
    let months = month_ends_before(as_at);
    let mut dates = Vec::with_capacity(2 + WINDOWS.len() + months.len());
    dates.push(as_at);
    dates.extend(WINDOWS.iter().map(|&w| window_start(as_at, w)));
    dates.push(deadline);
    dates.extend(&months);
    let points = series(data, def, scope, &dates);
    let at = |i: usize, date: Date| match points.get(i) {
        Some(p) => p.coverage.clone(),
        None => coverage_at(data, def, scope, date),
    };
    let current = at(0, as_at);
    let start = Start {
        as_at,
        current: current.share,
        target,
        deadline,
    };
    let fan: Vec<Projection> = WINDOWS
        .iter()
        .enumerate()
        .map(|(i, &w)| project(&start, w, at(1 + i, window_start(as_at, w)).share))
        .collect();
    let central = fan
        .iter()
        .find(|p| p.window_months == CENTRAL_WINDOW)
        .cloned()
        .unwrap_or_else(|| {
            let earlier = coverage_at(data, def, scope, window_start(as_at, CENTRAL_WINDOW));
            project(&start, CENTRAL_WINDOW, earlier.share)
        });
    let month_points = points.get(2 + WINDOWS.len()..).unwrap_or(&[]);
    let first_met = month_points
        .iter()
        .find(|p| p.coverage.share >= target)
        .map(|p| p.coverage.date)
        .or_else(|| (current.share >= target).then_some(as_at));
    let deadline_coverage = deadline_reached.then(|| at(1 + WINDOWS.len(), deadline));
    let at_deadline_actual = deadline_coverage.as_ref().map(|c| c.share);
    let judged = deadline_coverage.as_ref().unwrap_or(&current);
    // Started: some site under the definition, anywhere, had gone live by the as-at date. A
    // scope with nothing yet while the programme runs elsewhere is judged (off track is true).
    let started = current.covered > 0
        || data
            .sites
            .iter()
            .any(|s| def.counts(s) && s.live_from.start <= as_at);
    let no_verdict = if judged.base == 0 {
        Some(NoVerdict::NoPopulation)
    } else if !deadline_reached && !started {
        Some(NoVerdict::NotStarted)
    } else {
        None
    };
    let months_left = as_at.months_until(deadline);
    let required_rate =
        (no_verdict.is_none() && !deadline_reached && current.share < target && months_left >= 1.0)
            .then(|| (target - current.share) / months_left);
    let shortfall = if no_verdict.is_some() {
        None
    } else {
        Shortfall::of(judged, target)
    };
    let verdict = match (no_verdict, at_deadline_actual) {
        (Some(_), _) => Verdict::NoVerdict,
        (None, Some(s)) if s >= target => Verdict::Met,
        (None, Some(_)) => Verdict::Missed,
        (None, None) if current.share >= target => Verdict::Met,
        (None, None) if central.at_deadline >= target => Verdict::OnTrack,
        (None, None) => Verdict::OffTrack,
    };
    Outlook {
        current,
        target_share: target,
        deadline,
        required_rate,
        shortfall,
        no_verdict,
        central,
        fan,
        first_met,
        at_deadline_actual,
        verdict,
    }
}

/// Every month end from January 2015 to before `as_at`: where the date first met is looked for
/// (`as_at` itself when the target is reached only within its month).
fn month_ends_before(as_at: Date) -> Vec<Date> {
    let Some(first) = Date::new(2015, 1, 1) else {
        return Vec::new();
    };
    let mut months = month_ends(first, as_at);
    months.retain(|m| *m < as_at);
    months
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_days_crosses_months_and_years() {
        let d = Date::new(2020, 12, 20).unwrap_or_else(|| unreachable!());
        assert_eq!(add_days(d, 12).to_string(), "2021-01-01");
        assert_eq!(add_days(d, 0), d);
        assert_eq!(add_days(d, 365).to_string(), "2021-12-20");
    }
}
