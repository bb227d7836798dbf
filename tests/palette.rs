//! The chart palette's contrast against the white chart background, by the WCAG 2.x formula:
//! every colour that draws a line, bar, marker or legend swatch at least 3:1 (1.4.11 non-text
//! contrast), every colour that draws text at least 4.5:1 (1.4.3). The grid colour is decoration
//! and is left out; the map's fills have dark outlines and are left out.

use coverboard::chart::palette;
use plotters::style::RGBColor;

fn channel(c: u8) -> f64 {
    let s = f64::from(c) / 255.0;
    if s <= 0.039_28 {
        s / 12.92
    } else {
        ((s + 0.055) / 1.055).powf(2.4)
    }
}

fn luminance(c: RGBColor) -> f64 {
    0.2126 * channel(c.0) + 0.7152 * channel(c.1) + 0.0722 * channel(c.2)
}

fn contrast(a: RGBColor, b: RGBColor) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

const WHITE: RGBColor = RGBColor(255, 255, 255);

#[test]
fn the_formula_gives_the_known_ratios() {
    assert!((contrast(RGBColor(0, 0, 0), WHITE) - 21.0).abs() < 1e-9);
    assert!((contrast(WHITE, WHITE) - 1.0).abs() < 1e-9);
    // #767676 on white is the classic 4.54:1.
    let grey = contrast(RGBColor(0x76, 0x76, 0x76), WHITE);
    assert!((grey - 4.54).abs() < 0.01, "{grey}");
}

#[test]
fn graphics_colours_are_at_least_3_to_1_on_white() {
    for (name, c) in [
        ("NHS dark blue (either line)", palette::NHS_DARK_BLUE),
        ("NHS blue (bars, projection)", palette::NHS_BLUE),
        ("NHS green (ACS/ICS line)", palette::NHS_GREEN),
        ("NHS pink (vanguard line)", palette::NHS_PINK),
        ("NHS red (target line)", palette::NHS_RED),
        (
            "NHS dark grey (deadline, axes text)",
            palette::NHS_DARK_GREY,
        ),
        ("NHS black (England line)", palette::NHS_BLACK),
        ("NHS mid grey (legend border, axes)", palette::NHS_MID_GREY),
    ] {
        let r = contrast(c, WHITE);
        assert!(r >= 3.0, "{name}: {r:.2}:1");
    }
}

#[test]
fn text_colours_are_at_least_4_5_to_1_on_white() {
    for (name, c) in [
        ("NHS black (labels, legend text)", palette::NHS_BLACK),
        (
            "NHS dark grey (axis labels, captions)",
            palette::NHS_DARK_GREY,
        ),
        ("NHS dark blue", palette::NHS_DARK_BLUE),
        ("NHS blue", palette::NHS_BLUE),
    ] {
        let r = contrast(c, WHITE);
        assert!(r >= 4.5, "{name}: {r:.2}:1");
    }
    // The white numbers on the policy-event markers (dark grey discs).
    let r = contrast(WHITE, palette::NHS_DARK_GREY);
    assert!(r >= 4.5, "white on dark grey: {r:.2}:1");
}
