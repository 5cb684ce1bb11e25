//! Namespaces and the code lists that have canonical IRIs: licences, update frequencies,
//! data themes, file formats, media types and spatial coverage.

/// Prefixes declared by every serialisation, in this order.
pub const PREFIXES: &[(&str, &str)] = &[
    ("dcat", DCAT),
    ("dct", DCT),
    ("foaf", FOAF),
    ("vcard", VCARD),
    ("spdx", SPDX),
    ("hydra", HYDRA),
    ("owl", OWL),
    ("skos", SKOS),
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
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

/// Base of the EU Publications Office frequency authority table.
pub const FREQUENCY_BASE: &str = "http://publications.europa.eu/resource/authority/frequency/";
/// The EU Publications Office data theme authority table, the concept scheme of
/// `dcat:theme` in DCAT-AP.
pub const DATA_THEME_SCHEME: &str = "http://publications.europa.eu/resource/authority/data-theme";
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

/// Title of the data theme table, written on its `skos:ConceptScheme` node because
/// DCAT-AP requires one.
pub const DATA_THEME_SCHEME_TITLE: &str = "Thèmes des données";

/// Codes of the EU data theme authority table with a French label, written as the
/// `skos:prefLabel` that DCAT-AP requires on each concept.
const DATA_THEMES: &[(&str, &str)] = &[
    ("AGRI", "Agriculture, pêche, sylviculture et alimentation"),
    ("ECON", "Économie et finances"),
    ("EDUC", "Éducation, culture et sport"),
    ("ENER", "Énergie"),
    ("ENVI", "Environnement"),
    ("GOVE", "Gouvernement et secteur public"),
    ("HEAL", "Santé"),
    ("INTR", "Questions internationales"),
    ("JUST", "Justice, système juridique et sécurité publique"),
    ("OP_DATPRO", "Données provisoires"),
    ("REGI", "Régions et villes"),
    ("SOCI", "Population et société"),
    ("TECH", "Science et technologie"),
    ("TRAN", "Transports"),
];

/// EU data themes of the datasets that declare a schema, keyed on the schema's short name
/// in socle's bundled registry (the `slug` of `scdl::Entry`).
///
/// The themes describe what the schema's records are about:
/// - GOVE (government and public sector) for the acts, budgets, grants, procurement and
///   catalogues of public bodies, with ECON where money or businesses are the subject;
/// - TRAN (transport) for charging points, car-pooling places and parking, with ENER for
///   charging points;
/// - SOCI (population and society) for public facilities, aid schemes, digital inclusion
///   places and first names, with EDUC for facilities, which include schools, and TECH
///   for digital inclusion;
/// - AGRI (which covers food) and EDUC for school and collective catering menus;
/// - HEAL for defibrillators, JUST (public safety) for fire hydrants, REGI (regions and
///   cities) for local address databases.
///
/// A schema missing here gets no theme; a test of the server checks that every bundled
/// schema is listed.
pub const SCHEMA_THEMES: &[(&str, &[&str])] = &[
    ("bal", &["REGI"]),
    ("budget", &["GOVE", "ECON"]),
    ("catalogue", &["GOVE"]),
    ("dae", &["HEAL"]),
    ("decp-dpa", &["GOVE", "ECON"]),
    ("decp-tabulaire", &["GOVE", "ECON"]),
    ("deliberations", &["GOVE"]),
    ("dispositif-aide", &["GOVE", "SOCI"]),
    ("dispositif-aide-professionnels", &["GOVE", "ECON"]),
    ("equipements", &["SOCI", "EDUC"]),
    ("irve-dynamique", &["TRAN", "ENER"]),
    ("irve-statique", &["TRAN", "ENER"]),
    ("lieux-covoiturage", &["TRAN"]),
    ("marches-publics", &["GOVE", "ECON"]),
    ("mediation-numerique", &["SOCI", "TECH"]),
    ("menus-collectifs", &["AGRI", "EDUC"]),
    ("pei", &["JUST"]),
    ("plats-menus-collectifs", &["AGRI", "EDUC"]),
    ("prenoms", &["SOCI"]),
    ("stationnement", &["TRAN"]),
    ("stationnement-cyclable", &["TRAN"]),
    ("subventions", &["GOVE", "ECON"]),
];

/// Returns the EU data theme codes of a schema of the bundled registry, by short name;
/// empty for a schema [`SCHEMA_THEMES`] does not list.
pub fn schema_themes(slug: &str) -> &'static [&'static str] {
    SCHEMA_THEMES
        .iter()
        .find(|(known, _)| *known == slug)
        .map_or(&[], |(_, themes)| themes)
}

/// Returns the IRI and French label of an EU data theme code, or `None` for a code
/// outside the table.
pub fn data_theme(code: &str) -> Option<(String, &'static str)> {
    DATA_THEMES
        .iter()
        .find(|(known, _)| *known == code)
        .map(|(_, label)| (format!("{DATA_THEME_SCHEME}/{code}"), *label))
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

/// Returns the INSEE IRI of a commune or département code, the levels whose code-based
/// IRIs [`spatial_iri`] takes from INSEE's referential. EPCI codes get `None` because
/// their IRI form is unverified.
pub fn official_spatial_iri(code: &str) -> Option<String> {
    let (level, _) = code.split_once(':')?;
    if level != "commune" && level != "departement" {
        return None;
    }
    spatial_iri(code).map(|(iri, _)| iri)
}

/// Reads an IRI written by [`spatial_iri`] back into a socle spatial code, such as
/// `http://id.insee.fr/geo/commune/42218` into `commune:42218`.
pub fn spatial_code_of_iri(iri: &str) -> Option<String> {
    let path = iri.strip_prefix("http://id.insee.fr/geo/")?;
    let (level, value) = path.split_once('/')?;
    let level = match level {
        "commune" => "commune",
        "departement" => "departement",
        "intercommunalite" => "epci",
        _ => return None,
    };
    let code = format!("{level}:{value}");
    spatial_iri(&code).is_some().then_some(code)
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
    fn schema_themes_use_eu_codes() {
        assert_eq!(schema_themes("deliberations"), ["GOVE"]);
        assert_eq!(schema_themes("irve-statique"), ["TRAN", "ENER"]);
        assert!(schema_themes("unknown-schema").is_empty());
        for (slug, themes) in SCHEMA_THEMES {
            assert!(!themes.is_empty(), "{slug}");
            for theme in *themes {
                assert!(data_theme(theme).is_some(), "{slug}: {theme}");
            }
        }
        assert_eq!(
            data_theme("GOVE"),
            Some((
                "http://publications.europa.eu/resource/authority/data-theme/GOVE".to_string(),
                "Gouvernement et secteur public"
            ))
        );
        assert_eq!(data_theme("gove"), None);
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
        assert_eq!(
            official_spatial_iri("departement:2A").as_deref(),
            Some("http://id.insee.fr/geo/departement/2A")
        );
        assert_eq!(official_spatial_iri("epci:244200770"), None);
        for code in ["commune:42218", "departement:974", "epci:244200770"] {
            let (iri, _) = spatial_iri(code).expect(code);
            assert_eq!(spatial_code_of_iri(&iri).as_deref(), Some(code));
        }
        assert_eq!(
            spatial_code_of_iri("http://id.insee.fr/geo/region/84"),
            None
        );
        assert_eq!(
            spatial_code_of_iri("http://id.insee.fr/geo/commune/42 18"),
            None
        );
        assert_eq!(
            spatial_code_of_iri("https://example.org/commune/42218"),
            None
        );
        assert_eq!(spatial_iri("commune:42 18"), None);
        assert_eq!(spatial_iri("commune"), None);
    }
}
