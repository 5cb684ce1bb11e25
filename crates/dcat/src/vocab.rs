//! Namespaces and the code lists that have canonical IRIs: licences, update frequencies,
//! file formats, media types and spatial coverage.

/// Prefixes declared by every serialisation, in this order.
pub const PREFIXES: &[(&str, &str)] = &[
    ("dcat", DCAT),
    ("dct", DCT),
    ("foaf", FOAF),
    ("vcard", VCARD),
    ("spdx", SPDX),
    ("hydra", HYDRA),
    ("owl", OWL),
    ("xsd", XSD),
    ("rdf", RDF),
];

pub const DCAT: &str = "http://www.w3.org/ns/dcat#";
pub const DCT: &str = "http://purl.org/dc/terms/";
pub const FOAF: &str = "http://xmlns.com/foaf/0.1/";
pub const VCARD: &str = "http://www.w3.org/2006/vcard/ns#";
pub const SPDX: &str = "http://spdx.org/rdf/terms#";
pub const HYDRA: &str = "http://www.w3.org/ns/hydra/core#";
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

/// Base of the EU Publications Office frequency authority table.
pub const FREQUENCY_BASE: &str = "http://publications.europa.eu/resource/authority/frequency/";
/// Base of the EU Publications Office file type authority table.
pub const FILE_TYPE_BASE: &str = "http://publications.europa.eu/resource/authority/file-type/";
/// Base of the IANA media type registry, as DCAT-AP writes `dcat:mediaType`.
pub const MEDIA_TYPE_BASE: &str = "https://www.iana.org/assignments/media-types/";
/// Company page of a SIREN in the French public register of legal entities.
pub const ANNUAIRE_ENTREPRISES_BASE: &str = "https://annuaire-entreprises.data.gouv.fr/entreprise/";

/// Returns the licence IRI for a socle licence id.
///
/// The IRIs are the `url` values of data.gouv.fr's licence list (udata's
/// `/api/1/datasets/licenses/`), because udata's DCAT harvester recognises a licence by
/// comparing `dct:license` with those URLs: `lov2` for Licence Ouverte 2.0, `odc-odbl`,
/// `cc-by` and `cc-zero`.
pub fn licence_iri(id: &str) -> Option<&'static str> {
    match id {
        "lov2" => Some("https://www.etalab.gouv.fr/licence-ouverte-open-licence"),
        "odbl" => Some("http://opendatacommons.org/licenses/odbl/summary/"),
        "cc-by-4.0" => Some("http://www.opendefinition.org/licenses/cc-by"),
        "cc0-1.0" => Some("http://www.opendefinition.org/licenses/cc-zero"),
        _ => None,
    }
}

/// Codes of the EU frequency authority table that socle offers.
const FREQUENCY_CODES: &[&str] = &[
    "UNKNOWN",
    "CONT",
    "DAILY",
    "WEEKLY",
    "MONTHLY",
    "QUARTERLY",
    "ANNUAL_2",
    "ANNUAL",
    "BIENNIAL",
    "TRIENNIAL",
    "IRREG",
    "NEVER",
    "OTHER",
];

/// Returns the EU frequency IRI of a code, or `None` for a code outside the table.
pub fn frequency_iri(code: &str) -> Option<String> {
    FREQUENCY_CODES
        .contains(&code)
        .then(|| format!("{FREQUENCY_BASE}{code}"))
}

/// A file format: its EU file type code and its IANA media type, when registered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileFormat {
    pub file_type: &'static str,
    pub media_type: Option<&'static str>,
}

/// Returns the EU file type and media type of a socle format name (case-insensitive).
pub fn file_format(format: &str) -> Option<FileFormat> {
    let known = |file_type, media_type| {
        Some(FileFormat {
            file_type,
            media_type,
        })
    };
    match format.trim().to_ascii_lowercase().as_str() {
        "csv" => known("CSV", Some("text/csv")),
        "tsv" => known("TSV", Some("text/tab-separated-values")),
        "json" => known("JSON", Some("application/json")),
        "geojson" => known("GEOJSON", Some("application/geo+json")),
        "xml" => known("XML", Some("application/xml")),
        "xlsx" => known(
            "XLSX",
            Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ),
        "xls" => known("XLS", Some("application/vnd.ms-excel")),
        "ods" => known(
            "ODS",
            Some("application/vnd.oasis.opendocument.spreadsheet"),
        ),
        "pdf" => known("PDF", Some("application/pdf")),
        "zip" => known("ZIP", Some("application/zip")),
        "gz" | "gzip" => known("GZIP", Some("application/gzip")),
        "txt" => known("TXT", Some("text/plain")),
        "html" => known("HTML", Some("text/html")),
        "shp" => known("SHP", None),
        "parquet" => known("PARQUET", None),
        _ => None,
    }
}

/// Returns the IRI of a spatial coverage code and the code it carries as identifier.
///
/// Communes and départements use the code-based IRIs of INSEE's geographic referential
/// (`http://id.insee.fr/geo/commune/42218`). NOTE: the EPCI form
/// (`http://id.insee.fr/geo/intercommunalite/<SIREN>`) follows the same pattern but was
/// not checked against INSEE's published identifiers.
pub fn spatial_iri(code: &str) -> Option<(String, &str)> {
    let (level, value) = code.split_once(':')?;
    let valid = !value.is_empty() && value.bytes().all(|b| b.is_ascii_alphanumeric());
    if !valid {
        return None;
    }
    let path = match level {
        "commune" => "commune",
        "departement" => "departement",
        "epci" => "intercommunalite",
        _ => return None,
    };
    Some((format!("http://id.insee.fr/geo/{path}/{value}"), value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn licences_map_to_datagouv_urls() {
        assert_eq!(
            licence_iri("lov2"),
            Some("https://www.etalab.gouv.fr/licence-ouverte-open-licence")
        );
        assert_eq!(
            licence_iri("odbl"),
            Some("http://opendatacommons.org/licenses/odbl/summary/")
        );
        assert!(licence_iri("cc-by-4.0").is_some());
        assert!(licence_iri("cc0-1.0").is_some());
        assert_eq!(licence_iri("proprietary"), None);
    }

    #[test]
    fn frequencies_use_eu_table() {
        assert_eq!(
            frequency_iri("ANNUAL").as_deref(),
            Some("http://publications.europa.eu/resource/authority/frequency/ANNUAL")
        );
        assert_eq!(frequency_iri("annual"), None);
        assert_eq!(frequency_iri("YEARLY"), None);
    }

    #[test]
    fn formats_ignore_case() {
        let csv = file_format("CSV").expect("csv");
        assert_eq!(csv.file_type, "CSV");
        assert_eq!(csv.media_type, Some("text/csv"));
        assert_eq!(file_format("shp").and_then(|f| f.media_type), None);
        assert_eq!(file_format("docx"), None);
    }

    #[test]
    fn spatial_codes_become_insee_iris() {
        assert_eq!(
            spatial_iri("commune:2A004"),
            Some(("http://id.insee.fr/geo/commune/2A004".to_string(), "2A004"))
        );
        assert_eq!(
            spatial_iri("departement:974")
                .map(|(iri, _)| iri)
                .as_deref(),
            Some("http://id.insee.fr/geo/departement/974")
        );
        assert_eq!(spatial_iri("region:84"), None);
        assert_eq!(spatial_iri("commune:42 18"), None);
        assert_eq!(spatial_iri("commune"), None);
    }
}
