//! The quote-free CSV reading in `parse::quote_free_records` against the `csv` crate: the same
//! records and fields for any text without a double quote, each at the line its first byte is on;
//! and row numbers in problems are those lines, whatever the line ends and with or without quotes
//! (the `csv` crate's own line numbers fall one short after `\r\n` or a blank line).
use coverboard::parse::quote_free_records;
use proptest::prelude::*;

/// What the `csv` crate reads (as `parse` sets it up): each record's fields, at the line of its
/// first byte (one more than the `\n`s before it; the record's position is where the reader
/// stood before skipping line ends).
fn by_csv_crate(text: &str) -> Vec<(usize, Vec<String>)> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for record in reader.records() {
        let Ok(record) = record else {
            panic!("quote-free text gave a csv error: {text:?}");
        };
        let mut start = record.position().map_or(0, |p| p.byte() as usize);
        while matches!(text.as_bytes().get(start), Some(b'\n' | b'\r')) {
            start += 1;
        }
        let line = 1 + text.as_bytes()[..start]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        out.push((line, record.iter().map(String::from).collect()));
    }
    out
}

fn by_fast_path(text: &str) -> Vec<(usize, Vec<String>)> {
    quote_free_records(text)
        .map(|(line, record)| (line, record.split(',').map(String::from).collect()))
        .collect()
}

#[test]
fn line_ends_of_every_kind() {
    for text in [
        "",
        "a",
        "a,b\n1,2\n",
        "a,b\r\n1,2\r\n",
        "a,b\r1,2\r",
        "\n\n a , b \n\r\n\r\r1,,2\n",
        ",\n,,\n",
        "é,ü\n\u{feff}x\n",
        "a\n\n\nb",
    ] {
        assert_eq!(by_fast_path(text), by_csv_crate(text), "{text:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn same_as_the_csv_crate(text in "[ab ,\\n\\r\\té;]{0,60}") {
        prop_assert_eq!(by_fast_path(&text), by_csv_crate(&text));
    }
}

/// The rows problems name in a milestones file with a bad date on its fourth line.
fn problem_rows(text: &str) -> Vec<Option<usize>> {
    coverboard::parse::parse_milestones("milestones.csv", text)
        .problems
        .iter()
        .map(|p| p.row)
        .collect()
}

#[test]
fn problems_name_the_line_whatever_the_line_ends() {
    let unix = "date,label\n2016-01-01,one\n\nnot a date,bad\n2017-01-01,two\n";
    let windows = unix.replace('\n', "\r\n");
    for text in [unix.to_string(), windows] {
        let quoted = text.replace("one", "\"one, quoted\"");
        assert_eq!(problem_rows(&text), [Some(4)], "{text:?}");
        assert_eq!(problem_rows(&quoted), [Some(4)], "{quoted:?}");
    }
}
