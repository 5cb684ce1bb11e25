//! IRIs of the vocabularies read from DCAT catalogues.

pub(crate) const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
pub(crate) const RDF_VALUE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#value";
pub(crate) const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";

macro_rules! iri {
    ($name:ident, $namespace:expr, $local:literal) => {
        pub(crate) const $name: &str = concat!($namespace, $local);
    };
}

iri!(DCAT_DATASET, "http://www.w3.org/ns/dcat#", "Dataset");
iri!(
    DCAT_DATASET_SERIES,
    "http://www.w3.org/ns/dcat#",
    "DatasetSeries"
);
iri!(
    DCAT_DISTRIBUTION,
    "http://www.w3.org/ns/dcat#",
    "distribution"
);
iri!(
    DCAT_DISTRIBUTIONS,
    "http://www.w3.org/ns/dcat#",
    "distributions"
);
iri!(
    DCAT_DOWNLOAD_URL,
    "http://www.w3.org/ns/dcat#",
    "downloadURL"
);
iri!(DCAT_ACCESS_URL, "http://www.w3.org/ns/dcat#", "accessURL");
iri!(
    DCAT_ACCESS_SERVICE,
    "http://www.w3.org/ns/dcat#",
    "accessService"
);
iri!(DCAT_MEDIA_TYPE, "http://www.w3.org/ns/dcat#", "mediaType");
iri!(DCAT_BYTE_SIZE, "http://www.w3.org/ns/dcat#", "byteSize");
iri!(DCAT_KEYWORD, "http://www.w3.org/ns/dcat#", "keyword");
iri!(DCAT_THEME, "http://www.w3.org/ns/dcat#", "theme");
iri!(
    DCAT_LANDING_PAGE,
    "http://www.w3.org/ns/dcat#",
    "landingPage"
);
iri!(
    DCAT_CONTACT_POINT,
    "http://www.w3.org/ns/dcat#",
    "contactPoint"
);
iri!(DCAT_START_DATE, "http://www.w3.org/ns/dcat#", "startDate");
iri!(DCAT_END_DATE, "http://www.w3.org/ns/dcat#", "endDate");
iri!(DCAT_BBOX, "http://www.w3.org/ns/dcat#", "bbox");
iri!(DCAT_CENTROID, "http://www.w3.org/ns/dcat#", "centroid");

iri!(DCT_IDENTIFIER, "http://purl.org/dc/terms/", "identifier");
iri!(DCT_TITLE, "http://purl.org/dc/terms/", "title");
iri!(DCT_DESCRIPTION, "http://purl.org/dc/terms/", "description");
iri!(DCT_ABSTRACT, "http://purl.org/dc/terms/", "abstract");
iri!(DCT_PUBLISHER, "http://purl.org/dc/terms/", "publisher");
iri!(DCT_LICENSE, "http://purl.org/dc/terms/", "license");
iri!(DCT_RIGHTS, "http://purl.org/dc/terms/", "rights");
iri!(
    DCT_ACCRUAL_PERIODICITY,
    "http://purl.org/dc/terms/",
    "accrualPeriodicity"
);
iri!(DCT_TEMPORAL, "http://purl.org/dc/terms/", "temporal");
iri!(DCT_SPATIAL, "http://purl.org/dc/terms/", "spatial");
iri!(DCT_ISSUED, "http://purl.org/dc/terms/", "issued");
iri!(DCT_MODIFIED, "http://purl.org/dc/terms/", "modified");
iri!(DCT_LANGUAGE, "http://purl.org/dc/terms/", "language");
iri!(DCT_CONFORMS_TO, "http://purl.org/dc/terms/", "conformsTo");
iri!(DCT_FORMAT, "http://purl.org/dc/terms/", "format");
iri!(DCT_HAS_PART, "http://purl.org/dc/terms/", "hasPart");
iri!(DC_LANGUAGE, "http://purl.org/dc/elements/1.1/", "language");

iri!(FOAF_NAME, "http://xmlns.com/foaf/0.1/", "name");
iri!(FOAF_PAGE, "http://xmlns.com/foaf/0.1/", "page");
iri!(VCARD_FN, "http://www.w3.org/2006/vcard/ns#", "fn");
iri!(
    VCARD_ORGANIZATION_NAME,
    "http://www.w3.org/2006/vcard/ns#",
    "organization-name"
);
iri!(
    VCARD_HAS_EMAIL,
    "http://www.w3.org/2006/vcard/ns#",
    "hasEmail"
);
iri!(
    SKOS_PREF_LABEL,
    "http://www.w3.org/2004/02/skos/core#",
    "prefLabel"
);
iri!(
    ADMS_CONTACT_POINT,
    "http://www.w3.org/ns/adms#",
    "contactPoint"
);
iri!(SCHEMA_START_DATE, "http://schema.org/", "startDate");
iri!(SCHEMA_END_DATE, "http://schema.org/", "endDate");
iri!(SCHEMA_HTTPS_START_DATE, "https://schema.org/", "startDate");
iri!(SCHEMA_HTTPS_END_DATE, "https://schema.org/", "endDate");
iri!(LOCN_GEOMETRY, "http://www.w3.org/ns/locn#", "geometry");
iri!(GEO_AS_WKT, "http://www.opengis.net/ont/geosparql#", "asWKT");
iri!(SPDX_CHECKSUM, "http://spdx.org/rdf/terms#", "checksum");
iri!(SPDX_ALGORITHM, "http://spdx.org/rdf/terms#", "algorithm");
iri!(
    SPDX_CHECKSUM_VALUE,
    "http://spdx.org/rdf/terms#",
    "checksumValue"
);

iri!(
    HYDRA_PARTIAL_COLLECTION_VIEW,
    "http://www.w3.org/ns/hydra/core#",
    "PartialCollectionView"
);
iri!(HYDRA_NEXT, "http://www.w3.org/ns/hydra/core#", "next");
iri!(
    HYDRA_PAGED_COLLECTION,
    "http://www.w3.org/ns/hydra/core#",
    "PagedCollection"
);
iri!(
    HYDRA_NEXT_PAGE,
    "http://www.w3.org/ns/hydra/core#",
    "nextPage"
);

/// Datatype IRIs that mark a GeoJSON literal: the GeoSPARQL one and the IANA media type.
pub(crate) const GEOJSON_DATATYPES: &[&str] = &[
    "http://www.opengis.net/ont/geosparql#geoJSONLiteral",
    "https://www.iana.org/assignments/media-types/application/vnd.geo+json",
    "http://www.iana.org/assignments/media-types/application/vnd.geo+json",
];

/// Datatype IRIs that mark a WKT literal.
pub(crate) const WKT_DATATYPES: &[&str] = &[
    "http://www.opengis.net/ont/geosparql#wktLiteral",
    "http://www.opengis.net/rdf#wktLiteral",
];

/// Prefix of IANA media-type IRIs used as `dcat:mediaType` values.
pub(crate) const IANA_MEDIA_TYPES: &[&str] = &[
    "http://www.iana.org/assignments/media-types/",
    "https://www.iana.org/assignments/media-types/",
];
