//! Calendar dates and date spans ("2020-12-03", "2020-12", "2020", "2020-04..2020-05") without a date crate.

use std::fmt;

/// A proleptic Gregorian calendar date. Ordered chronologically.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// Why a date did not parse; shown to the user beside the file, row and field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateError {
    /// Not of the form YYYY-MM-DD, YYYY-MM, YYYY or A..B.
    Unparseable,
    /// Well formed, but no such day (e.g. 2021-02-30).
    Impossible,
    /// Looks like a spreadsheet serial number or a day-first date.
    SpreadsheetStyle,
    /// In a span A..B, B is before A.
    Reversed,
    /// Outside the years coverboard handles (1900–2100).
    OutOfRange,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DateError::Unparseable => "is not a date: write YYYY-MM-DD, YYYY-MM, YYYY or FROM..TO",
            DateError::Impossible => "is not a real calendar day",
            DateError::SpreadsheetStyle => {
                "looks like a spreadsheet date (serial number or day/month/year): write YYYY-MM-DD"
            }
            DateError::Reversed => "ends before it starts",
            DateError::OutOfRange => "is outside the years 1900-2100",
        })
    }
}

pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A checked constructor: `None` for an impossible day.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1900..=2100).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    pub fn year(self) -> i32 {
        self.year
    }
    pub fn month(self) -> u8 {
        self.month
    }
    pub fn day(self) -> u8 {
        self.day
    }

    /// The last day of this date's month.
    pub fn end_of_month(self) -> Date {
        Date {
            day: days_in_month(self.year, self.month),
            ..self
        }
    }

    /// The first day of the month `n` months after this date's month (n may be negative).
    pub fn add_months(self, n: i32) -> Date {
        let index = self.year * 12 + i32::from(self.month) - 1 + n;
        let year = index.div_euclid(12);
        let month = (index.rem_euclid(12) + 1) as u8;
        Date {
            year,
            month,
            day: 1,
        }
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date as a fractional year (2021-01-01 = 2021.0), the x axis of the charts.
    pub fn as_year_fraction(self) -> f64 {
        let start = Date {
            year: self.year,
            month: 1,
            day: 1,
        }
        .days_since_epoch();
        let len = if is_leap(self.year) { 366.0 } else { 365.0 };
        f64::from(self.year) + (self.days_since_epoch() - start) as f64 / len
    }

    /// Whole months from `self` to `other`, counting a part month as a fraction of 30.44 days.
    pub fn months_until(self, other: Date) -> f64 {
        (other.days_since_epoch() - self.days_since_epoch()) as f64 / 30.436_875
    }

    /// Parses exactly YYYY-MM-DD.
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let span = DateSpan::parse(text)?;
        if span.precision != Precision::Day {
            return Err(DateError::Unparseable);
        }
        Ok(span.start)
    }

    /// "31 Mar 2021", for people.
    pub fn long(self) -> String {
        format!(
            "{} {} {}",
            self.day,
            MONTHS[usize::from(self.month - 1)],
            self.year
        )
    }

    /// "Mar 2021".
    pub fn month_name(self) -> String {
        format!("{} {}", MONTHS[usize::from(self.month - 1)], self.year)
    }
}

pub const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// How precisely a source gave a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    Day,
    Month,
    Year,
    /// An explicit span FROM..TO.
    Span,
}

/// A date known to lie somewhere between `start` and `end` (both inclusive). A day-precise date has
/// `start == end`. Counting uses `start`; the span feeds the uncertainty band.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateSpan {
    pub start: Date,
    pub end: Date,
    pub precision: Precision,
}

impl DateSpan {
    pub fn day(date: Date) -> DateSpan {
        DateSpan {
            start: date,
            end: date,
            precision: Precision::Day,
        }
    }

    pub fn parse(text: &str) -> Result<DateSpan, DateError> {
        let text = crate::text::trim(text);
        if let Some((a, b)) = crate::text::split_at_dots(text) {
            let a = DateSpan::parse_single(crate::text::trim(a))?;
            let b = DateSpan::parse_single(crate::text::trim(b))?;
            if b.end < a.start {
                return Err(DateError::Reversed);
            }
            return Ok(DateSpan {
                start: a.start,
                end: b.end,
                precision: Precision::Span,
            });
        }
        DateSpan::parse_single(text)
    }

    fn parse_single(text: &str) -> Result<DateSpan, DateError> {
        // Up to three parts split at '-', kept as byte slices without allocating (read for every
        // site row; issue 7). A fourth part makes the lengths match no form below.
        let mut parts: [&[u8]; 3] = [&[]; 3];
        let mut count = 0usize;
        for p in text.as_bytes().split(|b| *b == b'-') {
            if let Some(slot) = parts.get_mut(count) {
                *slot = p;
            }
            count += 1;
        }
        let parts = parts.get(..count.min(3)).unwrap_or(&[]);
        let all_digits = |s: &[u8]| !s.is_empty() && s.iter().all(u8::is_ascii_digit);
        if count > 3 || parts.iter().any(|p| !all_digits(p)) {
            if text.contains('/') || text.contains('.') {
                return Err(DateError::SpreadsheetStyle);
            }
            return Err(DateError::Unparseable);
        }
        let mut lens = [0usize; 3];
        for (l, p) in lens.iter_mut().zip(parts) {
            *l = p.len();
        }
        let lens = lens.get(..parts.len()).unwrap_or(&[]);
        // Every part is 1 to 4 ASCII digits where it is read (the lengths below): no overflow.
        let num = |s: &[u8]| -> Result<i32, DateError> {
            Ok(s.iter().fold(0, |n, b| n * 10 + i32::from(b - b'0')))
        };
        match lens {
            [4] => {
                let y = num(parts[0])?;
                let start = Date::new(y, 1, 1).ok_or(DateError::OutOfRange)?;
                let end = Date::new(y, 12, 31).ok_or(DateError::OutOfRange)?;
                Ok(DateSpan {
                    start,
                    end,
                    precision: Precision::Year,
                })
            }
            [4, 2] => {
                let y = num(parts[0])?;
                let m = num(parts[1])?;
                if !(1900..=2100).contains(&y) {
                    return Err(DateError::OutOfRange);
                }
                let m = u8::try_from(m).map_err(|_| DateError::Impossible)?;
                let start = Date::new(y, m, 1).ok_or(DateError::Impossible)?;
                Ok(DateSpan {
                    start,
                    end: start.end_of_month(),
                    precision: Precision::Month,
                })
            }
            [4, 2, 2] => {
                let y = num(parts[0])?;
                if !(1900..=2100).contains(&y) {
                    return Err(DateError::OutOfRange);
                }
                let m = u8::try_from(num(parts[1])?).map_err(|_| DateError::Impossible)?;
                let d = u8::try_from(num(parts[2])?).map_err(|_| DateError::Impossible)?;
                let date = Date::new(y, m, d).ok_or(DateError::Impossible)?;
                Ok(DateSpan::day(date))
            }
            // A bare 5-digit number is what a spreadsheet makes of a date cell (days since 1900).
            [5] => Err(DateError::SpreadsheetStyle),
            [2, 2, 4] => Err(DateError::SpreadsheetStyle),
            _ => Err(DateError::Unparseable),
        }
    }

    /// The date as written for people: "3 Dec 2020", "Dec 2020", "2020", "Apr 2020 – May 2020".
    pub fn describe(&self) -> String {
        match self.precision {
            Precision::Day => self.start.long(),
            Precision::Month => self.start.month_name(),
            Precision::Year => self.start.year().to_string(),
            Precision::Span => format!("{} – {}", self.start.month_name(), self.end.month_name()),
        }
    }

    pub fn is_exact(&self) -> bool {
        self.precision == Precision::Day
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision() {
        let d = DateSpan::parse("2020-12-03").unwrap();
        assert_eq!(d.start, Date::new(2020, 12, 3).unwrap());
        assert!(d.is_exact());
        let m = DateSpan::parse("2020-02").unwrap();
        assert_eq!(m.end, Date::new(2020, 2, 29).unwrap());
        let y = DateSpan::parse("2018").unwrap();
        assert_eq!(
            (y.start.to_string(), y.end.to_string()),
            ("2018-01-01".into(), "2018-12-31".into())
        );
        let s = DateSpan::parse("2020-04..2020-05").unwrap();
        assert_eq!(s.end, Date::new(2020, 5, 31).unwrap());
        assert_eq!(s.describe(), "Apr 2020 – May 2020");
    }

    #[test]
    fn rejects_bad_dates_with_reasons() {
        assert_eq!(DateSpan::parse("2021-02-29"), Err(DateError::Impossible));
        assert_eq!(DateSpan::parse("2021-13"), Err(DateError::Impossible));
        assert_eq!(
            DateSpan::parse("31/03/2021"),
            Err(DateError::SpreadsheetStyle)
        );
        assert_eq!(DateSpan::parse("44286"), Err(DateError::SpreadsheetStyle));
        assert_eq!(DateSpan::parse("soon"), Err(DateError::Unparseable));
        assert_eq!(DateSpan::parse(""), Err(DateError::Unparseable));
        assert_eq!(
            DateSpan::parse("2021-05..2021-01"),
            Err(DateError::Reversed)
        );
        assert_eq!(DateSpan::parse("0001-01-01"), Err(DateError::OutOfRange));
        assert_eq!(Date::parse("2021-03"), Err(DateError::Unparseable));
    }

    #[test]
    fn day_arithmetic_matches_the_calendar() {
        let a = Date::new(2020, 12, 31).unwrap();
        let b = Date::new(2021, 3, 31).unwrap();
        assert_eq!(b.days_since_epoch() - a.days_since_epoch(), 90);
        assert_eq!(Date::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(a.add_months(1), Date::new(2021, 1, 1).unwrap());
        assert_eq!(a.add_months(-12), Date::new(2019, 12, 1).unwrap());
        assert!((Date::new(2021, 1, 1).unwrap().as_year_fraction() - 2021.0).abs() < 1e-12);
    }
}
