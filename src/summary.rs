//! The headline figures: coverage at the as-at date, the target, the gap, time left, and whether
//! the trajectory is on track, with the formatting shared by the page and the charts.

use crate::coverage::{coverage_at, Coverage, Definition, Scope};
use crate::date::Date;
use crate::model::DataSet;

/// Months over which the recent rate of change is measured for the on-track verdict.
pub const TRAILING_MONTHS: i32 = 12;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// At or above the target at the as-at date.
    Met,
    /// Below the target, but the trailing rate reaches it by the deadline.
    OnTrack,
    /// Below the target and the trailing rate does not reach it by the deadline.
    OffTrack,
    /// The deadline has passed and the target was not reached by it.
    Missed,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Met => "Target met",
            Verdict::OnTrack => "On track",
            Verdict::OffTrack => "Off track",
            Verdict::Missed => "Target missed",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Headline {
    pub coverage: Coverage,
    pub target_share: f64,
    pub target_date: Date,
    /// Percentage points still needed (negative when above the target).
    pub gap_pp: f64,
    /// Days from the as-at date to the deadline (negative after it).
    pub days_left: i64,
    /// Percentage points gained per month over the trailing window.
    pub rate_pp_per_month: f64,
    /// Share at the deadline at that rate (or the actual share there, once it has passed).
    pub projected_at_deadline: f64,
    pub verdict: Verdict,
}

pub fn headline(data: &DataSet, def: &Definition, scope: &Scope, as_at: Date) -> Headline {
    let coverage = coverage_at(data, def, scope, as_at);
    let target_share = data.manifest.target.share;
    let target_date = data.target_date;
    let earlier = coverage_at(
        data,
        def,
        scope,
        as_at.add_months(-TRAILING_MONTHS).end_of_month().min(as_at),
    );
    let window_months = earlier.date.months_until(as_at).max(1.0);
    let rate = (coverage.share - earlier.share) / window_months;
    let days_left = target_date.days_since_epoch() - as_at.days_since_epoch();
    let (projected, verdict) = if days_left < 0 {
        let at_deadline = coverage_at(data, def, scope, target_date).share;
        (
            at_deadline,
            if at_deadline >= target_share {
                Verdict::Met
            } else {
                Verdict::Missed
            },
        )
    } else {
        let projected = coverage.share + rate * as_at.months_until(target_date);
        let verdict = if coverage.share >= target_share {
            Verdict::Met
        } else if projected >= target_share {
            Verdict::OnTrack
        } else {
            Verdict::OffTrack
        };
        (projected, verdict)
    };
    Headline {
        gap_pp: (target_share - coverage.share) * 100.0,
        coverage,
        target_share,
        target_date,
        days_left,
        rate_pp_per_month: rate * 100.0,
        projected_at_deadline: projected,
        verdict,
    }
}

impl Headline {
    /// "2 years 3 months left", "deadline today", "deadline passed 1 year 2 months ago".
    pub fn time_left(&self, as_at: Date) -> String {
        if self.days_left == 0 {
            return "deadline today".into();
        }
        let (from, to) = if self.days_left > 0 {
            (as_at, self.target_date)
        } else {
            (self.target_date, as_at)
        };
        let span = span_in_words(from, to);
        if self.days_left > 0 {
            format!("{span} left")
        } else {
            format!("deadline passed {span} ago")
        }
    }

    /// The verdict with the rule behind it, in words.
    pub fn verdict_reason(&self) -> String {
        match self.verdict {
            Verdict::Met if self.days_left < 0 => {
                format!("{} at the deadline ({})", pct(self.projected_at_deadline), self.target_date.long())
            }
            Verdict::Met => format!("at or above {}", pct(self.target_share)),
            Verdict::Missed => format!(
                "{} at the deadline ({}), below {}",
                pct(self.projected_at_deadline),
                self.target_date.long(),
                pct(self.target_share)
            ),
            Verdict::OnTrack | Verdict::OffTrack => format!(
                "at the last {TRAILING_MONTHS} months' rate ({:+.2} points a month) coverage would be {} by {}",
                self.rate_pp_per_month,
                pct(self.projected_at_deadline.max(0.0)),
                self.target_date.long()
            ),
        }
    }
}

fn span_in_words(from: Date, to: Date) -> String {
    let mut months =
        (to.year() - from.year()) * 12 + i32::from(to.month()) - i32::from(from.month());
    if to.day() < from.day() {
        months -= 1;
    }
    let days = if months <= 0 {
        to.days_since_epoch() - from.days_since_epoch()
    } else {
        0
    };
    if months <= 0 {
        return plural(days, "day");
    }
    let (y, m) = (months / 12, months % 12);
    match (y, m) {
        (0, m) => plural(i64::from(m), "month"),
        (y, 0) => plural(i64::from(y), "year"),
        (y, m) => format!(
            "{} {}",
            plural(i64::from(y), "year"),
            plural(i64::from(m), "month")
        ),
    }
}

fn plural(n: i64, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// A share as a percentage with one decimal: "37.6%".
pub fn pct(share: f64) -> String {
    if share.is_finite() {
        format!("{:.1}%", share * 100.0)
    } else {
        "–".into()
    }
}

/// A population for people: "21.2 million", "345,678".
pub fn people(n: u64) -> String {
    if n >= 1_000_000 {
        format!("{:.1} million", n as f64 / 1e6)
    } else {
        thousands(n)
    }
}

/// "1,234,567".
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(pct(0.37631), "37.6%");
        assert_eq!(people(21_181_433), "21.2 million");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(thousands(999), "999");
        let a = Date::new(2019, 1, 15).unwrap_or_else(|| unreachable!());
        let b = Date::new(2021, 3, 31).unwrap_or_else(|| unreachable!());
        assert_eq!(span_in_words(a, b), "2 years 2 months");
        let c = Date::new(2021, 3, 1).unwrap_or_else(|| unreachable!());
        assert_eq!(span_in_words(c, b), "30 days");
    }
}
