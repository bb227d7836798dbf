//! The headline in words: gap, time left and the verdict's reason, with the number formatting
//! shared by the page and the charts. The figures come from `projection::outlook`.

use crate::date::Date;
use crate::projection::{Outlook, Verdict, CENTRAL_WINDOW};

/// Percentage points still needed (negative when above the target).
pub fn gap_pp(o: &Outlook) -> f64 {
    (o.target_share - o.current.share) * 100.0
}

/// "2 years 3 months left", "deadline today", "deadline passed 1 year 2 months ago".
pub fn time_left(as_at: Date, deadline: Date) -> String {
    let days_left = deadline.days_since_epoch() - as_at.days_since_epoch();
    if days_left == 0 {
        return "deadline today".into();
    }
    let (from, to) = if days_left > 0 {
        (as_at, deadline)
    } else {
        (deadline, as_at)
    };
    let span = span_in_words(from, to);
    if days_left > 0 {
        format!("{span} left")
    } else {
        format!("deadline passed {span} ago")
    }
}

/// The verdict with the rule behind it, in words.
pub fn verdict_reason(o: &Outlook) -> String {
    match (o.verdict, o.at_deadline_actual) {
        (Verdict::Met, Some(s)) => format!("{} at the deadline ({})", pct(s), o.deadline.long()),
        (Verdict::Missed, Some(s)) => format!(
            "{} at the deadline ({}), {} below {}",
            pct(s),
            o.deadline.long(),
            shortfall_words(o),
            pct(o.target_share)
        ),
        (Verdict::NoVerdict, _) => o
            .no_verdict
            .map_or("the data cannot support a verdict", |n| n.reason())
            .to_string(),
        (Verdict::Met, None) => match o.first_met {
            Some(d) => format!("at or above {} since {}", pct(o.target_share), d.month_name()),
            None => format!("at or above {}", pct(o.target_share)),
        },
        _ => format!(
            "at the last {CENTRAL_WINDOW} months' rate ({} points a month) coverage would be {} by {}",
            fixed(o.central.rate * 100.0, 2, true),
            pct(o.central.at_deadline),
            o.deadline.long()
        ),
    }
}

/// "12.3 points (6.9 million people)": the shortfall from the target, or "" when there is none.
pub fn shortfall_words(o: &Outlook) -> String {
    o.shortfall
        .map(|s| {
            format!(
                "{} points ({} people)",
                fixed(s.points, 1, false),
                people(s.people)
            )
        })
        .unwrap_or_default()
}

/// The headline's coverage figure: the share, or "No figure" where the scope has no population.
pub fn coverage_figure(o: &Outlook) -> String {
    if o.current.base == 0 {
        "No figure".into()
    } else {
        pct(o.current.share)
    }
}

/// The headline's gap figure: "12.3 points", "4.0 points above", or "–" with no population.
pub fn gap_figure(o: &Outlook) -> String {
    if o.current.base == 0 {
        return "–".into();
    }
    let g = gap_pp(o);
    if g > 0.0 {
        format!("{} points", fixed(g, 1, false))
    } else {
        format!("{} points above", fixed(-g, 1, false))
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

/// `x` with `decimals` (0 to 6) decimal places, rounded half away from zero; "+" first when
/// `signed` and `x` is not negative. Integer arithmetic rather than `format!("{:.1}")`: the float
/// formatting machinery is a tenth of the first view's WebAssembly (issue 7, size budget).
/// Not finite: "–".
pub fn fixed(x: f64, decimals: u32, signed: bool) -> String {
    if !x.is_finite() {
        return "–".into();
    }
    let scale = 10u64.pow(decimals.min(6));
    // `as` saturates: a number beyond 1.8e19 / scale shows as the largest one (never happens with
    // shares or populations).
    let scaled = (x.abs() * scale as f64).round() as u64;
    let mut out = String::new();
    if x.is_sign_negative() {
        out.push('-');
    } else if signed {
        out.push('+');
    }
    out.push_str(&(scaled / scale).to_string());
    if decimals > 0 {
        let frac = (scaled % scale).to_string();
        out.push('.');
        for _ in frac.len()..decimals.min(6) as usize {
            out.push('0');
        }
        out.push_str(&frac);
    }
    out
}

/// A share as a percentage with one decimal: "37.6%".
pub fn pct(share: f64) -> String {
    if share.is_finite() {
        format!("{}%", fixed(share * 100.0, 1, false))
    } else {
        "–".into()
    }
}

/// A population for people: "21.2 million", "345,678".
pub fn people(n: u64) -> String {
    if n >= 1_000_000 {
        format!("{} million", fixed(n as f64 / 1e6, 1, false))
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
        assert_eq!(
            time_left(
                Date::new(2021, 3, 31).unwrap_or_else(|| unreachable!()),
                Date::new(2021, 3, 31).unwrap_or_else(|| unreachable!())
            ),
            "deadline today"
        );
        let a = Date::new(2019, 1, 15).unwrap_or_else(|| unreachable!());
        let b = Date::new(2021, 3, 31).unwrap_or_else(|| unreachable!());
        assert_eq!(span_in_words(a, b), "2 years 2 months");
        let c = Date::new(2021, 3, 1).unwrap_or_else(|| unreachable!());
        assert_eq!(span_in_words(c, b), "30 days");
    }
}
