//! Exports on the default data: each chart's CSV holds the figures the core computes (worked out
//! here through the core's own API, not copied from an export), a status and a source on every
//! row and the "Data as at" line; text that a spreadsheet would run as a formula comes out
//! neutralised; each SVG names its chart and axes and is well-formed; file names say what and when.

mod common;

use common::{date, default_data, read, read_file};
use coverboard::chart::{main_chart, ChartOptions};
use coverboard::coverage::{by_model, coverage_at, default_period, Definition, Scope};
use coverboard::export::{
    file_name, map_csv, map_svg, model_types_csv, model_types_svg, neutralise, regions_csv,
    regions_svg, sites_csv, slug, trajectory_csv, trajectory_svg, CsvDoc, ExportMeta,
};
use coverboard::geo::parse_geojson;
use coverboard::map_chart::{map_chart, ColourBy, MapLevel, MapOptions};
use coverboard::model::{DataSet, ModelType, Status};
use coverboard::model_chart::model_chart;
use coverboard::parse::load_with;
use coverboard::projection::outlook;
use coverboard::region_chart::region_chart;
use coverboard::sites_table::{build_rows, select, RowFilter, Sort};

const AS_AT: &str = "2021-03-31";

/// A CSV export read back: the preamble's key/value pairs and the table (header first).
struct Parsed {
    preamble: Vec<(String, String)>,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Parsed {
    fn value(&self, key: &str) -> Option<&str> {
        self.preamble
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
    fn col(&self, name: &str) -> usize {
        self.header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name:?} in {:?}", self.header))
    }
}

/// Reads an export with the csv crate (an independent RFC 4180 reader).
fn parse(text: &str) -> Parsed {
    assert!(
        text.starts_with('\u{feff}'),
        "UTF-8 byte-order mark for Excel"
    );
    let body = text.trim_start_matches('\u{feff}');
    let (pre, table) = body
        .split_once("\r\n\r\n")
        .expect("a blank line between the preamble and the table");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(pre.as_bytes());
    let preamble: Vec<(String, String)> = reader
        .records()
        .map(|r| {
            let r = r.expect("preamble parses");
            assert_eq!(r.len(), 2, "key and value: {r:?}");
            (r[0].to_string(), r[1].to_string())
        })
        .collect();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(table.as_bytes());
    let mut all: Vec<Vec<String>> = reader
        .records()
        .map(|r| {
            r.expect("every table line has as many fields as the header")
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect();
    assert!(!all.is_empty(), "a header");
    let header = all.remove(0);
    Parsed {
        preamble,
        header,
        rows: all,
    }
}

fn num(s: &str) -> f64 {
    s.parse::<f64>()
        .unwrap_or_else(|_| panic!("{s:?} is not a number"))
}

/// Every cell of the file: none begins with a formula trigger unless it is a plain number.
fn assert_no_live_formulas(text: &str) {
    let body = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_bytes());
    let mut cells = 0;
    for r in reader.records() {
        for cell in r.expect("parses").iter() {
            cells += 1;
            if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                assert!(
                    cell.parse::<f64>().is_ok(),
                    "a live formula in the export: {cell:?}"
                );
            }
        }
    }
    assert!(cells > 0);
}

/// Status and source on every data row, the status one of the five words.
fn assert_status_and_source(p: &Parsed, source_col: &str) {
    let (s, src) = (p.col("Status"), p.col(source_col));
    assert!(!p.rows.is_empty());
    for row in &p.rows {
        assert!(
            Status::parse(&row[s]).is_some(),
            "status {:?} in {row:?}",
            row[s]
        );
        assert!(!row[src].trim().is_empty(), "no source in {row:?}");
    }
}

fn meta(data: &DataSet, def: &Definition, scope: &Scope, on: &str) -> ExportMeta {
    ExportMeta::new(data, def, scope, date(on))
}

#[test]
fn trajectory_csv_holds_the_core_figures_with_status_and_source() {
    let data = default_data();
    let def = Definition::default();
    let scope = Scope::new(&data.areas, "ENG");
    let as_at = date(AS_AT);
    let o = outlook(&data, &def, &scope, as_at);
    let chart = main_chart(
        &data,
        &def,
        &scope,
        &default_period(),
        as_at,
        Some(&o),
        ChartOptions {
            show_events: true,
            show_projection: true,
        },
    );
    let text = trajectory_csv(&chart, &meta(&data, &def, &scope, AS_AT)).to_csv();
    let p = parse(&text);

    assert_eq!(
        p.value("Data as at"),
        Some(data.manifest.data_as_at.as_str())
    );
    assert_eq!(p.value("As at"), Some(AS_AT));
    assert_eq!(p.value("Definition"), Some(def.describe().as_str()));
    assert!(p.value("Area").is_some_and(|a| a.starts_with("England")));
    assert!(p.value("Title").is_some_and(|t| t.contains("England")));
    assert_status_and_source(&p, "Source");
    assert_no_live_formulas(&text);

    let (date_c, row_c, series_c, share_c) =
        (p.col("Date"), p.col("Row"), p.col("Series"), p.col("Share"));
    let (people_c, base_c) = (p.col("People covered"), p.col("Population"));
    let find = |series: &str| {
        p.rows
            .iter()
            .find(|r| r[date_c] == AS_AT && r[row_c] == "coverage" && r[series_c] == series)
            .unwrap_or_else(|| panic!("no {series} row at {AS_AT}"))
    };
    // The headline (either type, each person once) and ACS/ICS alone, from coverage_at directly.
    for (series, d) in [
        ("Either (each person once)", def.clone()),
        ("ACS/ICS", Definition::with_models(&[ModelType::Ics])),
    ] {
        let c = coverage_at(&data, &d, &scope, as_at);
        let row = find(series);
        assert!((num(&row[share_c]) - c.share).abs() < 1e-6, "{series}");
        assert_eq!(num(&row[people_c]) as u64, c.covered, "{series}");
        assert_eq!(num(&row[base_c]) as u64, c.base, "{series}");
        assert_eq!(row[p.col("Status")], "derived");
    }
    assert!(
        (num(&find("Either (each person once)")[share_c]) - o.current.share).abs() < 1e-6,
        "the headline figure"
    );

    // One coverage row per series per month, every published milestone with its own status, the
    // projections drawn, and the target.
    let coverage_rows = p.rows.iter().filter(|r| r[row_c] == "coverage").count();
    assert_eq!(coverage_rows, chart.series.len() * default_period().len());
    let published: Vec<&Vec<String>> = p
        .rows
        .iter()
        .filter(|r| r[row_c] == "published figure")
        .collect();
    assert_eq!(published.len(), chart.milestones.len());
    assert!(!published.is_empty());
    for (row, m) in published.iter().zip(&chart.milestones) {
        assert_eq!(row[p.col("Status")], m.status.as_str());
        assert!((num(&row[share_c]) - m.share).abs() < 1e-6);
        assert_eq!(row[p.col("Source URL")], m.url);
    }
    assert_eq!(
        p.rows.iter().filter(|r| r[row_c] == "projection").count(),
        chart.projections.len()
    );
    let target = p
        .rows
        .iter()
        .find(|r| r[row_c] == "target")
        .expect("target row");
    assert_eq!(num(&target[share_c]), data.manifest.target.share);
    assert_eq!(target[date_c], data.target_date.to_string());
}

#[test]
fn regions_models_and_map_csv_hold_the_core_figures() {
    let data = default_data();
    let def = Definition::default();
    let england = Scope::new(&data.areas, "ENG");
    let as_at = date(AS_AT);
    let m = meta(&data, &def, &england, AS_AT);

    // Regions: each region's figure from coverage_at on its own scope.
    let regions = region_chart(&data, &def, as_at);
    let text = regions_csv(&regions, &m).to_csv();
    let p = parse(&text);
    assert_status_and_source(&p, "Source");
    assert_no_live_formulas(&text);
    assert_eq!(
        p.rows.len(),
        data.areas.regions.len() + 1,
        "regions + England"
    );
    for code in &data.areas.regions {
        let c = coverage_at(&data, &def, &Scope::new(&data.areas, code), as_at);
        let row = p
            .rows
            .iter()
            .find(|r| r[p.col("Region code")] == *code)
            .unwrap_or_else(|| panic!("no row for {code}"));
        assert!((num(&row[p.col("Share")]) - c.share).abs() < 1e-6);
        assert_eq!(num(&row[p.col("People covered")]) as u64, c.covered);
        assert_eq!(num(&row[p.col("Population")]) as u64, c.base);
    }
    let eng = coverage_at(&data, &def, &england, as_at);
    let last = p.rows.last().expect("England row");
    assert_eq!(last[p.col("Region")], "England");
    assert!((num(&last[p.col("Share")]) - eng.share).abs() < 1e-6);

    // Model types: the as-at month's row against by_model.
    let london = Scope::new(&data.areas, "E40000003");
    let models = model_chart(&data, &def, &london, &default_period(), as_at);
    let text = model_types_csv(&models, &meta(&data, &def, &london, AS_AT)).to_csv();
    let p = parse(&text);
    assert_status_and_source(&p, "Source");
    assert_no_live_formulas(&text);
    assert_eq!(p.rows.len(), default_period().len());
    let b = by_model(&data, &def, &london, as_at);
    let row = p
        .rows
        .iter()
        .find(|r| r[0] == AS_AT)
        .expect("a row for the as-at month end");
    for (model, people) in &b.per_model {
        let name = format!("{} (people)", model.code().replace("ICS", "ACS/ICS"));
        assert_eq!(num(&row[p.col(&name)]) as u64, *people, "{name}");
    }
    let any = format!("{} (people)", coverboard::model_chart::ANY_TYPE);
    let several = format!("{} (people)", coverboard::model_chart::SEVERAL_TYPES);
    assert_eq!(num(&row[p.col(&any)]) as u64, b.union);
    assert_eq!(num(&row[p.col(&several)]) as u64, b.covered_by_several);
    assert!(p.value("Area").is_some_and(|a| a.starts_with("London")));

    // Map: every STP, each with the coverage of its own scope.
    let options = MapOptions {
        level: MapLevel::Stp,
        colour_by: ColourBy::Coverage,
        as_at,
    };
    let map = map_chart(&data, &def, &options, "stp.geojson", &[]);
    let text = map_csv(&map, &m).to_csv();
    let p = parse(&text);
    assert_status_and_source(&p, "Source");
    assert_no_live_formulas(&text);
    assert_eq!(p.rows.len(), map.areas.len());
    assert!(p.rows.len() >= 40, "the STPs");
    for row in &p.rows {
        let c = coverage_at(
            &data,
            &def,
            &Scope::new(&data.areas, &row[p.col("Area code")]),
            as_at,
        );
        assert!((num(&row[p.col("Share")]) - c.share).abs() < 1e-6);
        assert!(!row[p.col("NHS region")].is_empty());
    }
}

#[test]
fn sites_csv_lists_the_rows_as_filtered_with_status_and_source() {
    let data = default_data();
    let def = Definition::default();
    let scope = Scope::new(&data.areas, "E40000003");
    let as_at = date(AS_AT);
    let all = build_rows(&data, &def, &scope, as_at);
    let filter = RowFilter {
        live_only: true,
        ..RowFilter::default()
    };
    let listed = select(&all, &filter, Sort::default());
    let rows: Vec<_> = listed.iter().filter_map(|&i| all.get(i)).collect();
    assert!(!rows.is_empty() && rows.len() < all.len());
    let text = sites_csv(&rows, &meta(&data, &def, &scope, AS_AT)).to_csv();
    let p = parse(&text);
    assert_status_and_source(&p, "Source URL");
    assert_no_live_formulas(&text);
    let ids: Vec<&str> = p
        .rows
        .iter()
        .map(|r| r[p.col("Site ID")].as_str())
        .collect();
    let want: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, want, "the listed rows, in the listed order");
    for (row, r) in p.rows.iter().zip(&rows) {
        assert_eq!(row[p.col("Site")], r.name);
        assert_eq!(row[p.col("Source URL")], r.source_url);
        let people = r.population.as_ref().map(|p| p.people.to_string());
        assert_eq!(
            Some(row[p.col("Footprint population")].clone()).filter(|s| !s.is_empty()),
            people
        );
    }
}

/// The default data with extra lines appended to sites.csv and milestones.csv and a manifest whose
/// title is a formula.
fn hostile_data() -> DataSet {
    load_with(|name| {
        let text = read_file(name)?;
        Ok(match name {
            "sites.csv" => format!(
                "{}\n{}\n{}\n{}\n{}\n",
                text.trim_end(),
                r#"X1,"=HYPERLINK(""http://x"",""click"")",ics,ICS,,2016-01-01,,E40000003,whole,yes,,,,,verified,https://example.org/x,"=1+1""#,
                r#"X2,+SUM(1;2),ics,ICS,@wave,2016-01-01,,E40000003,whole,yes,,,,,verified,https://example.org/y,-2+3"#,
                r#"X3,@cmd,ics,ICS,,2016-01-01,,E40000003,whole,yes,,,,,verified,=cmd|' /C calc'!A0,"#,
                "X4,-1+2 Hospital,ics,ICS,,2016-01-01,,E40000003,whole,yes,,,,,verified,https://example.org/z,",
            ),
            "milestones.csv" => format!(
                "{}\n2019-06-30,milestone,@SUM(A1:A9) people,ICS,~,,0.3,verified,=WEBSERVICE(\"http://x\"),-publisher,https://example.org,\n",
                text.trim_end()
            ),
            "manifest.json" => text.replacen(
                &format!("\"title\": {}", serde_json::to_string(&read_manifest_title()).map_err(|e| e.to_string())?),
                "\"title\": \"=HYPERLINK(\\\"http://x\\\")\"",
                1,
            ),
            _ => text,
        })
    })
    .expect("loads")
}

fn read_manifest_title() -> String {
    let v: serde_json::Value = serde_json::from_str(&read("manifest.json")).expect("json");
    v["title"].as_str().unwrap_or_default().to_string()
}

#[test]
fn text_that_would_be_a_formula_comes_out_neutralised() {
    let data = hostile_data();
    assert!(
        data.manifest.title.starts_with('='),
        "the manifest was replaced"
    );
    let def = Definition::default();
    let scope = Scope::new(&data.areas, "ENG");
    let as_at = date(AS_AT);
    let m = meta(&data, &def, &scope, AS_AT);

    let all = build_rows(&data, &def, &scope, as_at);
    let rows: Vec<_> = all.iter().filter(|r| r.id.starts_with('X')).collect();
    assert_eq!(rows.len(), 4, "the four hostile sites were read");
    let text = sites_csv(&rows, &m).to_csv();
    assert_no_live_formulas(&text);
    let p = parse(&text);
    let name = p.col("Site");
    let names: Vec<&str> = p.rows.iter().map(|r| r[name].as_str()).collect();
    assert_eq!(
        names,
        [
            "'=HYPERLINK(\"http://x\",\"click\")",
            "'+SUM(1;2)",
            "'@cmd",
            "'-1+2 Hospital"
        ]
    );
    assert_eq!(p.rows[0][p.col("Note")], "'=1+1");
    assert_eq!(p.rows[1][p.col("Note")], "'-2+3");
    assert_eq!(p.rows[1][p.col("Wave")], "'@wave");
    assert_eq!(p.rows[2][p.col("Source URL")], "'=cmd|' /C calc'!A0");
    assert_eq!(p.value("Data set"), Some("'=HYPERLINK(\"http://x\")"));
    // The raw text, too: the name is quoted with the apostrophe inside the quotes.
    assert!(text.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\""));

    // The milestone's label, source and publisher in the main chart's export.
    let chart = main_chart(
        &data,
        &def,
        &scope,
        &default_period(),
        as_at,
        None,
        ChartOptions::default(),
    );
    assert!(chart.milestones.iter().any(|m| m.title.starts_with('@')));
    let text = trajectory_csv(&chart, &m).to_csv();
    assert_no_live_formulas(&text);
    let p = parse(&text);
    let hostile = p
        .rows
        .iter()
        .find(|r| r[p.col("Note")].contains("@SUM"))
        .expect("the hostile milestone is exported");
    assert!(hostile[p.col("Source")].starts_with("'-publisher"));

    // A number is data: a negative figure is written as a number, not neutralised.
    assert_eq!(neutralise("-0.5"), "'-0.5");
    let doc = CsvDoc {
        preamble: Vec::new(),
        header: vec!["x".into(), "y".into()],
        rows: vec![vec![
            coverboard::export::Cell::real(-0.5, 2),
            coverboard::export::Cell::text("-0.5"),
        ]],
    };
    assert_eq!(doc.to_csv(), "\u{feff}x,y\r\n-0.50,'-0.5\r\n");
}

/// Tags open and close in order (a small XML well-formedness check for plotters' output).
fn assert_balanced(svg: &str) {
    assert!(svg.starts_with("<svg"), "{}", &svg[..svg.len().min(80)]);
    assert!(svg.trim_end().ends_with("</svg>"));
    let mut stack: Vec<String> = Vec::new();
    let mut rest = svg;
    while let Some(start) = rest.find('<') {
        let end = rest[start..].find('>').expect("a tag closes") + start;
        let tag = &rest[start + 1..end];
        assert!(!tag.contains('<'), "a stray < in {tag:?}");
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name.trim()), "closing {name}");
        } else if !tag.ends_with('/') && !tag.starts_with(['?', '!']) {
            let name = tag.split_whitespace().next().unwrap_or("").to_string();
            stack.push(name);
        }
        rest = &rest[end + 1..];
    }
    assert!(stack.is_empty(), "unclosed {stack:?}");
    assert!(!rest.contains('>'), "a stray > after the last tag");
}

#[test]
fn svg_exports_name_the_chart_and_are_well_formed() {
    let data = default_data();
    let def = Definition::default();
    let scope = Scope::new(&data.areas, "ENG");
    let as_at = date(AS_AT);
    let o = outlook(&data, &def, &scope, as_at);
    let mut chart = main_chart(
        &data,
        &def,
        &scope,
        &default_period(),
        as_at,
        Some(&o),
        ChartOptions::default(),
    );
    let svg = trajectory_svg(&chart, (960, 500)).expect("draws");
    assert_balanced(&svg);
    assert!(svg.contains(&format!("<title>{}</title>", chart.title)));
    for label in [
        chart.title.as_str(),
        "Share of population covered",
        &chart.target_label,
        &chart.deadline_label,
        "2015",
        "2021",
        "50%",
    ] {
        assert!(svg.contains(label), "{label}");
    }
    for s in &chart.series {
        assert!(svg.contains(&s.label), "legend {}", s.label);
    }
    assert!(svg.contains("width=\"960\" height=\"500\""));
    // The canvas's type: the title at 18 px as on screen (plotters' own SVG backend would write
    // 18 ÷ 1.24 = 14.5), in the font list whose widths laid the legend out.
    let title_tag = svg
        .split("<text")
        .skip(1)
        .find(|t| t.contains(chart.title.as_str()))
        .expect("the title is a text element");
    assert!(title_tag.contains(r#"font-size="18""#), "{title_tag}");
    assert!(
        title_tag.contains(&format!(
            r#"font-family="{}""#,
            coverboard::true_size_svg::FONT_FAMILY
        )),
        "{title_tag}"
    );
    // A title with markup stays text.
    chart.title = "A & B <script>alert(1)</script>".into();
    let svg = trajectory_svg(&chart, (960, 500)).expect("draws");
    assert_balanced(&svg);
    assert!(!svg.contains("<script"));
    // An absurd size is clamped, not a panic or a gigabyte.
    let svg = trajectory_svg(&chart, (0, u32::MAX)).expect("draws");
    assert!(svg.contains("width=\"320\" height=\"4096\""));

    let regions = region_chart(&data, &def, as_at);
    let svg = regions_svg(&regions, "E40000003", (900, 380)).expect("draws");
    assert_balanced(&svg);
    assert!(svg.contains(&regions.title));
    for b in &regions.bars {
        assert!(svg.contains(&b.name), "{}", b.name);
    }
    assert!(svg.contains("Target 50.0%"));

    let models = model_chart(&data, &def, &scope, &default_period(), as_at);
    let svg = model_types_svg(&models, (900, 420)).expect("draws");
    assert_balanced(&svg);
    assert!(svg.contains(&models.title) && svg.contains("People (millions)"));
    for l in &models.lines {
        assert!(svg.contains(&l.label), "{}", l.label);
    }

    let parsed = parse_geojson("stp.geojson", &read("stp.geojson"), MapLevel::Stp.keys());
    let options = MapOptions {
        level: MapLevel::Stp,
        colour_by: ColourBy::Coverage,
        as_at,
    };
    let map = map_chart(&data, &def, &options, "stp.geojson", &parsed.records);
    let svg = map_svg(&map, "ENG", (1000, 620), 1.0).expect("draws");
    assert_balanced(&svg);
    assert!(svg.contains("<path") || svg.contains("<polygon"));
    assert!(svg.contains("Coverage by STP at 31 Mar 2021"));
    assert!(svg.contains("London (enlarged)"));
}

#[test]
fn file_names_say_what_where_and_when() {
    let d = date(AS_AT);
    assert_eq!(
        file_name("trajectory", "London", d, "csv"),
        "coverboard-trajectory-london-2021-03-31.csv"
    );
    assert_eq!(
        file_name("model types", "North East and Yorkshire", d, "svg"),
        "coverboard-model-types-north-east-and-yorkshire-2021-03-31.svg"
    );
    assert_eq!(
        file_name("map-stp-coverage", "England", date("2019-06-30"), "png"),
        "coverboard-map-stp-coverage-england-2019-06-30.png"
    );
    // Whatever an area is called, the name stays one safe file name.
    for hostile in [
        "../../etc/passwd",
        "Bath & North East Somerset, Swindon and Wiltshire",
        "  ",
        "Île-de-France: \"quoted\" / back\\slash",
        &"x".repeat(500),
    ] {
        let name = file_name("sites", hostile, d, "csv");
        assert!(name.starts_with("coverboard-sites-"), "{name}");
        assert!(name.ends_with("-2021-03-31.csv"), "{name}");
        assert!(
            name.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.'),
            "{name}"
        );
        assert!(!name.contains("--") && !name.contains(".."), "{name}");
        assert!(name.len() <= 100, "{name}");
    }
    assert_eq!(slug("  "), "all");
    assert_eq!(slug("Cumbria & North East"), "cumbria-north-east");
}
