//! The sites table's core on the default data (96 sites) and on the tiny hand-made England:
//! counts, filters, search, sorting, and population figures equal to the sums of the pieces; the
//! facts/state split the table uses for long lists agrees with whole rows; the rows drawn in a
//! scroll box (`RowHeights::window`).

mod common;
#[path = "common/tiny.rs"]
mod tiny;

use common::{date, default_data};
use coverboard::coverage::{Definition, PartialRule, PopulationBase, Scope};
use coverboard::model::{DataSet, FootprintFit, ModelType, Status};
use coverboard::sites_table::{
    build_rows, count_text, row_facts, row_states, select, select_states, Counting, Direction,
    LiveState, RowFilter, RowHeights, SiteRow, Sort, SortKey,
};

const AS_AT: &str = "2021-03-31";

fn rows_at(data: &DataSet, def: &Definition, region: &str, as_at: &str) -> Vec<SiteRow> {
    build_rows(data, def, &Scope::new(&data.areas, region), date(as_at))
}

fn ids(rows: &[SiteRow], idx: &[usize]) -> Vec<String> {
    idx.iter().map(|&i| rows[i].id.clone()).collect()
}

fn row<'a>(rows: &'a [SiteRow], id: &str) -> &'a SiteRow {
    rows.iter()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("no row {id}"))
}

#[test]
fn every_site_has_a_row_and_the_default_lists_the_83_that_can_count() {
    let data = default_data();
    let rows = rows_at(&data, &Definition::default(), "ENG", AS_AT);
    assert_eq!(rows.len(), 96);
    assert_eq!(rows.iter().filter(|r| r.model.is_vanguard()).count(), 50);
    assert_eq!(
        rows.iter().filter(|r| r.model == ModelType::Acc).count(),
        13
    );
    assert_eq!(
        rows.iter().filter(|r| r.model == ModelType::Ics).count(),
        46
    );
    let listed = select(&rows, &RowFilter::default(), Sort::default());
    assert_eq!(
        listed.len(),
        83,
        "the 13 ACC networks are hidden by default"
    );
    assert!(listed.iter().all(|&i| rows[i].model != ModelType::Acc));
    let all = select(
        &rows,
        &RowFilter {
            include_non_counting: true,
            ..RowFilter::default()
        },
        Sort::default(),
    );
    assert_eq!(all.len(), 96);
    assert_eq!(
        count_text(listed.len(), rows.len()),
        "Showing 83 of 96 sites"
    );
}

#[test]
fn counting_agrees_with_the_definition_and_says_why_not() {
    let data = default_data();
    let defs = [
        Definition::default(),
        Definition {
            partial: PartialRule::Exclude,
            ..Definition::default()
        },
        Definition::with_models(&[ModelType::Ics]),
        Definition::with_models(&[]),
    ];
    for def in &defs {
        let rows = rows_at(&data, def, "ENG", AS_AT);
        for (site, r) in data.sites.iter().zip(&rows) {
            assert_eq!(
                r.counting.counts(),
                def.counts(site),
                "{} under {:?}",
                site.id,
                def
            );
        }
    }
    let rows = rows_at(&data, &defs[0], "ENG", AS_AT);
    assert_eq!(row(&rows, "V40").counting, Counting::Network);
    assert!(row(&rows, "V40")
        .counting
        .reason(ModelType::Acc)
        .contains("network"));
    assert_eq!(row(&rows, "V01").counting, Counting::Counts);

    // Partial vanguards left out: still listed (their type is counted), each saying why.
    let rows = rows_at(&data, &defs[1], "ENG", AS_AT);
    let partial: Vec<&SiteRow> = rows
        .iter()
        .filter(|r| r.fit == FootprintFit::Partial && r.model != ModelType::Acc)
        .collect();
    assert!(
        !partial.is_empty(),
        "the default data has partial vanguards"
    );
    assert!(partial
        .iter()
        .all(|r| r.counting == Counting::PartialLeftOut));
    let listed = select(&rows, &RowFilter::default(), Sort::default());
    assert_eq!(listed.len(), 83);
    assert!(Counting::PartialLeftOut
        .reason(ModelType::Pacs)
        .contains("only part of its footprint"));

    // ICS only: the 37 place-based vanguards are hidden, and listed with a reason on request.
    let rows = rows_at(&data, &defs[2], "ENG", AS_AT);
    assert_eq!(
        select(&rows, &RowFilter::default(), Sort::default()).len(),
        46
    );
    assert_eq!(row(&rows, "V01").counting, Counting::ModelNotSelected);
    assert_eq!(
        row(&rows, "V01").counting.reason(ModelType::Pacs),
        "PACS is not a model type counted in the chosen definition"
    );
}

#[test]
fn population_is_the_sum_of_the_footprints_pieces_for_the_as_at_year() {
    let data = default_data();
    let def = Definition::default();
    // Wirral (E08000015) is one piece: ONS mid-2015 321,700; mid-2021 320,600.
    let rows = rows_at(&data, &def, "ENG", "2015-06-30");
    let wirral = row(&rows, "V01");
    let p = wirral.population.as_ref().expect("Wirral has a footprint");
    assert_eq!((p.people, p.year, p.incomplete), (321_700, 2015, false));
    assert_eq!(p.status, Status::Derived);
    assert_eq!(p.text(), "321,700");
    let rows = rows_at(&data, &def, "ENG", AS_AT);
    let p = row(&rows, "V01").population.clone().expect("Wirral");
    assert_eq!(
        (p.people, p.year),
        (320_600, 2021),
        "2021 dates use mid-2021"
    );
    // 2022 dates use the nearest year held, mid-2021.
    let rows22 = rows_at(&data, &def, "ENG", "2022-03-31");
    assert_eq!(
        row(&rows22, "V01").population.as_ref().map(|p| p.year),
        Some(2021)
    );

    // Every row equals areas.population of its footprint.
    let yi = data.areas.year_index(2021).expect("2021 held");
    for (site, r) in data.sites.iter().zip(&rows) {
        match &r.population {
            Some(p) => {
                assert_eq!(
                    (p.people, p.incomplete),
                    data.areas.population(&site.footprint, yi),
                    "{}",
                    site.id
                );
                assert!(p.in_scope.is_none(), "England scope: no in-scope part");
            }
            None => assert!(site.footprint.is_empty(), "{} has a footprint", site.id),
        }
    }
    // Networks with no footprint have no defined population rather than 0.
    assert!(row(&rows, "V40").population.is_none());
    assert_eq!(row(&rows, "V40").region_text(), "—");

    // A fixed population base in the definition fixes the year.
    let fixed = Definition {
        base: PopulationBase::Fixed(2015),
        ..Definition::default()
    };
    let rows = rows_at(&data, &fixed, "ENG", AS_AT);
    assert_eq!(
        row(&rows, "V01")
            .population
            .as_ref()
            .map(|p| (p.people, p.year)),
        Some((321_700, 2015))
    );
}

#[test]
fn regions_dates_and_sources_read_as_words() {
    let data = default_data();
    let rows = rows_at(&data, &Definition::default(), "ENG", AS_AT);
    let wirral = row(&rows, "V01");
    assert_eq!(wirral.region_text(), "North West");
    assert_eq!(wirral.live_from, "10 Mar 2015");
    assert_eq!(wirral.live, LiveState::Live);
    assert_eq!(wirral.source_label(), "england.nhs.uk");
    let herts = row(&rows, "I-E54000025");
    assert_eq!(herts.live_from, "Apr 2020 – May 2020");
    assert!(herts.date_note.starts_with("range: April-May 2020"));
    // An ended first-wave ACS: live to 19 Jun 2019.
    let bw = row(&rows, "I-BW");
    assert_eq!(bw.live_to.as_deref(), Some("19 Jun 2019"));
    assert_eq!(bw.live, LiveState::Ended);
    // A span start: live by the counting rule from its first day, but not surely.
    let rows = rows_at(&data, &Definition::default(), "ENG", "2020-04-15");
    assert_eq!(row(&rows, "I-E54000025").live, LiveState::LiveUncertain);
    assert!(row(&rows, "I-E54000025").live.is_live());
    // The published figure with its own status, and a note when only words were published.
    let rows = rows_at(&data, &Definition::default(), "ENG", AS_AT);
    let northumberland = row(&rows, "V04");
    assert_eq!(northumberland.published_text().as_deref(), Some("320,000"));
    assert_eq!(northumberland.published_status, Some(Status::Verified));
    assert_eq!(
        row(&rows, "I-E54000030").published_text().as_deref(),
        Some("1.9 million (LGC 20 Jun 2019)")
    );
    assert_eq!(wirral_published(&rows), None);
    let summary = row(&rows, "V04").summary();
    assert!(summary.contains("derived") && summary.contains("320,000 (verified)"));
    assert!(summary.contains("england.nhs.uk"), "{summary}");
}

fn wirral_published(rows: &[SiteRow]) -> Option<String> {
    row(rows, "V01").published_text()
}

#[test]
fn london_lists_the_sites_whose_footprint_touches_it() {
    let data = default_data();
    let rows = rows_at(&data, &Definition::default(), "E40000003", AS_AT);
    let listed = select(&rows, &RowFilter::default(), Sort::default());
    let mut got = ids(&rows, &listed);
    got.sort();
    assert_eq!(
        got,
        [
            "I-E54000027",
            "I-E54000028",
            "I-E54000029",
            "I-E54000030",
            "I-E54000031",
            "V19",
            "V28",
            "V33"
        ]
    );
    // The London networks with no footprint (Royal Free, Moorfields) have no area to touch.
    let with_networks = RowFilter {
        include_non_counting: true,
        ..RowFilter::default()
    };
    assert_eq!(select(&rows, &with_networks, Sort::default()).len(), 8);
    assert!(listed
        .iter()
        .all(|&i| rows[i].regions.contains(&"London".to_string())));
}

#[test]
fn a_footprint_reaching_beyond_the_scope_shows_its_part_inside() {
    // S spans P2 (region one, 200) and P3 (region two, 300); N is a network with no footprint.
    let data = tiny::with_sites(
        "S,Spanning,UEC,2019-01-01,,P2;P3,whole,yes,derived\nN,Network,ACC,2019-01-01,,,none,no,derived\nA,Whole one,PACS,2019-06-01,,R1,whole,yes,derived\n",
    );
    let def = Definition::default();
    let rows = build_rows(
        &data,
        &def,
        &Scope::new(&data.areas, "R1"),
        date("2019-06-30"),
    );
    let s = row(&rows, "S");
    let p = s.population.as_ref().expect("S has a footprint");
    assert_eq!((p.people, p.in_scope), (500, Some(200)));
    assert_eq!(s.region_text(), "Region one; Region two");
    let a = row(&rows, "A").population.clone().expect("A");
    assert_eq!(
        (a.people, a.in_scope),
        (300, None),
        "wholly inside: no separate part"
    );
    assert!(!row(&rows, "N").in_scope);
    let listed = select(
        &rows,
        &RowFilter {
            include_non_counting: true,
            ..RowFilter::default()
        },
        Sort::default(),
    );
    assert_eq!(
        ids(&rows, &listed),
        ["S", "A"],
        "live-from order; N has no area in R1"
    );
    // Region two: only S.
    let rows = build_rows(
        &data,
        &def,
        &Scope::new(&data.areas, "R2"),
        date("2020-06-30"),
    );
    let listed = select(&rows, &RowFilter::default(), Sort::default());
    assert_eq!(ids(&rows, &listed), ["S"]);
    assert_eq!(
        row(&rows, "S")
            .population
            .as_ref()
            .map(|p| (p.people, p.year, p.in_scope)),
        Some((500, 2020, Some(300)))
    );
}

#[test]
fn search_matches_name_id_model_region_and_codes_case_insensitively() {
    let data = default_data();
    let rows = rows_at(&data, &Definition::default(), "ENG", AS_AT);
    let find = |q: &str| {
        let f = RowFilter {
            query: q.into(),
            ..RowFilter::default()
        };
        let mut v = ids(&rows, &select(&rows, &f, Sort::default()));
        v.sort();
        v
    };
    assert_eq!(find("wirral"), ["V01"]);
    assert_eq!(find("  WIRRAL  "), ["V01"]);
    assert_eq!(find("v01"), ["V01"]);
    assert_eq!(find("e08000015"), ["V01"], "footprint code");
    assert_eq!(find("E54000030"), ["I-E54000030"]);
    assert_eq!(
        find("london ics").len(),
        5,
        "all words must match: the 5 London ICSs"
    );
    assert_eq!(
        find("pacs").len(),
        data.sites
            .iter()
            .filter(|s| s.model == ModelType::Pacs)
            .count()
    );
    assert!(find("no such site anywhere").is_empty());
    assert_eq!(find("").len(), 83);
    // Search does not bring back hidden networks.
    assert!(find("moorfields").is_empty());
    let f = RowFilter {
        query: "moorfields".into(),
        include_non_counting: true,
        ..RowFilter::default()
    };
    assert_eq!(ids(&rows, &select(&rows, &f, Sort::default())), ["V42"]);
}

#[test]
fn live_only_follows_the_as_at_date() {
    let data = default_data();
    let live_only = RowFilter {
        live_only: true,
        ..RowFilter::default()
    };
    let def = Definition::default();
    // 30 Jun 2017: the 37 place-based vanguards (PACS 9, MCP 14, EHCH 6, UEC 8) and the 10
    // ACSs of 15 Jun 2017 (7 STP-wide, 3 first systems within an STP).
    let rows = rows_at(&data, &def, "ENG", "2017-06-30");
    let listed = select(&rows, &live_only, Sort::default());
    let expect = data
        .sites
        .iter()
        .filter(|s| {
            def.counts_model(s.model) && s.counts_population && s.live_at(date("2017-06-30"))
        })
        .count();
    assert_eq!(listed.len(), expect);
    assert_eq!(listed.len(), 47);
    assert!(listed.iter().all(|&i| rows[i].live.is_live()));
    // Before the first vanguards nothing is live.
    let rows = rows_at(&data, &def, "ENG", "2015-01-31");
    assert!(select(&rows, &live_only, Sort::default()).is_empty());
    // At 31 Mar 2021 the four first systems that merged into wider ICSs have ended.
    let rows = rows_at(&data, &def, "ENG", AS_AT);
    let listed = select(&rows, &live_only, Sort::default());
    let ended: Vec<&str> = rows
        .iter()
        .filter(|r| r.live == LiveState::Ended)
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(ended, ["I-BW", "I-BU", "I-BF", "I-CU"]);
    // ... and the 13 ICSs of 1 Apr 2021 are not yet live: 83 - 4 - 13.
    assert_eq!(listed.len(), 66);
}

#[test]
fn sorting_by_each_column_and_reversing() {
    let data = default_data();
    let rows = rows_at(&data, &Definition::default(), "ENG", AS_AT);
    let filter = RowFilter::default();

    // Default: live-from date, then name.
    let listed = select(&rows, &filter, Sort::default());
    for pair in listed.windows(2) {
        let (a, b) = (&rows[pair[0]], &rows[pair[1]]);
        assert!(
            (a.live_from_start, a.name.to_lowercase())
                <= (b.live_from_start, b.name.to_lowercase()),
            "{} before {}",
            a.id,
            b.id
        );
    }
    assert_eq!(rows[listed[0]].live_from, "10 Mar 2015");

    // Population, first click: largest footprint first (Cumbria and North East, mid-2021).
    let by_pop = Sort::default().clicked(SortKey::Population);
    assert_eq!(by_pop.direction, Direction::Descending);
    let listed = select(&rows, &filter, by_pop);
    let largest = data
        .sites
        .iter()
        .filter(|s| s.model != ModelType::Acc)
        .max_by_key(|s| data.areas.population(&s.footprint, 6).0)
        .expect("sites");
    assert_eq!(rows[listed[0]].id, largest.id);
    assert_eq!(rows[listed[0]].id, "I-E54000050");
    let pops: Vec<u64> = listed
        .iter()
        .filter_map(|&i| rows[i].population.as_ref().map(|p| p.people))
        .collect();
    assert!(pops.windows(2).all(|w| w[0] >= w[1]));
    // A second click reverses: smallest first.
    let listed = select(&rows, &filter, by_pop.clicked(SortKey::Population));
    let pops: Vec<u64> = listed
        .iter()
        .filter_map(|&i| rows[i].population.as_ref().map(|p| p.people))
        .collect();
    assert!(pops.windows(2).all(|w| w[0] <= w[1]));

    // Missing figures stay last in both directions.
    let all = RowFilter {
        include_non_counting: true,
        ..RowFilter::default()
    };
    for sort in [by_pop, by_pop.clicked(SortKey::Population)] {
        let listed = select(&rows, &all, sort);
        let first_none = listed
            .iter()
            .position(|&i| rows[i].population.is_none())
            .expect("networks without a footprint");
        assert!(listed[first_none..]
            .iter()
            .all(|&i| rows[i].population.is_none()));
    }

    // Name A–Z, then Z–A.
    let by_name = Sort::default().clicked(SortKey::Name);
    let names: Vec<String> = select(&rows, &filter, by_name)
        .iter()
        .map(|&i| rows[i].name.to_lowercase())
        .collect();
    assert!(names.windows(2).all(|w| w[0] <= w[1]));
    let names_rev: Vec<String> = select(&rows, &filter, by_name.clicked(SortKey::Name))
        .iter()
        .map(|&i| rows[i].name.to_lowercase())
        .collect();
    assert!(names_rev.windows(2).all(|w| w[0] >= w[1]));

    // Every column sorts every row (a permutation, nothing lost).
    for key in SortKey::ALL {
        for sort in [
            Sort::default().clicked(key),
            Sort::default().clicked(key).clicked(key),
        ] {
            let mut listed = select(&rows, &all, sort);
            listed.sort();
            assert_eq!(listed, (0..rows.len()).collect::<Vec<_>>(), "{key:?}");
        }
    }
}

#[test]
fn facts_and_states_make_the_same_rows_and_order_as_whole_rows() {
    let data = default_data();
    let facts = row_facts(&data);
    let defs = [
        Definition::default(),
        Definition {
            partial: PartialRule::Exclude,
            base: PopulationBase::Fixed(2016),
            ..Definition::default()
        },
        Definition::with_models(&[ModelType::Ics]),
    ];
    let filters = [
        RowFilter::default(),
        RowFilter {
            include_non_counting: true,
            ..RowFilter::default()
        },
        RowFilter {
            live_only: true,
            ..RowFilter::default()
        },
        RowFilter {
            query: "North ICS".into(),
            ..RowFilter::default()
        },
    ];
    for def in &defs {
        for (region, as_at) in [
            ("ENG", AS_AT),
            ("E40000003", "2017-06-30"),
            ("E40000010", "2019-12-31"),
        ] {
            let scope = Scope::new(&data.areas, region);
            let rows = build_rows(&data, def, &scope, date(as_at));
            let states = row_states(&data, def, &scope, date(as_at));
            assert_eq!((facts.len(), states.len()), (rows.len(), rows.len()));
            for ((f, st), r) in facts.iter().zip(&states).zip(&rows) {
                assert_eq!(&f.with_state(st), r, "{} in {region}", r.id);
            }
            for filter in &filters {
                for key in SortKey::ALL {
                    for sort in [
                        Sort::default().clicked(key),
                        Sort::default().clicked(key).clicked(key),
                    ] {
                        assert_eq!(
                            select_states(&facts, &states, filter, sort),
                            select(&rows, filter, sort),
                            "{region} {as_at} {filter:?} {sort:?}"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn a_window_of_rows_covers_the_view_and_spacers_stand_for_the_rest() {
    // 1,000 rows listed in reverse order, none measured: 50 px each.
    let listed: Vec<usize> = (0..1000).rev().collect();
    let mut h = RowHeights::new(1000, 50.0);
    let w = h.window(&listed, 0.0, 500.0, 100.0, 200);
    assert_eq!(
        (w.first, w.in_view, w.end),
        (0, 0, 12),
        "500 px of view and 100 below"
    );
    assert_eq!((w.before, w.after), (0.0, 988.0 * 50.0));
    // Scrolled to 10,000 px: rows 200.. in view, two rows' margin above.
    let w = h.window(&listed, 10_000.0, 500.0, 100.0, 200);
    assert_eq!((w.first, w.in_view, w.end), (198, 200, 212));
    assert_eq!(
        w.before + (w.end - w.first) as f64 * 50.0 + w.after,
        50_000.0
    );
    assert!(w.contains(198) && w.contains(211) && !w.contains(212));
    // Past the end (the list just got shorter): the last rows.
    let w = h.window(&listed, 1e9, 500.0, 100.0, 200);
    assert_eq!((w.end, w.after), (1000, 0.0));
    assert_eq!(w.in_view, 990);
    // Measured rows count at their height; the rest at the guess until `settle`, then at the
    // mean of the rows measured by then, which further measurements leave alone.
    h.set(999, 100.0);
    h.set(998, 300.0);
    assert_eq!((h.of(999), h.of(998), h.of(0)), (100.0, 300.0, 50.0));
    h.settle();
    assert_eq!(h.typical(), 200.0);
    assert_eq!(h.of(0), 200.0);
    assert_eq!(h.offset(&listed, 2), 400.0);
    assert_eq!(h.offset(&listed, 3), 600.0);
    assert_eq!(h.total(&listed), 400.0 + 998.0 * 200.0);
    assert!(h.is_measured(999) && !h.is_measured(0));
    h.set(999, 200.0);
    h.set(997, 20.0);
    h.settle();
    assert_eq!(
        h.typical(),
        200.0,
        "settled once: later rows do not move the rest"
    );
    assert_eq!(
        (h.of(999), h.of(997)),
        (200.0, 20.0),
        "a row measured again: its new height"
    );
    h.set(5000, 10.0);
    h.set(3, f64::NAN);
    assert!(!h.is_measured(3), "out of range and not a number: ignored");
    let w = h.window(&listed, 0.0, 500.0, 0.0, 200);
    assert_eq!((w.first, w.end), (0, 2), "200 + 300 px fill the view");
    // At most max_rows rows, whatever the heights.
    let tiny = RowHeights::new(1000, 1.0);
    let w = tiny.window(&listed, 0.0, 500.0, 100.0, 40);
    assert_eq!(w.end - w.first, 40);
    assert_eq!(w.after, 960.0);
    // Cleared (the columns changed width): nothing measured, the typical height kept until the
    // next rows measured settle it again.
    h.clear();
    assert!(!h.is_measured(999));
    assert_eq!(h.typical(), 200.0);
    h.set(0, 80.0);
    h.settle();
    assert_eq!(h.typical(), 80.0);
    // Nothing listed: nothing drawn, no space.
    let w = h.window(&[], 300.0, 500.0, 100.0, 200);
    assert_eq!((w.first, w.end, w.before, w.after), (0, 0, 0.0, 0.0));
}
