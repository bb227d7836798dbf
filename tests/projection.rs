//! The projection: run-rates over trailing windows, required rate, date reached and verdict,
//! on the tiny hand-made England (figures by hand) and on the default data.

mod common;
#[path = "common/tiny.rs"]
mod tiny;

use common::{date, default_data};
use coverboard::coverage::{Definition, Scope};
use coverboard::model::ModelType;
use coverboard::projection::{outlook, Verdict, WINDOWS};

#[test]
fn steady_growth_projects_a_straight_line() {
    // Two ICSs on the tiny England: P1 (110 people in 2020) from Jan 2020, P2 (200) from Jul 2020.
    let data = tiny::with_sites(
        "A,A,ICS,2020-01-01,,P1,whole,yes,verified\nB,B,ICS,2020-07-01,,P2,whole,yes,verified\n",
    );
    let eng = Scope::new(&data.areas, "ENG");
    let def = Definition::with_models(&[ModelType::Ics]);
    // Target 50% by 2020-12-31 (tiny manifest). At 2020-07-31: 310/1000 = 31%.
    let o = outlook(&data, &def, &eng, date("2020-07-31"));
    assert!((o.current.share - 0.31).abs() < 1e-12);
    // 12-month window: 0% at 2019-07-31 to 31%: 31 points in 12 months.
    let central = &o.central;
    assert_eq!(central.window_months, 12);
    assert!(
        (central.rate - 0.31 / 12.0).abs() < 1e-3,
        "{}",
        central.rate
    );
    // Required: 19 points in 5 months.
    let required = o.required_rate.expect("below target before the deadline");
    assert!((required - 0.19 / date("2020-07-31").months_until(date("2020-12-31"))).abs() < 1e-12);
    assert_eq!(o.fan.len(), WINDOWS.len());
    // The 3-month window saw +20 points (P2) in 3 months: the fastest rate, reaching 50% first.
    let three = &o.fan[0];
    assert!(three.rate > central.rate);
    assert!(three.reaches_target.expect("reaches") < central.reaches_target.expect("reaches"));
    assert_eq!(
        o.verdict,
        if central.at_deadline >= 0.5 {
            Verdict::OnTrack
        } else {
            Verdict::OffTrack
        }
    );
    assert_eq!(
        o.verdict,
        Verdict::OffTrack,
        "31% + 2.6 points a month for 5 months < 50%"
    );
}

#[test]
fn no_growth_never_reaches_the_target() {
    let data = tiny::with_sites("A,A,ICS,2019-01-01,,P1,whole,yes,verified\n");
    let o = outlook(
        &data,
        &Definition::with_models(&[ModelType::Ics]),
        &Scope::new(&data.areas, "ENG"),
        date("2020-06-30"),
    );
    assert!(o
        .fan
        .iter()
        .all(|p| p.reaches_target.is_none() || p.rate > 0.0));
    assert_eq!(o.verdict, Verdict::OffTrack);
}

#[test]
fn after_the_deadline_the_verdict_uses_the_actual_figure() {
    let data = default_data();
    let eng = Scope::new(&data.areas, "ENG");
    let ics = Definition::with_models(&[ModelType::Ics]);
    let o = outlook(&data, &ics, &eng, date("2021-06-30"));
    let at_deadline = o.at_deadline_actual.expect("past the deadline");
    assert!(at_deadline > 0.5);
    assert_eq!(o.verdict, Verdict::Met);
    // ICS coverage first reached 50% at the end of December 2020 (the 11 of 3 Dec 2020).
    assert_eq!(o.first_met, Some(date("2020-12-31")));
    // Vanguards alone never reached it.
    let vanguards = Definition::with_models(&ModelType::PLACE_BASED_VANGUARDS);
    let v = outlook(&data, &vanguards, &eng, date("2021-06-30"));
    assert_eq!(v.verdict, Verdict::Missed);
    assert_eq!(v.first_met, None);
}

#[test]
fn ics_in_june_2019_was_off_track_at_its_trailing_rate() {
    // From 30 Jun 2018 to 30 Jun 2019 ICS coverage grew from about 28% to 37.6%: under a point a
    // month, short of the 12.4 points needed in 21 months.
    let data = default_data();
    let o = outlook(
        &data,
        &Definition::with_models(&[ModelType::Ics]),
        &Scope::new(&data.areas, "ENG"),
        date("2019-06-30"),
    );
    assert!(o.central.rate * 100.0 < 1.0, "{}", o.central.rate);
    assert!(o.required_rate.expect("needed") * 100.0 > 0.55);
    assert_eq!(
        o.verdict,
        if o.central.at_deadline >= 0.5 {
            Verdict::OnTrack
        } else {
            Verdict::OffTrack
        }
    );
}

/// The outlook reads every date from one sweep (`coverage::series`); each figure equals
/// `coverage_at` at that date, computed here one date at a time, for every region, several
/// definitions and as-at dates before, around and after the deadline.
#[test]
fn the_outlook_equals_coverage_at_date_by_date() {
    use coverboard::coverage::{coverage_at, OverlapRule};
    let data = default_data();
    let scopes = common::england_and_regions(&data);
    let defs = [
        Definition::default(),
        Definition::with_models(&[ModelType::Ics]),
        Definition {
            overlap: OverlapRule::Summed,
            ..Definition::default()
        },
    ];
    let target = data.manifest.target.share;
    for as_at in [
        "2015-03-31",
        "2016-06-15",
        "2019-06-30",
        "2021-03-31",
        "2022-08-31",
    ] {
        let as_at = date(as_at);
        for scope in &scopes {
            for def in &defs {
                let o = outlook(&data, def, scope, as_at);
                let at = |d| coverage_at(&data, def, scope, d);
                assert_eq!(o.current, at(as_at), "{} {as_at}", scope.name);
                for p in &o.fan {
                    let start = as_at.add_months(-p.window_months).end_of_month().min(as_at);
                    let months = start.months_until(as_at).max(1.0);
                    let rate = (o.current.share - at(start).share) / months;
                    assert_eq!(
                        p.rate, rate,
                        "{} {as_at} {}-month rate",
                        scope.name, p.window_months
                    );
                }
                let mut first_met = None;
                let mut month = date("2015-01-31");
                while month < as_at {
                    if at(month).share >= target {
                        first_met = Some(month);
                        break;
                    }
                    month = month.add_months(1).end_of_month();
                }
                let first_met = first_met.or((o.current.share >= target).then_some(as_at));
                assert_eq!(o.first_met, first_met, "{} {as_at} first met", scope.name);
                let past = as_at > data.target_date;
                assert_eq!(
                    o.at_deadline_actual,
                    past.then(|| at(data.target_date).share),
                    "{} {as_at} at the deadline",
                    scope.name
                );
            }
        }
    }
}
