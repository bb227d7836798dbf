//! Validation keeps every valid row and reports every problem with file, row, field and reason.

mod common;
#[path = "common/tiny.rs"]
mod tiny;

use coverboard::parse::{
    load, parse_areas, parse_manifest, parse_milestones, parse_sites, read_areas, Texts,
};
use coverboard::problem::{Effect, ProblemKind};

fn areas() -> coverboard::model::Areas {
    let (areas, problems, _) = read_areas("areas.csv", tiny::AREAS);
    assert!(problems.is_empty(), "{problems:?}");
    areas
}

#[test]
fn each_bad_site_row_is_reported_and_the_good_rows_kept() {
    let text = format!(
        "{}{}",
        tiny::SITES_HEADER,
        [
            "OK1,Good,PACS,2019-01-01,,L1,whole,yes,verified", // row 2
            "BAD1,,PACS,2019-01-01,,L1,whole,yes,verified",    // row 3: missing name
            "BAD2,Unknown area,PACS,2019-01-01,,E99999999,whole,yes,verified", // row 4
            "OK1,Duplicate,PACS,2019-01-01,,L1,whole,yes,verified", // row 5
            "BAD3,Bad date,PACS,2019-02-30,,L1,whole,yes,verified", // row 6
            "BAD4,Unparseable,PACS,next spring,,L1,whole,yes,verified", // row 7
            "BAD5,Ends first,PACS,2019-05-01,2019-01-01,L1,whole,yes,verified", // row 8
            "BAD6,Unknown model,XYZ,2019-01-01,,L1,whole,yes,verified", // row 9
            "OK2,Good too,ICS,2019-06,,S2,whole,yes,nonsense", // row 10: bad status ignored
            "BAD7,Excel date,MCP,43466,,L1,whole,yes,verified", // row 11
            "BAD8,Short row,MCP",                              // row 12
        ]
        .join("\n")
    );
    let parsed = parse_sites("sites.csv", &text, &areas());
    let ids: Vec<&str> = parsed.records.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["OK1", "OK2"]);
    assert_eq!(parsed.rows_read, 11, "accepted + rejected = rows read");
    let found: Vec<(Option<usize>, Option<&str>, Effect)> = parsed
        .problems
        .iter()
        .map(|p| (p.row, p.field.as_deref(), p.effect))
        .collect();
    assert_eq!(
        found,
        vec![
            (Some(12), None, Effect::RowRejected),
            (Some(3), Some("name"), Effect::RowRejected),
            (Some(4), Some("footprint"), Effect::RowRejected),
            (Some(5), Some("site_id"), Effect::RowRejected),
            (Some(6), Some("live_from"), Effect::RowRejected),
            (Some(7), Some("live_from"), Effect::RowRejected),
            (Some(8), Some("live_to"), Effect::RowRejected),
            (Some(9), Some("model"), Effect::RowRejected),
            (Some(10), Some("status"), Effect::ValueIgnored),
            (Some(11), Some("live_from"), Effect::RowRejected),
        ]
    );
    let text_of = |row: usize| {
        parsed
            .problems
            .iter()
            .find(|p| p.row == Some(row))
            .map(|p| p.to_string())
            .unwrap_or_default()
    };
    assert_eq!(
        text_of(3),
        "sites.csv, row 3, field 'name': required field is missing or empty (row left out)"
    );
    assert!(
        text_of(4).contains("'E99999999' is not a known area code"),
        "{}",
        text_of(4)
    );
    assert!(
        text_of(5).contains("id 'OK1' is used again (first at row 2)"),
        "{}",
        text_of(5)
    );
    assert!(
        text_of(6).contains("'2019-02-30' is not a real calendar day"),
        "{}",
        text_of(6)
    );
    assert!(
        text_of(8).contains("ends (2019-01-01) before it starts (2019-05-01)"),
        "{}",
        text_of(8)
    );
    assert!(
        text_of(9).contains("'XYZ' is not a known model type"),
        "{}",
        text_of(9)
    );
    assert!(text_of(11).contains("spreadsheet"), "{}", text_of(11));
    assert!(
        text_of(12).contains("row has 3 fields; the header has 9"),
        "{}",
        text_of(12)
    );
}

#[test]
fn bad_populations_are_named_and_the_piece_kept() {
    let text = "piece_id,lad_code,ccg_code,stp_code,region_code,pop_2019,pop_2020\nP1,L1,C1,S1,R1,-5,10\nP2,L2,C1,S1,R1,abc,\"1,234\"\nP1,L1,C1,S1,R1,1,1\n";
    let (years, parsed) = parse_areas("areas.csv", text);
    assert_eq!(years, vec![2019, 2020]);
    assert_eq!(parsed.records.len(), 2);
    assert_eq!(parsed.records[0].population, vec![None, Some(10)]);
    assert_eq!(parsed.records[1].population, vec![None, Some(1234)]);
    let kinds: Vec<&ProblemKind> = parsed.problems.iter().map(|p| &p.kind).collect();
    assert_eq!(
        kinds,
        vec![
            &ProblemKind::NegativePopulation { value: "-5".into() },
            &ProblemKind::NotANumber {
                value: "abc".into()
            },
            &ProblemKind::DuplicateId {
                value: "P1".into(),
                first_row: 2
            },
        ]
    );
    assert_eq!(parsed.problems[0].field.as_deref(), Some("pop_2019"));
    assert_eq!(parsed.problems[0].effect, Effect::ValueIgnored);
}

#[test]
fn missing_populations_make_coverage_a_floor() {
    let areas_text = "piece_id,lad_code,ccg_code,stp_code,region_code,pop_2019\nP1,L1,C1,S1,R1,100\nP2,L2,C1,S1,R1,\n";
    let sites = format!(
        "{}A,Site,PACS,2019-01-01,,S1,whole,yes,verified\n",
        tiny::SITES_HEADER
    );
    let texts = Texts {
        areas: areas_text,
        sites: &sites,
        milestones: "date,label\n",
    };
    let data = load("manifest.json", tiny::manifest(), &texts).expect("loads");
    let eng = coverboard::coverage::Scope::new(&data.areas, "ENG");
    let c = coverboard::coverage::coverage_at(
        &data,
        &Default::default(),
        &eng,
        common::date("2019-06-30"),
    );
    assert_eq!((c.covered, c.base), (100, 100));
    assert!(c.incomplete, "a missing figure is said, not hidden");
}

#[test]
fn whole_file_problems_name_the_file() {
    let empty = parse_sites("mine.csv", "", &areas());
    assert_eq!(
        empty.problems[0].to_string(),
        "mine.csv: the file is empty (file not used)"
    );
    let no_column = parse_sites("mine.csv", "site_id,name\nA,B\n", &areas());
    assert!(no_column
        .problems
        .iter()
        .any(|p| p.to_string().contains("no column named 'model'")));
    let bom = parse_sites(
        "bom.csv",
        &format!("\u{feff}{}A,Site,PACS,2019,,L1,,,\n", tiny::SITES_HEADER),
        &areas(),
    );
    assert_eq!(bom.records.len(), 1, "{:?}", bom.problems);
    let bad_json = parse_manifest("manifest.json", "{\"oops");
    assert!(bad_json
        .unwrap_err()
        .to_string()
        .starts_with("manifest.json: not a valid manifest"));
    let texts = Texts {
        areas: "piece_id\n",
        sites: "",
        milestones: "",
    };
    let err = load("manifest.json", tiny::manifest(), &texts).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("areas.csv: no areas with populations"),
        "{err}"
    );
}

#[test]
fn milestones_validate_share_and_date() {
    let text = "date,kind,label,definition,comparator,population,share,status\n2019-06-19,milestone,Ok,ICS,~,21000000,,verified\n2019-13-01,milestone,Bad month,ICS,~,,,verified\n2020,milestone,Share too big,ICS,~,,1.5,verified\n2020,wrong,Bad kind,,,,,\n";
    let parsed = parse_milestones("milestones.csv", text);
    assert_eq!(parsed.records.len(), 2);
    assert_eq!(parsed.records[1].share, None);
    let rows: Vec<Option<usize>> = parsed.problems.iter().map(|p| p.row).collect();
    assert_eq!(rows, vec![Some(3), Some(4), Some(5)]);
}

/// A small deterministic generator, so the no-panic sweep is the same on every run.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

#[test]
fn arbitrary_bytes_never_panic() {
    let alphabet: Vec<char> = "ab,;\"\n\r-.:0123456789EPLSCRyesnoICSPACS\u{feff}é\0 "
        .chars()
        .collect();
    let areas = areas();
    let mut rng = Lcg(42);
    for _ in 0..3000 {
        let len = (rng.next() % 200) as usize;
        let body: String = (0..len)
            .map(|_| alphabet[(rng.next() as usize) % alphabet.len()])
            .collect();
        let with_header = format!("{}{}", tiny::SITES_HEADER, body);
        let sites = parse_sites("f.csv", &with_header, &areas);
        let rejected = sites
            .problems
            .iter()
            .filter(|p| p.effect == Effect::RowRejected)
            .count();
        assert_eq!(
            sites.records.len() + rejected,
            sites.rows_read,
            "accepted + rejected = rows read"
        );
        let _ = parse_sites("f.csv", &body, &areas);
        let _ = parse_areas("f.csv", &body);
        let _ = parse_milestones("f.csv", &body);
        let _ = parse_manifest("f.json", &body);
        let _ = coverboard::date::DateSpan::parse(&body);
    }
}
