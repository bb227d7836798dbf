//! The map's core, natively: the bundled boundary files, their match with the default data,
//! point-in-polygon, bad GeoJSON as problems (never a panic), figures and colours, and the map
//! drawn through plotters' SVG backend with its legend, London inset, selection and attribution.

mod common;

use common::{date, default_data, read};
use coverboard::coverage::{coverage_at, Definition, Scope};
use coverboard::geo::{
    feature_at, interior_point, parse_geojson, polygons_contain, Feature, Polygon, Projection,
};
use coverboard::map_chart::{
    area_at, draw_map, map_chart, ColourBy, Designation, MapChart, MapGeometry, MapLevel,
    MapOptions, ATTRIBUTION, LONDON_REGION, SCALE, STP_KEYS,
};
use coverboard::model::{AreaLevel, DataSet, ModelType};
use coverboard::problem::{Effect, ProblemKind};
use plotters::prelude::*;

fn features(level: MapLevel) -> Vec<Feature> {
    let parsed = parse_geojson(level.file(), &read(level.file()), level.keys());
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    parsed.records
}

fn chart(data: &DataSet, def: &Definition, level: MapLevel, by: ColourBy, on: &str) -> MapChart {
    let options = MapOptions {
        level,
        colour_by: by,
        as_at: date(on),
    };
    map_chart(data, def, &options, level.file(), &features(level))
}

fn render(chart: &MapChart, selected: &str, size: (u32, u32)) -> (String, MapGeometry) {
    let mut svg = String::new();
    let geometry = {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        draw_map(&root, chart, selected, 1.0).expect("draws")
    };
    (svg, geometry)
}

/// The text of every <text> element, trimmed, with the SVG escapes undone.
fn texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| t.split_once('>'))
        .map(|(_, rest)| {
            rest.split("</text>")
                .next()
                .unwrap_or("")
                .trim()
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
        })
        .collect()
}

fn hex(c: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

#[test]
fn bundled_boundaries_parse_with_42_stps_and_7_regions_and_no_problems() {
    let stps = parse_geojson("stp.geojson", &read("stp.geojson"), MapLevel::Stp.keys());
    assert_eq!(stps.records.len(), 42);
    assert_eq!(stps.rows_read, 42);
    assert!(stps.problems.is_empty(), "{:?}", stps.problems);
    let regions = parse_geojson(
        "regions.geojson",
        &read("regions.geojson"),
        MapLevel::Region.keys(),
    );
    assert_eq!(regions.records.len(), 7);
    assert!(regions.problems.is_empty(), "{:?}", regions.problems);
    let gm = &stps.records[0];
    assert_eq!(gm.code, "E54000007");
    assert_eq!(
        gm.name,
        "Greater Manchester Health and Social Care Partnership"
    );
    assert_eq!(gm.code_field, "stp21_code");
    // Suffolk and North East Essex has islands: a MultiPolygon of 6 parts.
    let sne = stps
        .records
        .iter()
        .find(|f| f.code == "E54000023")
        .expect("SNEE");
    assert_eq!(sne.polygons.len(), 6);
}

#[test]
fn every_feature_is_a_known_area_of_its_level_and_every_area_has_a_shape() {
    let data = default_data();
    for (level, want) in [
        (MapLevel::Stp, AreaLevel::Stp),
        (MapLevel::Region, AreaLevel::Region),
    ] {
        for f in features(level) {
            let area = data
                .areas
                .area(&f.code)
                .unwrap_or_else(|| panic!("{} in {} is not in areas.csv", f.code, level.file()));
            assert_eq!(area.level, want, "{}", f.code);
        }
        let c = chart(
            &data,
            &Definition::default(),
            level,
            ColourBy::Coverage,
            "2021-03-31",
        );
        assert!(c.problems.is_empty(), "{:?}", c.problems);
        assert!(c.missing_shapes().is_empty(), "areas without a shape");
    }
    let c = chart(
        &data,
        &Definition::default(),
        MapLevel::Stp,
        ColourBy::Coverage,
        "2021-03-31",
    );
    assert_eq!(c.areas.len(), 42);
    let c = chart(
        &data,
        &Definition::default(),
        MapLevel::Region,
        ColourBy::Coverage,
        "2021-03-31",
    );
    assert_eq!(c.areas.len(), 7);
}

#[test]
fn central_london_falls_in_a_london_stp_and_the_london_region() {
    let data = default_data();
    let at = (-0.12, 51.5);
    let (stps, regions) = (features(MapLevel::Stp), features(MapLevel::Region));
    let stp = feature_at(&stps, at).expect("an STP holds central London");
    let area = data.areas.area(&stp.code).expect("known STP");
    let piece = area.pieces.ones().next().expect("a piece");
    assert_eq!(
        data.areas.pieces[piece].region_code, LONDON_REGION,
        "{}",
        stp.name
    );
    let region = feature_at(&regions, at).expect("a region");
    assert_eq!(region.code, LONDON_REGION);
    // The Channel and the North Sea are in no area.
    assert!(feature_at(&stps, (-1.0, 50.2)).is_none());
    assert!(feature_at(&regions, (2.5, 54.0)).is_none());
    // Manchester, Leeds, Bristol, Norwich in the right STPs.
    for (lonlat, code) in [
        ((-2.24, 53.48), "E54000007"),
        ((-1.55, 53.80), "E54000054"),
        ((-2.59, 51.45), "E54000039"),
        ((1.30, 52.63), "E54000022"),
    ] {
        let f = feature_at(&stps, lonlat).expect("in England");
        assert_eq!(f.code, code, "{lonlat:?} is in {}", f.name);
    }
}

#[test]
fn point_in_polygon_respects_holes_and_multipolygons() {
    let square = |x0: f64, y0: f64, size: f64| {
        vec![
            (x0, y0),
            (x0 + size, y0),
            (x0 + size, y0 + size),
            (x0, y0 + size),
        ]
    };
    let donut = Polygon {
        exterior: square(0.0, 0.0, 10.0),
        holes: vec![square(4.0, 4.0, 2.0)],
    };
    let island = Polygon {
        exterior: square(20.0, 0.0, 2.0),
        holes: vec![],
    };
    let multi = vec![donut, island];
    assert!(polygons_contain(&multi, (1.0, 1.0)));
    assert!(!polygons_contain(&multi, (5.0, 5.0)), "in the hole");
    assert!(polygons_contain(&multi, (21.0, 1.0)), "on the island");
    assert!(!polygons_contain(&multi, (15.0, 1.0)), "between the parts");
    // The interior point of a donut is not in its hole.
    let p = interior_point(&multi).expect("a point");
    assert!(polygons_contain(&multi, p), "{p:?}");
    // The projection keeps north up and shrinks longitude by cos(latitude).
    let proj = Projection {
        lon0: 0.0,
        lat0: 52.0,
        kx: 52f64.to_radians().cos(),
    };
    let (x, y) = proj.project((1.0, 53.0));
    assert!((x - 0.6157).abs() < 1e-3 && (y - 1.0).abs() < 1e-12);
    let back = proj.unproject((x, y));
    assert!((back.0 - 1.0).abs() < 1e-12 && (back.1 - 53.0).abs() < 1e-12);
}

#[test]
fn bad_geojson_gives_problems_naming_the_file_feature_and_field_never_a_panic() {
    let f = |body: &str| format!(r#"{{"type":"FeatureCollection","features":[{body}]}}"#);
    let ok = r#"{"type":"Feature","properties":{"stp21_code":"E54000009","stp21_name":"SYB"},"geometry":{"type":"Polygon","coordinates":[[[-1.5,53.4],[-1.0,53.4],[-1.0,53.6],[-1.5,53.4]]]}}"#;
    let cases: Vec<(String, &str, &str)> = vec![
        // (text, expected field (prefix), expected words in the reason)
        ("".into(), "", "empty"),
        ("{not json".into(), "", "JSON"),
        (r#"{"type":"Feature"}"#.into(), "type", "FeatureCollection"),
        (
            r#"{"type":"FeatureCollection"}"#.into(),
            "features",
            "missing",
        ),
        (
            f(r#"{"type":"Feature","geometry":null}"#),
            "features[0].properties",
            "missing",
        ),
        (
            f(r#"{"type":"Feature","properties":{"name":"x"},"geometry":null}"#),
            "features[0].properties.stp21_code",
            "missing",
        ),
        (
            f(r#"{"type":"Feature","properties":{"stp21_code":"E54000009"},"geometry":null}"#),
            "features[0].geometry",
            "missing",
        ),
        (
            f(
                r#"{"type":"Feature","properties":{"stp21_code":"E54000009"},"geometry":{"type":"Point","coordinates":[0,51]}}"#,
            ),
            "features[0].geometry.type",
            "Polygon, MultiPolygon",
        ),
        (
            f(
                r#"{"type":"Feature","properties":{"stp21_code":"E54000009"},"geometry":{"type":"Polygon","coordinates":[[[0,51],["a",51],[1,52],[0,51]]]}}"#,
            ),
            "features[0].geometry.coordinates[0][1]",
            "two numbers",
        ),
        (
            f(
                r#"{"type":"Feature","properties":{"stp21_code":"E54000009"},"geometry":{"type":"Polygon","coordinates":[[[530000,180000],[531000,180000],[531000,181000],[530000,180000]]]}}"#,
            ),
            "features[0].geometry.coordinates[0][0]",
            "British National Grid",
        ),
        (
            f(
                r#"{"type":"Feature","properties":{"stp21_code":"E54000009"},"geometry":{"type":"Polygon","coordinates":[[[0,51],[1,51]]]}}"#,
            ),
            "features[0].geometry.coordinates[0]",
            "at least 4 positions",
        ),
        (
            f(
                r#"{"type":"Feature","properties":{"stp21_code":"E54000009"},"geometry":{"type":"MultiPolygon","coordinates":[]}}"#,
            ),
            "features[0].geometry.coordinates",
            "MultiPolygon",
        ),
        (
            f(
                r#"{"type":"Feature","properties":{"stp21_code":"E54000009"},"geometry":{"type":"Polygon","coordinates":"x"}}"#,
            ),
            "features[0].geometry.coordinates",
            "array of rings",
        ),
        (
            f(&format!("{ok},{ok}")),
            "features[1].properties.stp21_code",
            "used again",
        ),
        (f("42"), "features[0].properties", "missing"),
    ];
    for (text, field, words) in &cases {
        let parsed = parse_geojson("stp.geojson", text, &STP_KEYS);
        assert_eq!(parsed.problems.len(), 1, "{text}: {:?}", parsed.problems);
        let p = &parsed.problems[0];
        assert_eq!(p.file, "stp.geojson");
        let shown = p.to_string();
        if !field.is_empty() {
            assert_eq!(p.field.as_deref(), Some(*field), "{text}: {shown}");
        }
        assert!(
            shown.to_lowercase().contains(&words.to_lowercase()),
            "{text}: '{shown}' should say '{words}'"
        );
        assert!(shown.starts_with("stp.geojson"), "{shown}");
    }
    // A bad feature is left out and the good ones kept.
    let mixed = f(&format!(
        r#"{ok},{{"type":"Feature","properties":{{"stp21_code":"E54000010"}},"geometry":{{"type":"LineString","coordinates":[[0,51],[1,52]]}}}}"#
    ));
    let parsed = parse_geojson("stp.geojson", &mixed, &STP_KEYS);
    assert_eq!(parsed.records.len(), 1);
    assert_eq!(parsed.rows_read, 2);
    assert_eq!(parsed.problems[0].effect, Effect::RowRejected);
    assert_eq!(
        parsed.problems[0].field.as_deref(),
        Some("features[1].geometry.type")
    );
    // ONS's own spelling of the code property, in capitals, works too; an unclosed ring is closed.
    let ons = f(
        r#"{"type":"Feature","properties":{"STP21CD":"E54000009","STP21NM":"SYB"},"geometry":{"type":"Polygon","coordinates":[[[-1.5,53.4],[-1.0,53.4],[-1.0,53.6]]]}}"#,
    );
    let parsed = parse_geojson("stp.geojson", &ons, &STP_KEYS);
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    assert_eq!(parsed.records[0].code, "E54000009");
    assert_eq!(parsed.records[0].name, "SYB");
    // An empty collection says there is nothing to draw.
    let parsed = parse_geojson("stp.geojson", &f(""), &STP_KEYS);
    assert!(matches!(
        parsed.problems[0].kind,
        ProblemKind::NothingUsable(_)
    ));
}

#[test]
fn features_that_are_not_areas_of_the_level_are_problems_and_areas_keep_their_figures() {
    let data = default_data();
    let text = format!(
        r#"{{"type":"FeatureCollection","features":[
            {{"type":"Feature","properties":{{"stp21_code":"E99999999"}},"geometry":{{"type":"Polygon","coordinates":[[[0,51],[1,51],[1,52],[0,51]]]}}}},
            {{"type":"Feature","properties":{{"stp21_code":"{LONDON_REGION}"}},"geometry":{{"type":"Polygon","coordinates":[[[0,51],[1,51],[1,52],[0,51]]]}}}}
        ]}}"#
    );
    let parsed = parse_geojson("stp.geojson", &text, &STP_KEYS);
    assert!(parsed.problems.is_empty());
    let options = MapOptions {
        level: MapLevel::Stp,
        colour_by: ColourBy::Coverage,
        as_at: date("2021-03-31"),
    };
    let c = map_chart(
        &data,
        &Definition::default(),
        &options,
        "stp.geojson",
        &parsed.records,
    );
    assert_eq!(c.problems.len(), 2, "{:?}", c.problems);
    assert!(matches!(
        c.problems[0].kind,
        ProblemKind::UnknownArea { .. }
    ));
    assert_eq!(
        c.problems[0].field.as_deref(),
        Some("features[0].properties.stp21_code")
    );
    assert!(
        c.problems[1].to_string().contains("STP codes"),
        "{}",
        c.problems[1]
    );
    // Every STP is still listed with its figure; none has a shape; drawing draws no areas.
    assert_eq!(c.areas.len(), 42);
    assert!(c.areas.iter().all(|a| a.share.is_some()));
    assert!(!c.has_shapes());
    let (_, g) = render(&c, "ENG", (900, 600));
    assert!(g.shapes.is_empty());
    // With no boundaries at all (before the file is fetched) the figures are there too.
    let c = map_chart(&data, &Definition::default(), &options, "stp.geojson", &[]);
    assert_eq!(c.areas.len(), 42);
    assert!(c.problems.is_empty());
}

#[test]
fn coverage_colours_follow_the_figures() {
    let data = default_data();
    let ics = Definition::with_models(&[ModelType::Ics]);
    let c = chart(&data, &ics, MapLevel::Stp, ColourBy::Coverage, "2019-06-30");
    // South Yorkshire and Bassetlaw: an ACS from June 2017, so 100% in June 2019.
    let syb = c.area("E54000009").expect("SYB");
    assert_eq!(syb.share, Some(1.0));
    assert_eq!(syb.class, Some(4));
    assert_eq!(syb.value, "100.0%");
    assert_eq!(syb.status, coverboard::model::Status::Derived);
    assert!(syb
        .source
        .contains("union of footprints over ONS mid-2019 populations"));
    // Staffordshire: an ICS from 1 April 2021, so 0%.
    let staffs = c.area("E54000010").expect("Staffordshire");
    assert_eq!(staffs.share, Some(0.0));
    assert_eq!(staffs.class, Some(0));
    // Each area's figure is coverage_at for its scope.
    for a in &c.areas {
        let want = coverage_at(
            &data,
            &ics,
            &Scope::new(&data.areas, &a.code),
            date("2019-06-30"),
        );
        assert_eq!(a.share, Some(want.share), "{}", a.code);
    }
    assert_eq!(c.legend.len(), 5);
    assert_eq!(c.legend.iter().map(|e| e.count).sum::<usize>(), 42);
    assert_eq!(c.legend[2].label, "50% (target) to under 75%");
    let (svg, _) = render(&c, "ENG", (1100, 700));
    let upper = svg.to_ascii_uppercase();
    assert!(upper.contains(&hex(SCALE[4])), "the darkest class is drawn");
    assert!(
        upper.contains(&hex(SCALE[0])),
        "the lightest class is drawn"
    );
    // At the deadline with the default definition, SYB's figure equals the headline for it.
    let c = chart(
        &data,
        &Definition::default(),
        MapLevel::Stp,
        ColourBy::Coverage,
        "2021-03-31",
    );
    let want = coverage_at(
        &data,
        &Definition::default(),
        &Scope::new(&data.areas, "E54000009"),
        date("2021-03-31"),
    );
    assert_eq!(
        c.area("E54000009").map(|a| a.value.clone()),
        Some(coverboard::summary::pct(want.share))
    );
}

#[test]
fn svg_has_every_area_the_legend_the_inset_and_the_attribution() {
    let data = default_data();
    let c = chart(
        &data,
        &Definition::default(),
        MapLevel::Stp,
        ColourBy::Coverage,
        "2021-03-31",
    );
    let parts: usize = c.areas.iter().map(|a| a.shapes.len()).sum();
    let london_parts: usize = c
        .areas
        .iter()
        .filter(|a| a.in_inset)
        .map(|a| a.shapes.len())
        .sum();
    assert_eq!(
        c.areas.iter().filter(|a| a.in_inset).count(),
        5,
        "London's 5 STPs"
    );
    let (svg, g) = render(&c, "ENG", (1100, 700));
    let polygons = svg.matches("<polygon").count();
    // One <polygon> per part (London twice), less islands smaller than a pixel.
    assert_eq!(g.polygons_drawn, polygons);
    assert!(polygons >= 42 + 5, "{polygons}");
    assert!(polygons <= parts + london_parts && polygons + 3 >= parts + london_parts);
    assert_eq!(g.shapes.iter().filter(|s| !s.inset).count(), 42);
    assert_eq!(g.shapes.iter().filter(|s| s.inset).count(), 5);
    assert!(g.inset.is_some(), "a wide canvas has the London inset");
    let labels = texts(&svg);
    assert!(
        labels.contains(&"Coverage by STP at 31 Mar 2021".to_string()),
        "{labels:?}"
    );
    assert!(labels.contains(&"Share of people covered (STPs)".to_string()));
    for e in &c.legend {
        let want = format!("{} · {}", e.label, e.count);
        assert!(
            labels.contains(&want),
            "legend entry '{want}' in {labels:?}"
        );
    }
    assert!(labels.contains(&"London (enlarged)".to_string()));
    let joined = labels.join(" ");
    assert!(joined.contains(ATTRIBUTION), "attribution in {joined}");
    // Every area's anchor lies inside that area.
    assert_eq!(g.anchors.len(), 42);
    for (code, (x, y)) in &g.anchors {
        assert_eq!(area_at(&g, *x, *y), Some(code.as_str()), "anchor of {code}");
    }
    // Central London on the main map is a London STP; outside the map is nothing.
    let p = g.main.to_px(c.projection.project((-0.12, 51.5)));
    let code = area_at(&g, p.0, p.1).expect("an STP at central London");
    assert_eq!(
        c.area(code).map(|a| a.region_code.as_str()),
        Some(LONDON_REGION)
    );
    assert_eq!(area_at(&g, 2.0, 2.0), None);
}

#[test]
fn the_selected_area_or_region_is_outlined_and_named() {
    let data = default_data();
    let c = chart(
        &data,
        &Definition::default(),
        MapLevel::Stp,
        ColourBy::Coverage,
        "2021-03-31",
    );
    let yellow = "#FFEB3B";
    let (plain, g0) = render(&c, "E92000001", (1100, 700));
    assert!(!plain.to_ascii_uppercase().contains(yellow));
    let (svg, _) = render(&c, "E54000009", (1100, 700));
    assert!(svg.to_ascii_uppercase().contains(yellow));
    let syb = c.area("E54000009").expect("SYB");
    let want = format!("Selected: {} ({})", syb.name, syb.value);
    assert!(texts(&svg).contains(&want), "{want}");
    // A region selected on the STP map: its outer boundary only.
    let (svg, _) = render(&c, LONDON_REGION, (1100, 700));
    assert!(svg.to_ascii_uppercase().contains(yellow));
    assert!(texts(&svg).contains(&"Selected: London (its STPs outlined)".to_string()));
    // Selecting never moves the map or the inset under the pointer, whatever the name's length.
    for code in ["E54000009", "E54000027", "E54000040", LONDON_REGION] {
        let (_, g) = render(&c, code, (1100, 700));
        assert_eq!(g.anchors, g0.anchors, "layout with {code} selected");
        let (_, narrow0) = render(&c, "ENG", (380, 620));
        let (_, narrow) = render(&c, code, (380, 620));
        assert_eq!(
            narrow.anchors, narrow0.anchors,
            "narrow layout with {code} selected"
        );
    }
}

#[test]
fn designation_status_at_the_date() {
    let data = default_data();
    let def = Definition::default();
    let at = |d: &str, code: &str| {
        let c = chart(&data, &def, MapLevel::Stp, ColourBy::Designation, d);
        c.area(code)
            .and_then(|a| a.designation)
            .expect("a designation")
    };
    // BOB in mid-2018: Berkshire West and Buckinghamshire ACSs cover part of it.
    assert_eq!(at("2018-06-30", "E54000044"), Designation::Part);
    assert_eq!(at("2019-06-30", "E54000044"), Designation::Whole);
    // Cumbria and North East: West, North and East Cumbria from May 2018.
    assert_eq!(at("2018-04-30", "E54000050"), Designation::None);
    assert_eq!(at("2018-06-30", "E54000050"), Designation::Part);
    assert_eq!(at("2018-06-30", "E54000009"), Designation::Whole);
    assert_eq!(at("2021-03-31", "E54000010"), Designation::None);
    assert_eq!(at("2021-04-01", "E54000010"), Designation::Whole);
    let c = chart(
        &data,
        &def,
        MapLevel::Stp,
        ColourBy::Designation,
        "2018-06-30",
    );
    let bob = c.area("E54000044").expect("BOB");
    assert!(bob.detail.contains("Berkshire West"), "{}", bob.detail);
    assert!(bob.detail.contains("19 Jun 2019"), "{}", bob.detail);
    assert!(bob.url.starts_with("https://"), "{}", bob.url);
    let staffs = c.area("E54000010").expect("Staffordshire");
    assert!(staffs.detail.contains("1 Apr 2021"), "{}", staffs.detail);
    assert_eq!(c.legend.len(), 3);
    let (svg, _) = render(&c, "ENG", (1100, 700));
    assert!(texts(&svg)
        .iter()
        .any(|t| t.starts_with("Part in an early ACS/ICS · ")));
    // Regions: the share in a live ACS/ICS; all England from 1 April 2021.
    let c = chart(
        &data,
        &def,
        MapLevel::Region,
        ColourBy::Designation,
        "2021-04-01",
    );
    assert!(
        c.areas.iter().all(|a| a.share == Some(1.0)),
        "every region whole"
    );
    let c = chart(
        &data,
        &def,
        MapLevel::Region,
        ColourBy::Designation,
        "2016-12-31",
    );
    assert!(
        c.areas.iter().all(|a| a.share == Some(0.0)),
        "no ACS before June 2017"
    );
    assert!(
        c.summary().contains("0 of 7 NHS regions"),
        "{}",
        c.summary()
    );
}

#[test]
fn region_map_labels_each_region_and_a_narrow_canvas_stacks_the_legend() {
    let data = default_data();
    let c = chart(
        &data,
        &Definition::default(),
        MapLevel::Region,
        ColourBy::Coverage,
        "2021-03-31",
    );
    assert!(c.inset.is_none());
    let (svg, g) = render(&c, "E40000003", (1100, 700));
    let labels = texts(&svg);
    for a in &c.areas {
        assert!(labels.contains(&a.name), "{} labelled", a.name);
        assert!(labels.contains(&a.value), "{} value {}", a.name, a.value);
    }
    assert_eq!(g.anchors.len(), 7);
    // A phone-sized canvas: legend below the map, every anchor still inside its area.
    let c = chart(
        &data,
        &Definition::default(),
        MapLevel::Stp,
        ColourBy::Coverage,
        "2021-03-31",
    );
    let (svg, g) = render(&c, "ENG", (360, 560));
    assert!(svg.contains("<polygon"));
    for (code, (x, y)) in &g.anchors {
        assert_eq!(area_at(&g, *x, *y), Some(code.as_str()), "anchor of {code}");
        assert!(*x >= 0.0 && *x <= 360.0 && *y >= 0.0 && *y <= 560.0);
    }
    // Twice the pixels at scale 2 (a high-density screen) still draws.
    let mut big = String::new();
    {
        let root = SVGBackend::with_string(&mut big, (2200, 1400)).into_drawing_area();
        draw_map(&root, &c, "ENG", 2.0).expect("draws at 2x");
    }
    assert!(big.contains("width=\"2200\""));
}
