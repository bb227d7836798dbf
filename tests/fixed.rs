//! `summary::fixed` (integer-arithmetic number formatting, used instead of `format!("{:.N}")` to
//! keep the float printer out of the WebAssembly) against the standard library's formatting.

use coverboard::summary::fixed;

/// Values whose scaled form is not within 1e-6 of a .5 tie (where the two rounding rules differ:
/// std rounds the exact binary value half to even, `fixed` the scaled value half away from zero).
fn clear_of_ties(x: f64, decimals: u32) -> bool {
    let scaled = x.abs() * 10f64.powi(decimals as i32);
    (scaled.fract() - 0.5).abs() > 1e-6
}

#[test]
fn matches_std_formatting_away_from_ties() {
    let mut checked = 0;
    for i in -200_000i64..200_000 {
        // A spread of magnitudes: shares, percentages, points, millions.
        let x = i as f64 * 0.000_731 + (i % 7) as f64 * 13.37;
        for decimals in 0..=3u32 {
            if !clear_of_ties(x, decimals) {
                continue;
            }
            let std = format!("{:.*}", decimals as usize, x);
            assert_eq!(
                fixed(x, decimals, false),
                std,
                "x = {x}, {decimals} decimals"
            );
            let signed = format!("{:+.*}", decimals as usize, x);
            assert_eq!(
                fixed(x, decimals, true),
                signed,
                "x = {x}, {decimals} decimals, signed"
            );
            checked += 1;
        }
    }
    assert!(checked > 1_000_000, "only {checked} values checked");
}

#[test]
fn signs_zero_and_ties() {
    assert_eq!(fixed(0.0, 1, true), "+0.0");
    assert_eq!(
        fixed(-0.04, 1, true),
        "-0.0",
        "as std: a negative value keeps its sign"
    );
    assert_eq!(fixed(2.25, 1, false), "2.3", "a tie rounds away from zero");
    assert_eq!(fixed(81.4999, 1, false), "81.5");
    assert_eq!(fixed(7.0, 0, false), "7");
    assert_eq!(fixed(0.05, 3, false), "0.050");
    assert_eq!(fixed(1234567.891, 2, false), "1234567.89");
}

#[test]
fn not_finite_is_a_dash() {
    assert_eq!(fixed(f64::NAN, 1, false), "–");
    assert_eq!(fixed(f64::INFINITY, 1, true), "–");
}

/// `parse::parse_decimal` (used instead of `str::parse::<f64>` for the same reason) against std.
#[test]
fn decimal_parsing_matches_std() {
    use coverboard::parse::parse_decimal;
    let mut checked = 0;
    for i in 0u64..300_000 {
        let n = i.wrapping_mul(2_654_435_761) % 10_000_000_000;
        for text in [
            format!("0.{n}"),
            format!("{n}"),
            format!("0.{:010}", n),
            format!("{}.{}", n % 1000, n / 1000),
            format!("-{}.{:03}", n % 97, n % 1000),
            format!("{}e-{}", n % 100_000, n % 20),
        ] {
            let want: f64 = text.parse().expect("std parses it");
            assert_eq!(parse_decimal(&text), Some(want), "{text}");
            checked += 1;
        }
    }
    assert!(checked >= 1_800_000);
    for (text, want) in [
        (".5", Some(0.5)),
        ("+1", Some(1.0)),
        ("1.", Some(1.0)),
        ("0.000", Some(0.0)),
        ("1E2", Some(100.0)),
    ] {
        assert_eq!(parse_decimal(text), want, "{text}");
    }
    for bad in [
        "", ".", "-", "1.2.3", "abc", "1e", "1e+", "inf", "NaN", "0.5 ", " 0.5", "1,5", "45%",
        "0x1",
    ] {
        assert_eq!(parse_decimal(bad), None, "{bad:?}");
    }
}
