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
                let past = as_at >= data.target_date;
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

// ---------- the boundaries of the outlook ----------

use coverboard::narrative::narrative;
use coverboard::projection::{NoVerdict, Outlook};
use coverboard::summary::verdict_reason;

/// Every "N points a month" in `text`, as numbers.
fn rates_a_month(text: &str) -> Vec<f64> {
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .windows(4)
        .filter(|w| w[1] == "points" && w[2] == "a" && w[3].starts_with("month"))
        .filter_map(|w| w[0].trim_start_matches('(').parse::<f64>().ok())
        .collect()
}

fn story(
    data: &coverboard::model::DataSet,
    def: &Definition,
    scope: &Scope,
    o: &Outlook,
) -> String {
    narrative(data, def, scope, o.current.date, o, date("2015-01-01")).text()
}

#[test]
fn on_the_deadline_day_the_verdict_is_met_or_missed_never_a_rate() {
    // The dashboard's default date is the deadline. Midlands, ACS/ICS only, was below 50% on
    // 31 Mar 2021: once reported as "Off track … needs +590.62 points a month".
    let data = default_data();
    let midlands = Scope::new(&data.areas, "E40000008");
    let ics = Definition::with_models(&[ModelType::Ics]);
    let o = outlook(&data, &ics, &midlands, data.target_date);
    assert!(o.current.share < 0.5, "{}", o.current.share);
    assert_eq!(o.verdict, Verdict::Missed);
    assert_eq!(o.required_rate, None);
    assert_eq!(o.at_deadline_actual, Some(o.current.share));
    let short = o.shortfall.expect("a shortfall below the target");
    assert!((short.points - (0.5 - o.current.share) * 100.0).abs() < 1e-9);
    let want_people = ((0.5 - o.current.share) * o.current.base as f64).round() as u64;
    assert_eq!(short.people, want_people);
    let reason = verdict_reason(&o);
    assert!(reason.contains("below 50.0%"), "{reason}");
    assert!(
        reason.contains(&coverboard::summary::people(want_people)),
        "{reason}"
    );
    let text = story(&data, &ics, &midlands, &o);
    assert!(text.contains("Target missed"), "{text}");
    assert!(
        !text.contains("needs"),
        "no rate required on the deadline: {text}"
    );
    // The only rate a month left is the trailing run-rate, which is data.
    for r in rates_a_month(&text) {
        assert!(r.abs() <= 100.0, "{r} in {text}");
    }
}

#[test]
fn a_scope_at_or_above_the_target_on_the_deadline_is_met() {
    let data = default_data();
    let eng = Scope::new(&data.areas, "ENG");
    let ics = Definition::with_models(&[ModelType::Ics]);
    let o = outlook(&data, &ics, &eng, data.target_date);
    assert!(o.current.share >= 0.5);
    assert_eq!(o.verdict, Verdict::Met);
    assert_eq!(o.shortfall, None);
    assert_eq!(o.required_rate, None);
}

#[test]
fn with_less_than_a_month_left_the_gain_is_given_not_a_rate() {
    let data = default_data();
    let midlands = Scope::new(&data.areas, "E40000008");
    let ics = Definition::with_models(&[ModelType::Ics]);
    let day_before = date("2021-03-30");
    let o = outlook(&data, &ics, &midlands, day_before);
    assert_eq!(o.required_rate, None, "one day left");
    assert!(matches!(o.verdict, Verdict::OffTrack | Verdict::OnTrack));
    let short = o.shortfall.expect("below the target");
    assert!(short.points > 0.0);
    let text = story(&data, &ics, &midlands, &o);
    assert!(text.contains("in the 1 day left"), "{text}");
    for r in rates_a_month(&text) {
        assert!(r.abs() <= 100.0, "{r} in {text}");
    }
    // A month and more before, the rate a month comes back, and it is the gap over the months.
    let month_before = date("2021-02-28");
    let o = outlook(&data, &ics, &midlands, month_before);
    let r = o.required_rate.expect("a month left");
    let months = month_before.months_until(data.target_date);
    assert!(months >= 1.0);
    assert!((r - (0.5 - o.current.share) / months).abs() < 1e-12);
}

#[test]
fn an_own_list_of_two_sites_on_the_deadline_is_missed_with_its_shortfall() {
    // Once "+1427.65 points a month" in the deck for a two-site own file on the deadline.
    let data = tiny::with_sites(
        "A,A,ICS,2019-01-01,,P1,whole,yes,verified\nB,B,MCP,2020-06-01,,P3,whole,yes,verified\n",
    );
    let eng = Scope::new(&data.areas, "ENG");
    let o = outlook(&data, &Definition::default(), &eng, data.target_date);
    // 110 + 300 of 1,000 in 2020: 41%.
    assert!((o.current.share - 0.41).abs() < 1e-12);
    assert_eq!(o.verdict, Verdict::Missed);
    assert_eq!(o.required_rate, None);
    let short = o.shortfall.expect("short");
    assert!((short.points - 9.0).abs() < 1e-9);
    assert_eq!(short.people, 90);
}

#[test]
fn no_change_projects_no_date_and_is_off_track() {
    let data = tiny::with_sites("A,A,ICS,2018-01-01,,P2,whole,yes,verified\n");
    let eng = Scope::new(&data.areas, "ENG");
    let o = outlook(&data, &Definition::default(), &eng, date("2020-06-30"));
    assert!(o
        .fan
        .iter()
        .all(|p| p.rate == 0.0 && p.reaches_target.is_none()));
    assert_eq!(o.verdict, Verdict::OffTrack);
    assert!(o.required_rate.expect("six months left") > 0.0);
}

#[test]
fn before_anything_has_started_there_is_no_verdict() {
    // The only site starts in July 2020: at the end of March nothing under the definition had
    // started, so "off track" would judge a programme that had not begun.
    let data = tiny::with_sites("A,A,ICS,2020-07-01,,P1,whole,yes,verified\n");
    let eng = Scope::new(&data.areas, "ENG");
    let def = Definition::default();
    let o = outlook(&data, &def, &eng, date("2020-03-31"));
    assert_eq!(o.verdict, Verdict::NoVerdict);
    assert_eq!(o.no_verdict, Some(NoVerdict::NotStarted));
    assert_eq!(o.required_rate, None);
    assert_eq!(o.shortfall, None);
    let text = story(&data, &def, &eng, &o);
    assert!(text.contains("No verdict"), "{text}");
    assert!(!text.contains("Off track"), "{text}");
    // Once the deadline has come, nothing having started is a missed target, not "no verdict".
    let o = outlook(&data, &def, &eng, date("2020-12-31"));
    assert_ne!(o.verdict, Verdict::NoVerdict);
}

#[test]
fn a_scope_with_no_population_has_no_figure_and_no_verdict() {
    // Region two's pieces have no 2020 population.
    let areas = tiny::AREAS
        .replace("Region two,300,300", "Region two,300,")
        .replace("Region two,400,390", "Region two,400,");
    let sites = format!(
        "{}A,A,ICS,2019-01-01,,P3,whole,yes,verified\n",
        tiny::SITES_HEADER
    );
    let texts = coverboard::parse::Texts {
        areas: &areas,
        sites: &sites,
        milestones: "date,label\n",
    };
    let data = coverboard::parse::load("manifest.json", tiny::manifest(), &texts).expect("loads");
    let r2 = Scope::new(&data.areas, "R2");
    let def = Definition::default();
    let o = outlook(&data, &def, &r2, date("2020-09-30"));
    assert_eq!(o.current.base, 0);
    assert_eq!(o.verdict, Verdict::NoVerdict);
    assert_eq!(o.no_verdict, Some(NoVerdict::NoPopulation));
    assert_eq!(o.shortfall, None);
    assert_eq!(coverboard::summary::coverage_figure(&o), "No figure");
    let text = story(&data, &def, &r2, &o);
    assert!(!text.contains(" 0.0%"), "no 0% that means no data: {text}");
    // On the deadline too.
    let o = outlook(&data, &def, &r2, data.target_date);
    assert_eq!(o.verdict, Verdict::NoVerdict);
}

#[test]
fn the_last_month_of_data_has_a_verdict_from_data() {
    let data = default_data();
    let eng = Scope::new(&data.areas, "ENG");
    let o = outlook(&data, &Definition::default(), &eng, date("2022-03-31"));
    assert_ne!(o.verdict, Verdict::NoVerdict);
    assert!(o.at_deadline_actual.is_some());
    assert_eq!(o.required_rate, None);
}
