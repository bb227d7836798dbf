//! The view as a URL query (src/view_state.rs): every field round-trips, defaults write nothing,
//! and bad, garbled, huge or repeated parameters fall back to the defaults with a problem, never a
//! panic. Codes are checked against the real default data.

mod common;

use common::{date, default_data};
use coverboard::coverage::{OverlapRule, PartialRule, PopulationBase};
use coverboard::map_chart::{ColourBy, MapLevel};
use coverboard::model::{DataSet, ModelType};
use coverboard::view_state::{decode, encode, parse_pairs, ViewQuery};
use std::sync::OnceLock;

fn data() -> &'static DataSet {
    static DATA: OnceLock<DataSet> = OnceLock::new();
    DATA.get_or_init(default_data)
}

fn defaults() -> ViewQuery {
    // The data's target date: the 2020/21 deadline.
    ViewQuery::defaults(date("2021-03-31"))
}

fn read(query: &str) -> (ViewQuery, Vec<String>) {
    ViewQuery::from_query(query, data())
}

/// Reads a query that must have no problems.
fn read_clean(query: &str) -> ViewQuery {
    let (view, problems) = read(query);
    assert!(problems.is_empty(), "{query}: {problems:#?}");
    view
}

fn all_models() -> Vec<ModelType> {
    vec![
        ModelType::Pacs,
        ModelType::Mcp,
        ModelType::Ehch,
        ModelType::Uec,
        ModelType::Ics,
    ]
}

#[test]
fn the_default_data_has_that_target_date() {
    assert_eq!(data().target_date, date("2021-03-31"));
}

#[test]
fn defaults_give_an_empty_query_and_an_empty_query_gives_the_defaults() {
    assert_eq!(defaults().to_query(), "");
    assert_eq!(read_clean(""), defaults());
    assert_eq!(read_clean("?"), defaults());
    // England spelt any way is still the default.
    for q in ["?region=ENG", "?region=E92000001", "?region=eng"] {
        let v = read_clean(q);
        assert_eq!(v, defaults(), "{q}");
        assert_eq!(v.to_query(), "", "{q}");
    }
    // Defaults written out explicitly are accepted and dropped again.
    let explicit = "?date=2021-03-31&models=pacs,mcp,ehch,uec,ics&partial=whole&overlap=once\
                    &base=year&events=0&projection=1&map=stp-coverage-closed";
    let v = read_clean(explicit);
    assert_eq!(v, defaults());
    assert_eq!(v.to_query(), "");
}

#[test]
fn default_view_fields_are_the_dashboard_defaults() {
    let d = defaults();
    assert_eq!(d.region, "ENG");
    assert_eq!(d.as_at, date("2021-03-31"));
    assert_eq!(d.models, all_models());
    assert_eq!(d.partial, PartialRule::CountWholeFootprint);
    assert_eq!(d.overlap, OverlapRule::Once);
    assert_eq!(d.base, PopulationBase::YearOfDate);
    assert!(!d.show_events);
    assert!(d.show_projection);
    assert!(!d.map_open);
    assert_eq!(d.map_level, MapLevel::Stp);
    assert_eq!(d.map_colour, ColourBy::Coverage);
    assert_eq!(d.slide, None);
}

/// Each field changed on its own: the query written by hand, and the way back.
#[test]
fn every_field_round_trips_on_its_own() {
    let d = defaults();
    let cases: Vec<(ViewQuery, &str)> = vec![
        (
            ViewQuery {
                region: "E40000003".into(),
                ..d.clone()
            },
            "?region=E40000003",
        ),
        (
            // An STP, as picked on the map.
            ViewQuery {
                region: "E54000027".into(),
                ..d.clone()
            },
            "?region=E54000027",
        ),
        (
            ViewQuery {
                as_at: date("2019-06-30"),
                ..d.clone()
            },
            "?date=2019-06-30",
        ),
        (
            ViewQuery {
                models: vec![ModelType::Ics],
                ..d.clone()
            },
            "?models=ics",
        ),
        (
            ViewQuery {
                models: vec![
                    ModelType::Pacs,
                    ModelType::Mcp,
                    ModelType::Ehch,
                    ModelType::Ics,
                ],
                ..d.clone()
            },
            "?models=pacs,mcp,ehch,ics",
        ),
        (
            ViewQuery {
                models: vec![],
                ..d.clone()
            },
            "?models=none",
        ),
        (
            ViewQuery {
                partial: PartialRule::Exclude,
                ..d.clone()
            },
            "?partial=exclude",
        ),
        (
            ViewQuery {
                overlap: OverlapRule::Summed,
                ..d.clone()
            },
            "?overlap=summed",
        ),
        (
            ViewQuery {
                base: PopulationBase::Fixed(2015),
                ..d.clone()
            },
            "?base=2015",
        ),
        (
            ViewQuery {
                base: PopulationBase::Fixed(2020),
                ..d.clone()
            },
            "?base=2020",
        ),
        (
            ViewQuery {
                show_events: true,
                ..d.clone()
            },
            "?events=1",
        ),
        (
            ViewQuery {
                show_projection: false,
                ..d.clone()
            },
            "?projection=0",
        ),
        (
            ViewQuery {
                map_open: true,
                ..d.clone()
            },
            "?map=stp",
        ),
        (
            ViewQuery {
                map_open: true,
                map_level: MapLevel::Region,
                ..d.clone()
            },
            "?map=region",
        ),
        (
            ViewQuery {
                map_open: true,
                map_colour: ColourBy::Designation,
                ..d.clone()
            },
            "?map=stp-designation",
        ),
        (
            // Closed, but the map's choices still differ from the defaults: kept.
            ViewQuery {
                map_level: MapLevel::Region,
                map_colour: ColourBy::Designation,
                ..d.clone()
            },
            "?map=region-designation-closed",
        ),
        (
            ViewQuery {
                slide: Some(0),
                ..d.clone()
            },
            "?slide=1",
        ),
        (
            ViewQuery {
                slide: Some(6),
                ..d.clone()
            },
            "?slide=7",
        ),
    ];
    for (view, query) in cases {
        assert_eq!(view.to_query(), query);
        assert_eq!(read_clean(query), view, "{query}");
    }
}

#[test]
fn everything_at_once_in_a_stable_order() {
    let view = ViewQuery {
        region: "E40000003".into(),
        as_at: date("2019-06-30"),
        models: vec![ModelType::Ics, ModelType::Pacs],
        partial: PartialRule::Exclude,
        overlap: OverlapRule::Summed,
        base: PopulationBase::Fixed(2015),
        show_events: true,
        show_projection: false,
        map_open: true,
        map_level: MapLevel::Region,
        map_colour: ColourBy::Designation,
        slide: Some(2),
        ..defaults()
    };
    let q = "?region=E40000003&date=2019-06-30&models=pacs,ics&partial=exclude&overlap=summed\
             &base=2015&events=1&projection=0&map=region-designation&slide=3";
    assert_eq!(view.to_query(), q);
    let back = read_clean(q);
    // Models come back sorted (PACS before ICS), which is the same set.
    assert_eq!(back.models, vec![ModelType::Pacs, ModelType::Ics]);
    assert_eq!(back, view.clone().normalised());
    // The parameters in any order, in any case, mean the same view.
    let shuffled = "slide=3&MAP=Region-Designation&projection=false&events=yes&base=2015\
                    &Overlap=SUMMED&partial=Exclude&models=ICS,pacs&date=2019-06-30&region=e40000003";
    assert_eq!(read_clean(shuffled), back);
}

#[test]
fn model_lists_are_sets_in_any_spelling() {
    assert_eq!(read_clean("?models=ics").models, vec![ModelType::Ics]);
    assert_eq!(read_clean("?models=acs").models, vec![ModelType::Ics]);
    assert_eq!(read_clean("?models=ACS%2FICS").models, vec![ModelType::Ics]);
    assert_eq!(
        read_clean("?models=uec,pacs,uec,,pacs").models,
        vec![ModelType::Pacs, ModelType::Uec]
    );
    assert_eq!(
        read_clean("?models=ics%2Cpacs").models,
        vec![ModelType::Pacs, ModelType::Ics]
    );
    assert_eq!(read_clean("?models=NONE").models, Vec::<ModelType>::new());
    // The same set written in another order writes the same query.
    assert_eq!(
        read_clean("?models=ics,uec").to_query(),
        read_clean("?models=uec,ics").to_query()
    );
}

#[test]
fn unknown_region_is_rejected_using_the_real_data() {
    let (view, problems) = read("?region=XYZ");
    assert_eq!(view, defaults());
    assert_eq!(problems.len(), 1, "{problems:?}");
    let p = &problems[0];
    assert!(p.contains("region"), "{p}");
    assert!(p.contains("XYZ"), "{p}");
    assert!(p.contains("All England"), "{p}");
    // A code that looks right but is not in the data.
    let (view, problems) = read("?region=E40000099");
    assert_eq!(view.region, "ENG");
    assert!(problems[0].contains("E40000099"), "{problems:?}");
}

#[test]
fn every_region_and_stp_of_the_data_is_accepted() {
    let d = data();
    assert_eq!(d.areas.regions.len(), 7);
    for code in &d.areas.regions {
        let v = read_clean(&format!("?region={code}"));
        assert_eq!(&v.region, code);
    }
    let stps: Vec<&String> = d
        .areas
        .by_code
        .values()
        .filter(|a| a.level == coverboard::model::AreaLevel::Stp)
        .map(|a| &a.code)
        .collect();
    assert_eq!(stps.len(), 42);
    for code in stps {
        assert_eq!(&read_clean(&format!("?region={code}")).region, code);
    }
}

#[test]
fn areas_the_dashboard_cannot_filter_to_are_rejected_with_their_level() {
    // A CCG and a local authority district of the data (Brent, in North West London).
    for (code, level) in [
        ("E38000256", "CCG"),
        ("E09000005", "local authority district"),
    ] {
        assert!(data().areas.area(code).is_some(), "{code} is in the data");
        let (view, problems) = read(&format!("?region={code}"));
        assert_eq!(view.region, "ENG");
        assert_eq!(problems.len(), 1);
        assert!(problems[0].contains(code), "{problems:?}");
        assert!(problems[0].contains(level), "{problems:?}");
    }
}

#[test]
fn dates_must_be_real_and_inside_the_period() {
    assert_eq!(read_clean("?date=2015-01-01").as_at, date("2015-01-01"));
    assert_eq!(read_clean("?date=2022-03-31").as_at, date("2022-03-31"));
    assert_eq!(read_clean("?date=2020-02-29").as_at, date("2020-02-29"));
    let cases = [
        ("2021-02-31", "not a real calendar day"),
        ("2019-02-29", "not a real calendar day"),
        ("2014-12-31", "outside the data's period"),
        ("2022-04-01", "outside the data's period"),
        ("1850-01-01", "outside the data's period"),
        ("99999-01-01", "not a date"),
        ("2019-06", "not a date"),
        ("30/06/2019", "not a date"),
        ("yesterday", "not a date"),
    ];
    for (value, why) in cases {
        let (view, problems) = read(&format!("?date={value}"));
        assert_eq!(view.as_at, date("2021-03-31"), "{value}");
        assert_eq!(problems.len(), 1, "{value}: {problems:?}");
        let p = &problems[0];
        assert!(p.contains("date"), "{p}");
        assert!(p.contains(value), "{p}");
        assert!(p.contains(why), "{value}: {p}");
        assert!(p.contains("31 Mar 2021"), "says what is shown instead: {p}");
    }
}

#[test]
fn bad_models_fall_back_to_the_default_set() {
    for (q, names) in [
        ("?models=foo", vec!["foo"]),
        ("?models=ics,foo,bar", vec!["foo", "bar"]),
        ("?models=acc", vec!["acc"]),
        ("?models=ics,acc", vec!["acc"]),
    ] {
        let (view, problems) = read(q);
        assert_eq!(view.models, all_models(), "{q}");
        assert_eq!(problems.len(), 1, "{q}: {problems:?}");
        assert!(problems[0].contains("model types"), "{problems:?}");
        for n in names {
            assert!(problems[0].contains(n), "{q}: {problems:?}");
        }
    }
}

#[test]
fn bad_slides_bases_flags_and_maps_fall_back() {
    let bad = [
        ("slide", "-1"),
        ("slide", "0"),
        ("slide", "100"),
        ("slide", "3.5"),
        ("slide", "99999999999999999999999999"),
        ("base", "2030"),
        ("base", "1999"),
        ("base", "lots"),
        ("partial", "some"),
        ("overlap", "twice"),
        ("events", "maybe"),
        ("projection", "2"),
        ("map", "world"),
        ("map", "stp-region"),
        ("map", "stp-open-closed"),
        ("map", "stp--designation"),
    ];
    for (key, value) in bad {
        let q = format!("?{key}={value}");
        let (view, problems) = read(&q);
        assert_eq!(view, defaults(), "{q}");
        assert_eq!(problems.len(), 1, "{q}: {problems:?}");
        assert!(problems[0].contains(key), "{q}: {problems:?}");
        assert!(problems[0].contains(value), "{q}: {problems:?}");
    }
    assert_eq!(read_clean("?slide=99").slide, Some(98));
    assert_eq!(read_clean("?slide=%2B1").slide, Some(0));
    assert!(read_clean("?map=open").map_open);
    assert_eq!(
        read_clean("?map=designation-region").map_level,
        MapLevel::Region
    );
}

#[test]
fn the_garbage_link_of_the_issue_names_every_bad_value() {
    let (view, problems) = read("?region=XYZ&date=2021-02-31&models=foo&slide=-1");
    assert_eq!(view, defaults());
    assert_eq!(problems.len(), 4, "{problems:#?}");
    for value in ["XYZ", "2021-02-31", "foo", "-1"] {
        assert_eq!(
            problems.iter().filter(|p| p.contains(value)).count(),
            1,
            "{value}: {problems:#?}"
        );
    }
    // In the order coverboard writes parameters, whatever the link's order.
    let (_, reordered) = read("?slide=-1&models=foo&date=2021-02-31&region=XYZ");
    assert_eq!(reordered, problems);
    assert!(problems[0].contains("XYZ") && problems[3].contains("-1"));
    // A good value beside bad ones is still used.
    let (view, problems) = read("?region=XYZ&overlap=summed");
    assert_eq!(view.overlap, OverlapRule::Summed);
    assert_eq!(problems.len(), 1);
}

#[test]
fn unknown_parameters_and_empty_values_are_ignored() {
    let v = read_clean("?utm_source=email&fbclid=abc&x&=&&&region=&date=&region_code=E40000003");
    assert_eq!(v, defaults());
    let v = read_clean("?utm_source=email&overlap=summed#definition");
    assert_eq!(v.overlap, OverlapRule::Summed);
}

#[test]
fn repeated_parameters_use_the_first_and_say_so_when_they_differ() {
    let v = read_clean("?overlap=summed&overlap=summed");
    assert_eq!(v.overlap, OverlapRule::Summed);
    let (v, problems) = read("?region=E40000003&region=E40000005&region=E40000006");
    assert_eq!(v.region, "E40000003");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("region"));
    assert!(problems[0].contains("E40000003") && problems[0].contains("E40000005"));
    // A bad first value falls back; the later good one is not silently taken instead.
    let (v, problems) = read("?slide=x&slide=2");
    assert_eq!(v.slide, None);
    assert_eq!(problems.len(), 2, "{problems:?}");
}

#[test]
fn percent_encoding_is_read_and_written() {
    assert_eq!(read_clean("?region=%45%34%30000003").region, "E40000003");
    assert_eq!(read_clean("?%72egion=E40000003").region, "E40000003");
    assert_eq!(read_clean("?date=2019%2D06%2D30").as_at, date("2019-06-30"));
    // Malformed escapes are kept literally and reported, not decoded into something else.
    let (v, problems) = read("?region=%E4%zz%");
    assert_eq!(v.region, "ENG");
    assert_eq!(problems.len(), 1);
    assert!(problems[0].contains("%zz%"), "{problems:?}");
    assert_eq!(decode("a+b%20c%2"), "a b c%2");
    assert_eq!(decode("%C3%A9t%C3%A9"), "été");
    assert_eq!(encode("a b&c=d/é,-._~"), "a%20b%26c%3Dd%2F%C3%A9,-._~");
    assert_eq!(
        parse_pairs("?a=1&b&=c&d=%3D"),
        vec![
            ("a".to_string(), "1".to_string()),
            ("b".to_string(), String::new()),
            (String::new(), "c".to_string()),
            ("d".to_string(), "=".to_string()),
        ]
    );
}

#[test]
fn a_region_that_needs_encoding_is_encoded() {
    // Not a code the data has, but whatever the view holds must come out as one safe parameter.
    let v = ViewQuery {
        region: "A&B=C D".into(),
        ..defaults()
    };
    let q = v.to_query();
    assert_eq!(q, "?region=A%26B%3DC%20D");
    let pairs = parse_pairs(&q);
    assert_eq!(pairs, vec![("region".to_string(), "A&B=C D".to_string())]);
}

/// A small deterministic generator, so failures are reproducible.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn garbage_never_panics_and_every_problem_is_a_readable_sentence() {
    let alphabet: Vec<char> = "%&=+?#,-;._~ aZ09\u{0}\u{7f}é€💥\\/\"'<>regiondatemodelsslidemap"
        .chars()
        .collect();
    let keys = [
        "region",
        "date",
        "models",
        "partial",
        "overlap",
        "base",
        "events",
        "projection",
        "map",
        "slide",
        "REGION",
        "x",
    ];
    let mut rng = Lcg(20_240_601);
    for _ in 0..3000 {
        let mut q = String::from("?");
        for _ in 0..rng.below(8) {
            q.push_str(keys[rng.below(keys.len())]);
            q.push('=');
            for _ in 0..rng.below(24) {
                q.push(alphabet[rng.below(alphabet.len())]);
            }
            q.push('&');
        }
        let (view, problems) = read(&q);
        // Whatever was read is a valid view: it writes a query that reads back cleanly to itself.
        let again = read_clean(&view.to_query());
        assert_eq!(again, view, "{q:?}");
        for p in &problems {
            assert!(p.ends_with('.'), "{p}");
            assert!(!p.chars().any(char::is_control), "{p:?}");
            assert!(p.chars().count() < 400, "{p}");
        }
    }
}

#[test]
fn huge_inputs_are_handled_and_problems_stay_short() {
    let long_value = "X".repeat(1_000_000);
    let (view, problems) = read(&format!("?region={long_value}"));
    assert_eq!(view.region, "ENG");
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].chars().count() < 200,
        "quoted value is cut short"
    );
    assert!(problems[0].contains('…'));

    // A hundred thousand repeats with different values: one problem, not a hundred thousand.
    let many: String = (0..100_000).map(|i| format!("slide={i}&")).collect();
    let (view, problems) = read(&many);
    assert_eq!(
        view.slide, None,
        "slide=0 (the first) is not a slide number"
    );
    assert_eq!(problems.len(), 2, "{:?}", problems.get(..3));

    let ampersands = "&".repeat(500_000);
    assert_eq!(read_clean(&ampersands), defaults());
    let codes: String = (0..50_000).map(|i| format!("m{i},")).collect();
    let (view, problems) = read(&format!("?models={codes}"));
    assert_eq!(view.models, all_models());
    assert!(problems[0].contains("and 49997 more"), "{}", &problems[0]);
    assert!(problems[0].chars().count() < 400);
    let percents = "%".repeat(200_000);
    assert_eq!(read_clean(&percents), defaults());
}

#[test]
fn random_valid_views_round_trip() {
    let d = data();
    let regions: Vec<String> = std::iter::once("ENG".to_string())
        .chain(d.areas.regions.iter().cloned())
        .chain(["E54000027".to_string()])
        .collect();
    let places = [
        ModelType::Pacs,
        ModelType::Mcp,
        ModelType::Ehch,
        ModelType::Uec,
        ModelType::Ics,
    ];
    let first = date("2015-01-01");
    let mut rng = Lcg(7);
    for _ in 0..2000 {
        // Any day of the period, January 2015 to March 2022 (87 months).
        let month = first.add_months(rng.below(87) as i32);
        let day = 1 + rng.below(28) as u8;
        let as_at = coverboard::date::Date::new(month.year(), month.month(), day).unwrap_or(month);
        let view = ViewQuery {
            region: regions[rng.below(regions.len())].clone(),
            as_at,
            models: places
                .iter()
                .copied()
                .filter(|_| rng.below(2) == 1)
                .collect(),
            partial: [PartialRule::CountWholeFootprint, PartialRule::Exclude][rng.below(2)],
            overlap: [OverlapRule::Once, OverlapRule::Summed][rng.below(2)],
            base: [
                PopulationBase::YearOfDate,
                PopulationBase::Fixed(2015),
                PopulationBase::Fixed(2020),
            ][rng.below(3)],
            show_events: rng.below(2) == 1,
            show_projection: rng.below(2) == 1,
            map_open: rng.below(2) == 1,
            map_level: [MapLevel::Stp, MapLevel::Region][rng.below(2)],
            map_colour: [ColourBy::Coverage, ColourBy::Designation][rng.below(2)],
            slide: [None, Some(rng.below(20))][rng.below(2)],
            ..defaults()
        };
        let q = view.to_query();
        assert_eq!(read_clean(&q), view, "{q}");
        // Short and readable: nothing needed escaping.
        assert!(!q.contains('%'), "{q}");
    }
}
