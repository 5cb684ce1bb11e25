//! `french-gps-coordinates`: a geopoint must fall inside metropolitan France or one of the
//! five overseas departments, and a point that only does so once swapped is reported as
//! reversed. `coordonnees-gps-francaises`, the same test in Validata's format library,
//! reports both cases as `custom-check-error` (Validata 0.12.5 crashes on every use of it,
//! because it calls the test with one argument instead of two).
//!
//! The test uses Validata's six bounding boxes, not the territories' outlines, so points in
//! neighbouring countries near a box edge pass. The boxes are open: a point exactly on an
//! edge is outside, as with Shapely's `within`.

use tableschema::{FieldType, Value};

use super::declaration::{Declaration, Declared};
use super::{CUSTOM_CHECK_ERROR, Column, Row};
use crate::finding::Finding;

/// The location of a point relative to the French boxes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GpsVerdict {
    InFrance,
    /// Outside every box, but inside one once longitude and latitude are swapped.
    Reversed,
    Outside,
}

/// A box in degrees: longitude from `lon_min` to `lon_max`, latitude from `lat_min` to `lat_max`.
struct BoundingBox {
    lon_min: f64,
    lon_max: f64,
    lat_min: f64,
    lat_max: f64,
}

/// Validata 0.12.5's boxes. The Réunion box stops at latitude −20.8718, which leaves out the
/// northern edge of Saint-Denis.
const BOXES: [BoundingBox; 6] = [
    // Metropolitan France with Corsica.
    BoundingBox {
        lon_min: -5.141277,
        lon_max: 9.560091,
        lat_min: 41.333571,
        lat_max: 51.088989,
    },
    // Guadeloupe.
    BoundingBox {
        lon_min: -61.809839,
        lon_max: -61.001959,
        lat_min: 15.832041,
        lat_max: 16.514488,
    },
    // Martinique.
    BoundingBox {
        lon_min: -61.229033,
        lon_max: -60.809655,
        lat_min: 14.388646,
        lat_max: 14.878723,
    },
    // Guyane.
    BoundingBox {
        lon_min: -54.60239,
        lon_max: -51.619041,
        lat_min: 2.111055,
        lat_max: 5.748138,
    },
    // La Réunion.
    BoundingBox {
        lon_min: 55.216526,
        lon_max: 55.836654,
        lat_min: -21.389631,
        lat_max: -20.8718,
    },
    // Mayotte.
    BoundingBox {
        lon_min: 45.01833,
        lon_max: 45.299985,
        lat_min: -13.005254,
        lat_max: -12.63659,
    },
];

/// Classifies a point given as longitude then latitude, in degrees.
pub fn locate(lon: f64, lat: f64) -> GpsVerdict {
    if in_france(lon, lat) {
        GpsVerdict::InFrance
    } else if in_france(lat, lon) {
        GpsVerdict::Reversed
    } else {
        GpsVerdict::Outside
    }
}

/// A compiled `french-gps-coordinates` or `coordonnees-gps-francaises` check, on a
/// `geopoint` field.
#[derive(Debug)]
pub(super) struct GpsCheck {
    column: Column,
    /// Whether findings use the format library's single error type.
    format_library: bool,
}

impl GpsCheck {
    /// Validata crashes on a field of another type; socle reports the declaration instead.
    pub fn declare(declaration: &Declaration<'_>) -> Declared<GpsCheck> {
        let column = declaration.column("column")?;
        if declaration.field_type(&column) != Some(FieldType::GeoPoint) {
            return Err(declaration.wrong_type(&column, "geopoint"));
        }
        let format_library = declaration.name == "coordonnees-gps-francaises";
        Ok(GpsCheck {
            column,
            format_library,
        })
    }

    pub fn check(&self, row: &Row<'_, '_>, out: &mut Vec<Finding>) {
        let Some(Value::GeoPoint(lon, lat)) = row.value(&self.column) else {
            return;
        };
        let (mut code, message_id) = match locate(*lon, *lat) {
            GpsVerdict::InFrance => return,
            GpsVerdict::Reversed => ("reversed-french-gps-coordinates", "check-gps-reversed"),
            GpsVerdict::Outside => ("french-gps-coordinates", "check-gps-outside-france"),
        };
        if self.format_library {
            code = CUSTOM_CHECK_ERROR;
        }
        out.push(
            row.cell_finding(code, message_id, &self.column)
                .arg("column", &self.column.name)
                .arg("lon", lon)
                .arg("lat", lat),
        );
    }
}

fn in_france(lon: f64, lat: f64) -> bool {
    BOXES.iter().any(|area| {
        lon > area.lon_min && lon < area.lon_max && lat > area.lat_min && lat < area.lat_max
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paris_in_france() {
        assert_eq!(locate(2.294481, 48.85837), GpsVerdict::InFrance);
    }

    #[test]
    fn swapped_paris_reversed() {
        assert_eq!(locate(48.85837, 2.294481), GpsVerdict::Reversed);
    }

    #[test]
    fn atlantic_outside() {
        assert_eq!(locate(48.85837, 52.0), GpsVerdict::Outside);
        assert_eq!(locate(f64::NAN, 48.0), GpsVerdict::Outside);
    }

    #[test]
    fn overseas_departments_inside() {
        assert_eq!(locate(-61.53, 16.24), GpsVerdict::InFrance); // Pointe-à-Pitre
        assert_eq!(locate(-61.07, 14.60), GpsVerdict::InFrance); // Fort-de-France
        assert_eq!(locate(-52.33, 4.93), GpsVerdict::InFrance); // Cayenne
        assert_eq!(locate(55.77, -21.37), GpsVerdict::InFrance); // Saint-Philippe
        assert_eq!(locate(45.23, -12.78), GpsVerdict::InFrance); // Mamoudzou
    }

    #[test]
    fn reunion_box_edge() {
        // Just south of the box's northern edge: inside.
        assert_eq!(locate(55.45, -20.8719), GpsVerdict::InFrance);
        // On the edge and north of it (northern Saint-Denis): outside, as in Validata.
        assert_eq!(locate(55.45, -20.8718), GpsVerdict::Outside);
        assert_eq!(locate(55.45, -20.8700), GpsVerdict::Outside);
    }
}
