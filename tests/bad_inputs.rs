//! The corpus of bad own-data inputs in tests/bad_inputs/: each file with the problem and message
//! it must produce, and accepted + rejected = rows read for every one.

mod common;

use coverboard::own_data::{
    own_data, problems_csv, refuse_size, OwnData, OwnKind, MAX_FILE_BYTES, MAX_ROWS,
    REPORT_ROWS_SHOWN,
};
use coverboard::problem::{Effect, ProblemKind};

fn corpus(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/bad_inputs/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// One problem a file must produce.
struct Expect {
    kind: fn(&ProblemKind) -> bool,
    row: Option<usize>,
    field: Option<&'static str>,
    /// Substrings of the message shown (`Problem`'s Display: file, row, field, reason).
    says: &'static [&'static str],
}

struct Case {
    file: &'static str,
    problems: Vec<Expect>,
    rows_read: usize,
    accepted: usize,
    /// Whether the file still yields a data set to show.
    usable: bool,
}

fn e(
    kind: fn(&ProblemKind) -> bool,
    row: Option<usize>,
    field: Option<&'static str>,
    says: &'static [&'static str],
) -> Expect {
    Expect {
        kind,
        row,
        field,
        says,
    }
}

fn case(file: &'static str, problems: Vec<Expect>, rows_read: usize, accepted: usize) -> Case {
    Case {
        file,
        problems,
        rows_read,
        accepted,
        usable: accepted > 0,
    }
}

fn cases() -> Vec<Case> {
    use ProblemKind as K;
    vec![
        case(
            "empty.csv",
            vec![e(
                |k| *k == K::EmptyFile,
                None,
                None,
                &["the file is empty"],
            )],
            0,
            0,
        ),
        case(
            "blank-lines.csv",
            vec![e(
                |k| *k == K::EmptyFile,
                None,
                None,
                &["the file is empty"],
            )],
            0,
            0,
        ),
        case(
            "header-only.csv",
            vec![e(
                |k| *k == K::NoDataRows,
                None,
                None,
                &["has a header but no data rows"],
            )],
            0,
            0,
        ),
        case(
            "semicolons.csv",
            vec![e(
                |k| matches!(k, K::WrongDelimiter(_)),
                Some(1),
                None,
                &["uses semicolons", "coverboard reads comma-separated files"],
            )],
            0,
            0,
        ),
        case(
            "tabs.tsv",
            vec![e(
                |k| matches!(k, K::WrongDelimiter(_)),
                Some(1),
                None,
                &["uses tabs", "comma-separated"],
            )],
            0,
            0,
        ),
        case(
            "utf16-bom.csv",
            vec![e(
                |k| matches!(k, K::NotUtf8(_)),
                None,
                None,
                &["is not UTF-8", "looks like UTF-16", "save it as CSV UTF-8"],
            )],
            0,
            0,
        ),
        case(
            "utf16-no-bom.csv",
            vec![e(
                |k| matches!(k, K::NotUtf8(_)),
                None,
                None,
                &["is not UTF-8", "looks like UTF-16"],
            )],
            0,
            0,
        ),
        case(
            "latin1.csv",
            vec![e(
                |k| matches!(k, K::NotUtf8(_)),
                Some(3),
                None,
                &["row 3", "0xE9", "Windows-1252", "save it as CSV UTF-8"],
            )],
            0,
            0,
        ),
        case(
            "excel-workbook.xlsx",
            vec![e(
                |k| matches!(k, K::NotUtf8(_)),
                None,
                None,
                &["Excel workbook", "save it as CSV UTF-8"],
            )],
            0,
            0,
        ),
        case(
            "excel-serial-date.csv",
            vec![e(
                |k| matches!(k, K::BadDate { .. }),
                Some(3),
                Some("live_from"),
                &["'43921'", "spreadsheet date", "write YYYY-MM-DD"],
            )],
            2,
            1,
        ),
        case(
            "day-first-date.csv",
            vec![e(
                |k| matches!(k, K::BadDate { .. }),
                Some(3),
                Some("live_to"),
                &["'31/03/2021'", "day/month/year", "write YYYY-MM-DD"],
            )],
            2,
            1,
        ),
        case(
            "long-line.csv",
            vec![e(
                |k| matches!(k, K::LineTooLong { .. }),
                Some(3),
                None,
                &["row 3", "characters long", "the limit is 10000"],
            )],
            0,
            0,
        ),
        case(
            "missing-column.csv",
            vec![e(
                |k| *k == K::MissingColumn("footprint".into()),
                None,
                None,
                &["no column named 'footprint'"],
            )],
            1,
            0,
        ),
        case(
            "unknown-area.csv",
            vec![e(
                |k| matches!(k, K::UnknownArea { .. }),
                Some(3),
                Some("footprint"),
                &["'E99999999' is not a known area code"],
            )],
            2,
            1,
        ),
        case(
            "wrong-field-count.csv",
            vec![e(
                |k| {
                    *k == K::WrongFieldCount {
                        found: 3,
                        expected: 6,
                    }
                },
                Some(3),
                None,
                &["row has 3 fields; the header has 6"],
            )],
            2,
            1,
        ),
        case(
            "duplicate-id.csv",
            vec![e(
                |k| matches!(k, K::DuplicateId { first_row: 2, .. }),
                Some(3),
                Some("site_id"),
                &["'A1' is used again (first at row 2)"],
            )],
            2,
            1,
        ),
        case(
            "unknown-model.csv",
            vec![e(
                |k| matches!(k, K::UnknownModel { .. }),
                Some(3),
                Some("model"),
                &["'Vanguard' is not a known model type"],
            )],
            2,
            1,
        ),
        case(
            "json-not-array.json",
            vec![e(
                |k| matches!(k, K::Json(_)),
                None,
                None,
                &["could not be read as JSON", "expected an array of objects"],
            )],
            0,
            0,
        ),
        case(
            "json-syntax.json",
            vec![e(
                |k| matches!(k, K::Json(_)),
                None,
                None,
                &["could not be read as JSON", "line 1"],
            )],
            0,
            0,
        ),
        case(
            "json-items.json",
            vec![
                e(
                    |k| matches!(k, K::NotAnObject(_)),
                    Some(2),
                    None,
                    &["row 2", "this item is a string, not an object"],
                ),
                e(
                    |k| matches!(k, K::UnknownModel { .. }),
                    Some(3),
                    Some("model"),
                    &["'XYZ' is not a known model type"],
                ),
            ],
            3,
            1,
        ),
    ]
}

fn check(out: &OwnData, c: &Case) {
    let file = c.file;
    assert_eq!(
        out.accepted + out.rejected,
        out.rows_read,
        "{file}: accepted + rejected = rows read"
    );
    assert_eq!(out.rows_read, c.rows_read, "{file}: rows read");
    assert_eq!(out.accepted, c.accepted, "{file}: accepted");
    assert_eq!(out.data.is_some(), c.usable, "{file}: data usable");
    let shown: Vec<String> = out.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        out.problems.len(),
        c.problems.len(),
        "{file}: problems {shown:#?}"
    );
    for (p, want) in out.problems.iter().zip(&c.problems) {
        let msg = p.to_string();
        assert!((want.kind)(&p.kind), "{file}: kind of {msg}");
        assert_eq!(p.row, want.row, "{file}: row of {msg}");
        assert_eq!(p.field.as_deref(), want.field, "{file}: field of {msg}");
        assert!(
            msg.starts_with(file),
            "{file}: message names the file: {msg}"
        );
        if let Some(row) = want.row {
            assert!(msg.contains(&format!("row {row}")), "{file}: {msg}");
        }
        if let Some(field) = want.field {
            assert!(msg.contains(&format!("field '{field}'")), "{file}: {msg}");
        }
        for s in want.says {
            assert!(msg.contains(s), "{file}: '{msg}' should say '{s}'");
        }
    }
}

#[test]
fn every_bad_input_gets_its_own_message() {
    let defaults = common::default_data();
    let cases = cases();
    let listed: Vec<&str> = cases.iter().map(|c| c.file).collect();
    // Every file in the corpus is in the table (the ok-* files are checked below).
    let dir = format!("{}/tests/bad_inputs", env!("CARGO_MANIFEST_DIR"));
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .expect("corpus folder")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("ok-") && n != "README.md")
        .collect();
    on_disk.sort();
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(on_disk, sorted, "corpus files and the table agree");
    for c in &cases {
        let out = own_data(c.file, &corpus(c.file), &defaults);
        check(&out, c);
    }
}

#[test]
fn files_over_the_size_and_row_limits_are_refused_with_the_limit() {
    let defaults = common::default_data();
    let mut big = b"site_id,name,model,live_from,live_to,footprint\n".to_vec();
    big.resize(MAX_FILE_BYTES + 1, b'\n');
    let out = own_data("big.csv", &big, &defaults);
    assert!(matches!(
        out.problems.as_slice(),
        [p] if matches!(p.kind, ProblemKind::TooLarge { .. })
    ));
    let msg = out.problems[0].to_string();
    assert!(msg.starts_with("big.csv: "), "{msg}");
    assert!(
        msg.contains("the file is 64.1 MB; the limit is 64 MB"),
        "{msg}"
    );
    assert_eq!((out.rows_read, out.accepted, out.rejected), (0, 0, 0));
    // The app checks a picked file's size before reading it.
    let refused = refuse_size("huge.csv", 3 * 1024 * 1024 * 1024).expect("refused");
    assert!(refused.problems[0]
        .to_string()
        .contains("the file is 3072 MB; the limit is 64 MB"));
    assert!(refuse_size("ok.csv", MAX_FILE_BYTES as u64).is_none());

    let mut many = String::from("site_id,name,model,live_from,live_to,footprint\n");
    for i in 0..=MAX_ROWS {
        many.push_str(&format!("S{i},Site,PACS,2015-03-10,,E08000015\n"));
    }
    let out = own_data("many.csv", many.as_bytes(), &defaults);
    let msg = out
        .problems
        .first()
        .map(|p| p.to_string())
        .unwrap_or_default();
    assert!(
        matches!(out.problems.as_slice(), [p] if matches!(p.kind, ProblemKind::TooManyRows { .. })),
        "{msg}"
    );
    assert!(msg.contains("more than 100,000 data rows"), "{msg}");
    assert!(out.data.is_none());

    // Exactly at the row limit is read.
    let at_limit: String = many
        .lines()
        .take(MAX_ROWS + 1)
        .map(|l| format!("{l}\n"))
        .collect();
    let out = own_data("limit.csv", at_limit.as_bytes(), &defaults);
    assert_eq!((out.rows_read, out.accepted), (MAX_ROWS, MAX_ROWS));
}

#[test]
fn good_files_load_and_text_stays_text() {
    let defaults = common::default_data();
    let out = own_data("ok-bom.csv", &corpus("ok-bom.csv"), &defaults);
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    assert_eq!((out.rows_read, out.accepted, out.rejected), (1, 1, 0));
    let data = out.data.expect("usable");
    let ids: Vec<&str> = data.sites.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["A1"]);
    // Wirral's pieces: the own site's footprint is the default areas' E08000015.
    assert_eq!(
        data.sites[0].footprint,
        defaults.areas.area("E08000015").expect("Wirral").pieces
    );
    assert_eq!(data.milestones, defaults.milestones, "milestones kept");

    let out = own_data(
        "ok-script-in-name.csv",
        &corpus("ok-script-in-name.csv"),
        &defaults,
    );
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    let data = out.data.expect("usable");
    let names: Vec<&str> = data.sites.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        ["<script>alert(1)</script>", "=HYPERLINK(\"http://x\")"]
    );
}

#[test]
fn an_areas_file_replaces_the_areas_and_keeps_the_sites_it_resolves() {
    let defaults = common::default_data();
    let out = own_data("ok-areas.csv", &corpus("ok-areas.csv"), &defaults);
    assert_eq!(out.kind, OwnKind::Areas);
    assert_eq!((out.rows_read, out.accepted, out.rejected), (2, 2, 0));
    // P2's negative 2020 population is ignored, the row kept.
    assert!(matches!(
        out.problems.as_slice(),
        [p] if p.row == Some(3) && p.field.as_deref() == Some("pop_2020") && p.effect == Effect::ValueIgnored
    ));
    let data = out.data.expect("usable");
    assert_eq!(data.areas.years, [2019, 2020]);
    assert_eq!(data.areas.population_table[0], [100, 200]);
    // Only the default sites whose whole footprint is E08000015 (Wirral) still resolve.
    assert!(data
        .sites
        .iter()
        .all(|s| s.footprint_codes.iter().all(|c| &**c == "E08000015")));
    assert!(data.sites.iter().any(|s| s.id == "V01"));
    assert_eq!(
        data.sites.len() + out.sites_dropped.len(),
        defaults.sites.len()
    );
}

#[test]
fn json_sites_load_like_csv() {
    let defaults = common::default_data();
    let json = br#"[
      {"site_id": "J1", "name": "Wirral", "model": "PACS", "live_from": "2015-03-10", "footprint": ["E08000015", "E08000006"]},
      {"Site_ID": "J2", "name": "Salford", "model": "MCP", "live_from": "2016-01", "live_to": null, "footprint": "E08000006", "counts_population": true}
    ]"#;
    let out = own_data("mine.json", json, &defaults);
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    assert_eq!((out.rows_read, out.accepted, out.rejected), (2, 2, 0));
    assert_eq!(out.summary(), "2 rows read: 2 accepted, 0 rejected");
    let data = out.data.expect("usable");
    let codes: Vec<&str> = data.sites[0].footprint_codes.iter().map(|c| &**c).collect();
    assert_eq!(codes, ["E08000015", "E08000006"]);
    assert_eq!(data.sites[1].id, "J2");
}

/// Every prefix of every corpus file (cut at any byte) reads without panicking and keeps
/// accepted + rejected = rows read.
#[test]
fn any_truncation_of_the_corpus_is_handled() {
    let defaults = common::default_data();
    let dir = format!("{}/tests/bad_inputs", env!("CARGO_MANIFEST_DIR"));
    for entry in std::fs::read_dir(&dir).expect("corpus").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let bytes = std::fs::read(entry.path()).expect("read");
        let step = (bytes.len() / 200).max(1);
        for cut in (0..=bytes.len()).step_by(step) {
            let out = own_data(&name, &bytes[..cut], &defaults);
            assert_eq!(
                out.accepted + out.rejected,
                out.rows_read,
                "{name} cut at {cut}: {:?}",
                out.problems
            );
            assert!(
                out.data.is_some() || !out.problems.is_empty(),
                "{name} cut at {cut}: nothing usable and no reason"
            );
        }
    }
}

/// The downloadable template loads as it is, with no problems, on the default areas.
#[test]
fn the_template_loads_with_no_problems() {
    let defaults = common::default_data();
    let bytes = common::read("template-sites.csv");
    let out = own_data("template-sites.csv", bytes.as_bytes(), &defaults);
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    assert_eq!((out.rows_read, out.accepted, out.rejected), (3, 3, 0));
    let data = out.data.expect("usable");
    // Its header is the default sites file's header.
    assert_eq!(
        bytes.lines().next(),
        common::read("sites.csv").lines().next()
    );
    let salford_bolton = &data.sites[1];
    let mut both = defaults
        .areas
        .area("E08000006")
        .expect("Salford")
        .pieces
        .clone();
    both.union_with(&defaults.areas.area("E08000001").expect("Bolton").pieces);
    assert_eq!(salford_bolton.footprint, both);
}

/// The report lists each rejected row with its row, field, value and reason.
#[test]
fn the_report_has_row_field_value_and_reason() {
    let defaults = common::default_data();
    let out = own_data(
        "excel-serial-date.csv",
        &corpus("excel-serial-date.csv"),
        &defaults,
    );
    assert_eq!(out.summary(), "2 rows read: 1 accepted, 1 rejected");
    let rows = out.report_rows();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].row, Some(3));
    assert_eq!(rows[0].field, "live_from");
    assert_eq!(rows[0].value, "43921");
    assert!(
        rows[0].reason.contains("write YYYY-MM-DD"),
        "{}",
        rows[0].reason
    );
    assert_eq!(rows[0].effect, "row left out");
}

/// The report's CSV (all problems, for a file with more than the page lists): one line a problem,
/// in file order, with the row each names; a value that looks like a formula stays text.
#[test]
fn the_problems_csv_lists_every_problem_of_a_long_report() {
    let defaults = common::default_data();
    let mut text = String::from("site_id,name,model,live_from,footprint\n");
    let bad = REPORT_ROWS_SHOWN + 57;
    for i in 0..bad {
        // Unknown model on each of these rows (the first a formula).
        let model = if i == 0 { "=1+1" } else { "XYZ" };
        text.push_str(&format!("S{i},Site {i},{model},2019-01,E08000015\n"));
    }
    text.push_str("OK,Fine,PACS,2019-01,E08000015\n");
    let out = own_data("many-bad.csv", text.as_bytes(), &defaults);
    assert_eq!(
        (out.rows_read, out.accepted, out.rejected),
        (bad + 1, 1, bad)
    );
    let rows = out.report_rows();
    assert_eq!(rows.len(), bad);
    let csv = problems_csv(&out.file, &out.summary(), &rows).to_csv();
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    // File, read, (blank), header, then one line a problem.
    assert_eq!(lines.len(), 2 + 1 + bad, "{}", &csv[..200.min(csv.len())]);
    assert!(lines[0].ends_with("File,many-bad.csv"));
    assert_eq!(
        lines[1],
        format!("Read,\"{}\"", out.summary()),
        "quoted: it has commas"
    );
    assert_eq!(lines[2], "row,field,value,reason,effect");
    for (i, line) in lines[3..].iter().enumerate() {
        assert!(
            line.starts_with(&format!("{},model,", i + 2)),
            "line {i}: {line}"
        );
        assert!(line.ends_with(",row left out"), "line {i}: {line}");
    }
    assert!(lines[3].starts_with("2,model,'=1+1,"), "{}", lines[3]);
}
