//! The plain-English summary says what the core computes: every figure in it is checked against
//! the coverage, outlook and alternatives worked out here from the default data.

mod common;

use common::{date, default_data};
use coverboard::coverage::{alternatives, coverage_at, default_period, Definition, Scope};
use coverboard::model::{DataSet, ModelType};
use coverboard::narrative::{narrative, Narrative};
use coverboard::projection::{outlook, Verdict};
use coverboard::summary::{pct, people};

fn first_date() -> coverboard::date::Date {
    default_period()[0]
}

fn tell(data: &DataSet, def: &Definition, code: &str, at: &str) -> (Narrative, Scope) {
    let scope = Scope::new(&data.areas, code);
    let as_at = date(at);
    let o = outlook(data, def, &scope, as_at);
    (narrative(data, def, &scope, as_at, &o, first_date()), scope)
}

#[test]
fn england_at_the_deadline_gives_the_core_figures() {
    let data = default_data();
    let def = Definition::default();
    let (n, scope) = tell(&data, &def, "ENG", "2021-03-31");
    let now = coverage_at(&data, &def, &scope, date("2021-03-31"));
    assert_eq!(n.title, "England at 31 Mar 2021");
    assert!(n.level.contains(&pct(now.share)), "{}", n.level);
    assert!(n.level.contains(&people(now.covered)), "{}", n.level);
    assert!(n.level.contains(&people(now.base)), "{}", n.level);
    assert!(n
        .level
        .contains(&format!("ONS mid-{}", now.population_year)));
    assert!(n.level.contains(&format!("{} sites", now.live_sites)));

    let before = coverage_at(&data, &def, &scope, date("2020-12-31"));
    assert!(n.change.contains(&pct(before.share)), "{}", n.change);
    assert!(n.change.contains("31 Dec 2020"), "{}", n.change);
    // No ICS was designated between Dec 2020 and Mar 2021 in the data: the same share.
    assert!((now.share - before.share).abs() < 0.0005);
    assert!(n.change.starts_with("That is unchanged"), "{}", n.change);

    let target = data.manifest.target.share;
    assert!(
        now.share >= target,
        "the default data has England above 50% at the deadline"
    );
    let above = format!("{:.1} points above", (now.share - target) * 100.0);
    assert!(n.gap.contains(&above), "{} should say {above}", n.gap);

    let o = outlook(&data, &def, &scope, date("2021-03-31"));
    assert_eq!(o.verdict, Verdict::Met);
    assert!(n.outlook.starts_with("Target met"), "{}", n.outlook);

    let shares: Vec<f64> = alternatives(&def)
        .iter()
        .map(|(_, d)| coverage_at(&data, d, &scope, date("2021-03-31")).share)
        .collect();
    let lo = shares.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = shares.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    assert!(
        n.caveat.contains(&format!("{} to {}", pct(lo), pct(hi))),
        "{}",
        n.caveat
    );
    assert!(n.caveat.contains("National Audit Office"));
    assert!(n.caveat.contains(&def.short()));
    assert_eq!(n.text(), n.paragraphs().join(" "));
}

#[test]
fn the_change_over_the_quarter_is_the_difference_of_the_two_figures() {
    let data = default_data();
    let def = Definition::default();
    let (n, scope) = tell(&data, &def, "ENG", "2021-01-31");
    let now = coverage_at(&data, &def, &scope, date("2021-01-31"));
    let before = coverage_at(&data, &def, &scope, date("2020-10-31"));
    assert!(
        now.share > before.share + 0.0005,
        "the Dec 2020 ICS wave lies between"
    );
    let delta = format!("up {:.1} points", (now.share - before.share) * 100.0);
    assert!(n.change.contains(&delta), "{} should say {delta}", n.change);
    assert!(n.change.contains(&pct(before.share)) && n.change.contains("31 Oct 2020"));
    println!("{}", n.text());
}

#[test]
fn below_target_the_gap_and_the_verdict_follow_the_outlook() {
    let data = default_data();
    let def = Definition {
        models: vec![ModelType::Ics],
        ..Definition::default()
    };
    let (n, scope) = tell(&data, &def, "E40000003", "2018-06-30");
    let as_at = date("2018-06-30");
    let now = coverage_at(&data, &def, &scope, as_at);
    let o = outlook(&data, &def, &scope, as_at);
    let target = data.manifest.target.share;
    assert!(
        now.share < target,
        "London under ACS/ICS only is below 50% in mid-2018"
    );
    assert!(n.title.starts_with("London"));
    let short = format!("{:.1} points short", (target - now.share) * 100.0);
    assert!(n.gap.contains(&short), "{} should say {short}", n.gap);
    assert!(n.gap.contains("2 years 9 months left"), "{}", n.gap);
    let label = o.verdict.label();
    assert!(
        n.outlook.starts_with(label),
        "{} should start with {label}",
        n.outlook
    );
    assert!(
        n.outlook
            .contains(&format!("{:+.2} points a month", o.central.rate * 100.0)),
        "{}",
        n.outlook
    );
}

#[test]
fn at_the_start_of_the_data_there_is_no_earlier_quarter() {
    let data = default_data();
    let (n, _) = tell(&data, &Definition::default(), "ENG", "2015-01-31");
    assert!(
        n.change.contains("no figure three months earlier"),
        "{}",
        n.change
    );
}

#[test]
fn no_model_types_selected_still_reads() {
    let data = default_data();
    let def = Definition {
        models: Vec::new(),
        ..Definition::default()
    };
    let (n, _) = tell(&data, &def, "ENG", "2020-06-30");
    assert!(n.level.contains("0.0%"), "{}", n.level);
    assert!(n.caveat.contains("no model types"), "{}", n.caveat);
}
