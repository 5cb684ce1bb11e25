//! Readers for `geopoint` (formats `default`, `array`, `object`) and `geojson`, following
//! frictionless 5.21: each coordinate goes through Python's `Decimal`, so JSON strings and
//! booleans are accepted as coordinates; longitude must lie in [-180, 180] and latitude in
//! [-90, 90]. Swapped coordinates pass when both are in range, as they do in frictionless.
//!
//! GeoJSON is checked for its shape (a known `type` and the members that type needs), not
//! against the full GeoJSON JSON Schema that frictionless uses.

use serde_json::Value as Json;

use super::number::parse_decimal;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GeoPointFormat {
    Default,
    Array,
    Object,
}

/// Reads a geopoint cell as `(longitude, latitude)`.
pub(crate) fn parse_geopoint(text: &str, format: GeoPointFormat) -> Option<(f64, f64)> {
    let (lon, lat) = match format {
        GeoPointFormat::Default => {
            let (lon, lat) = text.split_once(',')?;
            if lat.contains(',') {
                return None;
            }
            (parse_decimal(lon)?, parse_decimal(lat)?)
        }
        GeoPointFormat::Array => match serde_json::from_str::<Json>(text).ok()? {
            Json::Array(items) if items.len() == 2 => {
                (coordinate(items.first()?)?, coordinate(items.get(1)?)?)
            }
            _ => return None,
        },
        GeoPointFormat::Object => match serde_json::from_str::<Json>(text).ok()? {
            Json::Object(map) if map.len() == 2 => {
                (coordinate(map.get("lon")?)?, coordinate(map.get("lat")?)?)
            }
            _ => return None,
        },
    };
    // NaN fails both ranges, as Python's Decimal comparison raises on it.
    let in_range = (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat);
    in_range.then_some((lon, lat))
}

/// Python's `Decimal(item)` on a JSON item: numbers, numeric strings and booleans.
fn coordinate(item: &Json) -> Option<f64> {
    match item {
        Json::Number(number) => number.as_f64(),
        Json::String(text) => parse_decimal(text),
        Json::Bool(flag) => Some(f64::from(u8::from(*flag))),
        _ => None,
    }
}

/// Reads a `geojson` cell (format `default`) or a TopoJSON one (format `topojson`).
pub(crate) fn parse_geojson(text: &str, topojson: bool) -> Option<Json> {
    let value: Json = serde_json::from_str(text).ok()?;
    let object = value.as_object()?;
    let kind = object.get("type")?.as_str()?;
    let valid = if topojson {
        kind == "Topology" && object.get("objects").is_some_and(Json::is_object)
    } else {
        is_geojson_object(&value, 0)
    };
    valid.then_some(value)
}

/// GeoJSON nesting (features in collections, geometries in collections) stops here.
const MAX_DEPTH: usize = 16;

fn is_geojson_object(value: &Json, depth: usize) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    let Some(object) = value.as_object() else {
        return false;
    };
    match object.get("type").and_then(Json::as_str) {
        Some(
            "Point" | "MultiPoint" | "LineString" | "MultiLineString" | "Polygon" | "MultiPolygon",
        ) => object.get("coordinates").is_some_and(Json::is_array),
        Some("GeometryCollection") => object
            .get("geometries")
            .and_then(Json::as_array)
            .is_some_and(|geometries| {
                geometries
                    .iter()
                    .all(|geometry| is_geojson_object(geometry, depth + 1))
            }),
        Some("Feature") => object
            .get("geometry")
            .is_some_and(|geometry| geometry.is_null() || is_geojson_object(geometry, depth + 1)),
        Some("FeatureCollection") => {
            object
                .get("features")
                .and_then(Json::as_array)
                .is_some_and(|features| {
                    features
                        .iter()
                        .all(|feature| is_geojson_object(feature, depth + 1))
                })
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn geopoint_formats() {
        assert_eq!(
            parse_geopoint("2.35, 48.85", GeoPointFormat::Default),
            Some((2.35, 48.85))
        );
        assert!(parse_geopoint("[2.35,48.85]", GeoPointFormat::Default).is_none());
        assert!(parse_geopoint("2.35;48.85", GeoPointFormat::Default).is_none());
        assert!(parse_geopoint("[\"2.35\",\"48.85\"]", GeoPointFormat::Array).is_some());
        assert!(parse_geopoint("[48.85, 2.35]", GeoPointFormat::Array).is_some());
        assert!(parse_geopoint("[200,48]", GeoPointFormat::Array).is_none());
        assert!(parse_geopoint("[2.35]", GeoPointFormat::Array).is_none());
        assert!(parse_geopoint("{\"lat\":48.85,\"lon\":2.35}", GeoPointFormat::Object).is_some());
        assert!(parse_geopoint("{\"lon\":2.35}", GeoPointFormat::Object).is_none());
        assert!(parse_geopoint("NaN,1", GeoPointFormat::Default).is_none());
    }

    #[test]
    fn geojson_shapes() {
        assert!(parse_geojson("{\"type\":\"Point\",\"coordinates\":[2.3,48.8]}", false).is_some());
        assert!(
            parse_geojson(
                "{\"type\":\"Feature\",\"geometry\":null,\"properties\":{}}",
                false
            )
            .is_some()
        );
        assert!(parse_geojson("{\"type\":\"Cercle\"}", false).is_none());
        assert!(parse_geojson("[1,2]", false).is_none());
    }
}
