//! Boundaries: GeoJSON FeatureCollections of Polygon/MultiPolygon areas read into rings (every bad
//! feature a `Problem`, never a panic), a lon/lat → plane projection, and point-in-polygon tests.

use crate::problem::{Effect, Parsed, Problem, ProblemKind};
use serde_json::Value;

/// A closed ring of (x, y) points: (longitude, latitude) as read, or plane coordinates once
/// projected. The last point need not repeat the first.
pub type Ring = Vec<(f64, f64)>;

/// One polygon: an outer ring and any holes.
#[derive(Clone, Debug, PartialEq)]
pub struct Polygon {
    pub exterior: Ring,
    pub holes: Vec<Ring>,
}

/// One area of a boundary file.
#[derive(Clone, Debug, PartialEq)]
pub struct Feature {
    /// Position in the file's `features` array (0-based, as in `features[3]`).
    pub index: usize,
    pub code: String,
    pub name: String,
    /// The property the code was read from (for problem messages).
    pub code_field: String,
    /// One polygon for a Polygon, several for a MultiPolygon.
    pub polygons: Vec<Polygon>,
}

/// Which properties hold an area's code and name: the first one present counts (names compared
/// without regard to case, so ONS's `STP21CD` and a tool's `stp21_code` both work).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PropertyKeys {
    pub code: &'static [&'static str],
    pub name: &'static [&'static str],
}

/// A bounding box.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    pub min_x: f64,
    pub min_y: f64,
    pub max_x: f64,
    pub max_y: f64,
}

impl Bounds {
    /// An empty box that any point extends.
    pub fn empty() -> Bounds {
        Bounds {
            min_x: f64::INFINITY,
            min_y: f64::INFINITY,
            max_x: f64::NEG_INFINITY,
            max_y: f64::NEG_INFINITY,
        }
    }

    pub fn is_empty(&self) -> bool {
        !(self.min_x <= self.max_x && self.min_y <= self.max_y)
    }

    pub fn extend(&mut self, (x, y): (f64, f64)) {
        self.min_x = self.min_x.min(x);
        self.min_y = self.min_y.min(y);
        self.max_x = self.max_x.max(x);
        self.max_y = self.max_y.max(y);
    }

    pub fn union(&mut self, other: &Bounds) {
        if !other.is_empty() {
            self.extend((other.min_x, other.min_y));
            self.extend((other.max_x, other.max_y));
        }
    }

    pub fn of_polygons<'a>(polygons: impl IntoIterator<Item = &'a Polygon>) -> Bounds {
        let mut b = Bounds::empty();
        for p in polygons {
            for &pt in &p.exterior {
                b.extend(pt);
            }
        }
        b
    }

    pub fn contains(&self, (x, y): (f64, f64)) -> bool {
        x >= self.min_x && x <= self.max_x && y >= self.min_y && y <= self.max_y
    }

    pub fn width(&self) -> f64 {
        if self.is_empty() {
            0.0
        } else {
            self.max_x - self.min_x
        }
    }

    pub fn height(&self) -> f64 {
        if self.is_empty() {
            0.0
        } else {
            self.max_y - self.min_y
        }
    }

    /// The box grown by `fraction` of its size on every side.
    pub fn padded(&self, fraction: f64) -> Bounds {
        let dx = self.width() * fraction;
        let dy = self.height() * fraction;
        Bounds {
            min_x: self.min_x - dx,
            min_y: self.min_y - dy,
            max_x: self.max_x + dx,
            max_y: self.max_y + dy,
        }
    }
}

/// Equirectangular projection scaled by the cosine of a middle latitude: east-west distances are
/// right at that latitude (England spans 50°–56° N, so the error is a few per cent at the edges).
/// x grows east, y grows north, both in degrees of latitude.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Projection {
    pub lon0: f64,
    pub lat0: f64,
    pub kx: f64,
}

impl Projection {
    /// Centred on the middle of `lonlat` (a box in longitude/latitude).
    pub fn for_bounds(lonlat: &Bounds) -> Projection {
        if lonlat.is_empty() {
            return Projection {
                lon0: 0.0,
                lat0: 0.0,
                kx: 1.0,
            };
        }
        let lat0 = (lonlat.min_y + lonlat.max_y) / 2.0;
        Projection {
            lon0: (lonlat.min_x + lonlat.max_x) / 2.0,
            lat0,
            kx: lat0.to_radians().cos().max(0.05),
        }
    }

    pub fn project(&self, (lon, lat): (f64, f64)) -> (f64, f64) {
        ((lon - self.lon0) * self.kx, lat - self.lat0)
    }

    pub fn unproject(&self, (x, y): (f64, f64)) -> (f64, f64) {
        (x / self.kx + self.lon0, y + self.lat0)
    }

    pub fn project_polygon(&self, p: &Polygon) -> Polygon {
        Polygon {
            exterior: p.exterior.iter().map(|&q| self.project(q)).collect(),
            holes: p
                .holes
                .iter()
                .map(|h| h.iter().map(|&q| self.project(q)).collect())
                .collect(),
        }
    }
}

/// Whether `pt` lies inside `ring` (even-odd rule; points exactly on an edge may go either way).
pub fn ring_contains(ring: &[(f64, f64)], (x, y): (f64, f64)) -> bool {
    let n = ring.len();
    if n < 3 {
        return false;
    }
    let mut inside = false;
    let mut j = n - 1;
    for i in 0..n {
        let (xi, yi) = ring[i];
        let (xj, yj) = ring[j];
        if (yi > y) != (yj > y) {
            let x_cross = xi + (y - yi) / (yj - yi) * (xj - xi);
            if x < x_cross {
                inside = !inside;
            }
        }
        j = i;
    }
    inside
}

/// Inside the outer ring and in none of the holes.
pub fn polygon_contains(p: &Polygon, pt: (f64, f64)) -> bool {
    ring_contains(&p.exterior, pt) && !p.holes.iter().any(|h| ring_contains(h, pt))
}

/// Inside any of the polygons (a MultiPolygon).
pub fn polygons_contain(polygons: &[Polygon], pt: (f64, f64)) -> bool {
    polygons.iter().any(|p| polygon_contains(p, pt))
}

/// The first feature whose area holds the point (longitude, latitude).
pub fn feature_at(features: &[Feature], lonlat: (f64, f64)) -> Option<&Feature> {
    features
        .iter()
        .find(|f| polygons_contain(&f.polygons, lonlat))
}

/// Shoelace area of a ring (absolute).
pub fn ring_area(ring: &[(f64, f64)]) -> f64 {
    let n = ring.len();
    if n < 3 {
        return 0.0;
    }
    let mut twice = 0.0;
    let mut j = n - 1;
    for i in 0..n {
        twice += (ring[j].0 + ring[i].0) * (ring[j].1 - ring[i].1);
        j = i;
    }
    (twice / 2.0).abs()
}

/// Area of a polygon less its holes.
pub fn polygon_area(p: &Polygon) -> f64 {
    (ring_area(&p.exterior) - p.holes.iter().map(|h| ring_area(h)).sum::<f64>()).max(0.0)
}

/// A point well inside the largest polygon, for a label or a pointer: the middle of the widest
/// inside stretch of the horizontal line through the middle of its box (always inside, unlike a
/// centroid, whatever the shape).
pub fn interior_point(polygons: &[Polygon]) -> Option<(f64, f64)> {
    let largest = polygons
        .iter()
        .max_by(|a, b| polygon_area(a).total_cmp(&polygon_area(b)))?;
    let b = Bounds::of_polygons(std::iter::once(largest));
    if b.is_empty() {
        return None;
    }
    // Try a few lines near the middle; an edge vertex exactly on the line can spoil one.
    let mut best: Option<(f64, (f64, f64))> = None;
    for k in [0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65] {
        let y = b.min_y + b.height() * k;
        let mut xs: Vec<f64> = Vec::new();
        for ring in std::iter::once(&largest.exterior).chain(largest.holes.iter()) {
            let n = ring.len();
            if n < 3 {
                continue;
            }
            let mut j = n - 1;
            for i in 0..n {
                let (xi, yi) = ring[i];
                let (xj, yj) = ring[j];
                if (yi > y) != (yj > y) {
                    xs.push(xi + (y - yi) / (yj - yi) * (xj - xi));
                }
                j = i;
            }
        }
        xs.sort_by(f64::total_cmp);
        for pair in xs.chunks_exact(2) {
            let w = pair[1] - pair[0];
            let mid = ((pair[0] + pair[1]) / 2.0, y);
            if w > 0.0 && best.is_none_or(|(bw, _)| w > bw) && polygon_contains(largest, mid) {
                best = Some((w, mid));
            }
        }
    }
    best.map(|(_, p)| p)
}

// ------------------------------------------------------------------------------------------------
// Reading GeoJSON

fn feature_problem(file: &str, field: String, kind: ProblemKind) -> Box<Problem> {
    Box::new(Problem {
        file: file.to_string(),
        row: None,
        field: Some(field),
        kind,
        effect: Effect::RowRejected,
    })
}

fn short_json(v: &Value) -> String {
    let mut s = v.to_string();
    if s.chars().count() > 60 {
        s = s.chars().take(57).collect::<String>() + "…";
    }
    s
}

/// A property value as text (strings as they are; numbers written out), if not empty.
fn property_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The first property named in `keys` (any case) with a value: (the key as in the file, value).
fn find_property(
    props: &serde_json::Map<String, Value>,
    keys: &[&str],
) -> Option<(String, String)> {
    keys.iter().find_map(|want| {
        props
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(want))
            .and_then(|(k, v)| property_text(v).map(|t| (k.clone(), t)))
    })
}

/// Reads one position `[lon, lat, ...]`.
fn read_position(v: &Value, path: &str, file: &str) -> Result<(f64, f64), Box<Problem>> {
    let arr = v.as_array().filter(|a| a.len() >= 2).ok_or_else(|| {
        feature_problem(
            file,
            path.to_string(),
            ProblemKind::NotAllowed {
                value: short_json(v),
                allowed: "a position [longitude, latitude]".into(),
            },
        )
    })?;
    let num = |x: &Value| x.as_f64().filter(|f| f.is_finite());
    let (Some(lon), Some(lat)) = (num(&arr[0]), num(&arr[1])) else {
        return Err(feature_problem(
            file,
            path.to_string(),
            ProblemKind::NotAllowed {
                value: short_json(v),
                allowed: "a position of two numbers [longitude, latitude]".into(),
            },
        ));
    };
    if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
        return Err(feature_problem(
            file,
            path.to_string(),
            ProblemKind::NotAllowed {
                value: short_json(v),
                allowed: "WGS84 longitude (-180 to 180) and latitude (-90 to 90); grid coordinates such as British National Grid must be converted first".into(),
            },
        ));
    }
    Ok((lon, lat))
}

/// Reads one linear ring (at least 4 positions in GeoJSON; an unclosed ring is closed here).
fn read_ring(v: &Value, path: &str, file: &str) -> Result<Ring, Box<Problem>> {
    let arr = v.as_array().ok_or_else(|| {
        feature_problem(
            file,
            path.to_string(),
            ProblemKind::NotAllowed {
                value: short_json(v),
                allowed: "a ring: an array of positions".into(),
            },
        )
    })?;
    let mut ring = Vec::with_capacity(arr.len());
    for (k, pos) in arr.iter().enumerate() {
        ring.push(read_position(pos, &format!("{path}[{k}]"), file)?);
    }
    if ring.first() == ring.last() {
        ring.pop();
    }
    if ring.len() < 3 {
        return Err(feature_problem(
            file,
            path.to_string(),
            ProblemKind::NotAllowed {
                value: format!("a ring of {} positions", arr.len()),
                allowed: "a closed ring of at least 4 positions".into(),
            },
        ));
    }
    Ok(ring)
}

/// Reads a Polygon's coordinates: rings, the first the outer one.
fn read_polygon(v: &Value, path: &str, file: &str) -> Result<Polygon, Box<Problem>> {
    let rings = v.as_array().filter(|a| !a.is_empty()).ok_or_else(|| {
        feature_problem(
            file,
            path.to_string(),
            ProblemKind::NotAllowed {
                value: short_json(v),
                allowed: "a polygon: an array of rings, the outer ring first".into(),
            },
        )
    })?;
    let mut out = Polygon {
        exterior: Vec::new(),
        holes: Vec::new(),
    };
    for (r, ring) in rings.iter().enumerate() {
        let ring = read_ring(ring, &format!("{path}[{r}]"), file)?;
        if r == 0 {
            out.exterior = ring;
        } else {
            out.holes.push(ring);
        }
    }
    Ok(out)
}

fn read_geometry(g: &Value, path: &str, file: &str) -> Result<Vec<Polygon>, Box<Problem>> {
    let missing =
        |field: &str| feature_problem(file, format!("{path}.{field}"), ProblemKind::MissingField);
    let obj = g.as_object().ok_or_else(|| missing(""))?;
    let kind = obj
        .get("type")
        .and_then(Value::as_str)
        .ok_or_else(|| missing("type"))?;
    let coords = obj.get("coordinates");
    match kind {
        "Polygon" => {
            let c = coords.ok_or_else(|| missing("coordinates"))?;
            Ok(vec![read_polygon(c, &format!("{path}.coordinates"), file)?])
        }
        "MultiPolygon" => {
            let c = coords.ok_or_else(|| missing("coordinates"))?;
            let parts = c.as_array().filter(|a| !a.is_empty()).ok_or_else(|| {
                feature_problem(
                    file,
                    format!("{path}.coordinates"),
                    ProblemKind::NotAllowed {
                        value: short_json(c),
                        allowed: "a MultiPolygon: an array of polygons".into(),
                    },
                )
            })?;
            parts
                .iter()
                .enumerate()
                .map(|(p, part)| read_polygon(part, &format!("{path}.coordinates[{p}]"), file))
                .collect()
        }
        other => Err(feature_problem(
            file,
            format!("{path}.type"),
            ProblemKind::NotAllowed {
                value: other.to_string(),
                allowed: "Polygon, MultiPolygon".into(),
            },
        )),
    }
}

/// Reads a GeoJSON FeatureCollection of areas. Every valid feature is kept; each bad one is left
/// out with a problem naming the file, the feature (`features[i]`) and the field. A text that is
/// not a FeatureCollection gives one problem for the whole file and no features.
pub fn parse_geojson(file: &str, text: &str, keys: &PropertyKeys) -> Parsed<Feature> {
    let mut out = Parsed::default();
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        out.problems
            .push(Problem::file(file, ProblemKind::EmptyFile));
        return out;
    }
    let root: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            out.problems
                .push(Problem::file(file, ProblemKind::Json(e.to_string())));
            return out;
        }
    };
    let whole_file = |field: &str, kind: ProblemKind| Problem {
        field: Some(field.to_string()),
        ..Problem::file(file, kind)
    };
    match root.get("type").and_then(Value::as_str) {
        Some("FeatureCollection") => {}
        Some(other) => {
            out.problems.push(whole_file(
                "type",
                ProblemKind::NotAllowed {
                    value: other.to_string(),
                    allowed: "FeatureCollection".into(),
                },
            ));
            return out;
        }
        None => {
            out.problems
                .push(whole_file("type", ProblemKind::MissingField));
            return out;
        }
    }
    let Some(features) = root.get("features").and_then(Value::as_array) else {
        out.problems
            .push(whole_file("features", ProblemKind::MissingField));
        return out;
    };
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, feature) in features.iter().enumerate() {
        out.rows_read += 1;
        let path = format!("features[{i}]");
        let props = feature.get("properties").and_then(Value::as_object);
        let Some(props) = props else {
            out.problems.push(*feature_problem(
                file,
                format!("{path}.properties"),
                ProblemKind::MissingField,
            ));
            continue;
        };
        let Some((code_field, code)) = find_property(props, keys.code) else {
            out.problems.push(*feature_problem(
                file,
                format!(
                    "{path}.properties.{}",
                    keys.code.first().copied().unwrap_or("code")
                ),
                ProblemKind::MissingField,
            ));
            continue;
        };
        if let Some(&first) = seen.get(&code) {
            out.problems.push(*feature_problem(
                file,
                format!("{path}.properties.{code_field}"),
                ProblemKind::DuplicateId {
                    value: code,
                    first_row: first,
                },
            ));
            continue;
        }
        let name = find_property(props, keys.name)
            .map(|(_, n)| n)
            .unwrap_or_else(|| code.clone());
        let polygons = match feature.get("geometry") {
            None | Some(Value::Null) => Err(feature_problem(
                file,
                format!("{path}.geometry"),
                ProblemKind::MissingField,
            )),
            Some(g) => read_geometry(g, &format!("{path}.geometry"), file),
        };
        match polygons {
            Ok(polygons) => {
                seen.insert(code.clone(), i);
                out.records.push(Feature {
                    index: i,
                    code,
                    name,
                    code_field,
                    polygons,
                });
            }
            Err(p) => out.problems.push(*p),
        }
    }
    if out.records.is_empty() && out.problems.is_empty() {
        out.problems.push(whole_file(
            "features",
            ProblemKind::NothingUsable("the collection has no features".into()),
        ));
    }
    out
}
