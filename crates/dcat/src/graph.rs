//! Turns the model into triples, one catalogue header or one dataset at a time.
//!
//! Every serialisation is fed the same triples, so the Turtle, RDF/XML and JSON-LD of a
//! page describe the same graph. Nodes that belong to a dataset (its period, its contact
//! point, a distribution's checksum) get IRIs derived from their owner's IRI rather than
//! blank nodes, so they stay the same from one export to the next.

use oxrdf::{Literal, NamedNode, Triple};

use crate::model::{Agent, Catalog, Dataset, Distribution, Licence, Page, Standard};
use crate::vocab::{
    self, ANNUAIRE_ENTREPRISES_BASE, DCAT, DCT, FILE_TYPE_BASE, FOAF, HYDRA, MEDIA_TYPE_BASE, OWL,
    RDF, SKOS, SPDX, VCARD, XSD,
};

/// Language tag of the titles, descriptions and keywords socle stores.
const TEXT_LANGUAGE: &str = "fr";

/// An IRI that is not valid where the model requires one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidIri {
    pub iri: String,
}

/// Returns whether `text` is an absolute IRI that every serialisation can write.
pub fn is_valid_iri(text: &str) -> bool {
    NamedNode::new(text).is_ok()
}

/// Percent-encodes what a web address may hold but an IRI may not: spaces, `"<>\^`{|}`,
/// control characters, and `%` signs not followed by two hexadecimal digits. Remote files
/// are often published at such addresses; escaped, their distribution stays in the feed.
pub fn escape_iri(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut escaped = String::with_capacity(text.len());
    for (index, c) in text.char_indices() {
        let stray_percent = c == '%'
            && !(bytes.get(index + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(index + 2).is_some_and(u8::is_ascii_hexdigit));
        let forbidden = c.is_control() || c == ' ' || "\"<>\\^`{|}".contains(c);
        if stray_percent || forbidden {
            let mut buffer = [0u8; 4];
            for byte in c.encode_utf8(&mut buffer).bytes() {
                escaped.push_str(&format!("%{byte:02X}"));
            }
        } else {
            escaped.push(c);
        }
    }
    escaped
}

/// Removes the characters XML 1.0 cannot carry (C0 controls other than tab, line feed and
/// carriage return, and U+FFFE/U+FFFF), so that the RDF/XML output stays well-formed
/// and the three serialisations keep the same literals.
pub fn clean_text(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
        })
        .collect()
}

fn named(iri: &str) -> Result<NamedNode, InvalidIri> {
    NamedNode::new(iri).map_err(|_| InvalidIri {
        iri: iri.to_string(),
    })
}

/// Builds the IRI of a vocabulary term, valid because the namespaces are constants.
fn term(namespace: &str, local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{namespace}{local}"))
}

/// The triples of one catalogue header or one dataset, in writing order.
#[derive(Default)]
pub(crate) struct Triples {
    pub(crate) list: Vec<Triple>,
    /// Nodes that many datasets share (publishers, licences, frequencies, places, formats):
    /// their own triples need writing once per document.
    pub(crate) shared: Vec<NamedNode>,
}

impl Triples {
    /// Reorders the triples so that each subject's triples are contiguous, subjects in
    /// order of first appearance, which lets the JSON-LD writer emit one node object per
    /// subject.
    pub(crate) fn grouped(self) -> Vec<Triple> {
        let mut subjects: Vec<oxrdf::NamedOrBlankNode> = Vec::new();
        let mut groups: Vec<Vec<Triple>> = Vec::new();
        for triple in self.list {
            let index = match subjects.iter().position(|s| *s == triple.subject) {
                Some(index) => index,
                None => {
                    subjects.push(triple.subject.clone());
                    groups.push(Vec::new());
                    groups.len() - 1
                }
            };
            groups[index].push(triple);
        }
        groups.into_iter().flatten().collect()
    }

    fn add(&mut self, subject: &NamedNode, predicate: NamedNode, object: impl Into<oxrdf::Term>) {
        self.list
            .push(Triple::new(subject.clone(), predicate, object.into()));
    }

    fn share(&mut self, node: &NamedNode) {
        if !self.shared.contains(node) {
            self.shared.push(node.clone());
        }
    }

    fn kind(&mut self, subject: &NamedNode, namespace: &str, class: &str) {
        self.add(subject, term(RDF, "type"), term(namespace, class));
    }

    fn text(&mut self, subject: &NamedNode, predicate: NamedNode, text: &str) {
        let literal =
            Literal::new_language_tagged_literal_unchecked(clean_text(text), TEXT_LANGUAGE);
        self.add(subject, predicate, literal);
    }

    fn plain(&mut self, subject: &NamedNode, predicate: NamedNode, text: &str) {
        self.add(
            subject,
            predicate,
            Literal::new_simple_literal(clean_text(text)),
        );
    }

    fn typed(&mut self, subject: &NamedNode, predicate: NamedNode, value: &str, datatype: &str) {
        let literal = Literal::new_typed_literal(clean_text(value), term(XSD, datatype));
        self.add(subject, predicate, literal);
    }
}

/// Returns the XSD type of a date value: `date` for a plain `YYYY-MM-DD`, as harvested
/// records often give, `dateTime` otherwise.
fn date_type(value: &str) -> &'static str {
    let bytes = value.as_bytes();
    let plain_date = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(index, byte)| index == 4 || index == 7 || byte.is_ascii_digit());
    if plain_date { "date" } else { "dateTime" }
}

/// Builds the catalogue node and, for a paged feed, its Hydra view.
pub(crate) fn catalog_triples(
    catalog: &Catalog,
    page: Option<&Page>,
) -> Result<Triples, InvalidIri> {
    let mut triples = Triples::default();
    let node = named(&catalog.iri)?;
    triples.kind(&node, DCAT, "Catalog");
    triples.text(&node, term(DCT, "title"), &catalog.title);
    triples.text(&node, term(DCT, "description"), &catalog.description);
    let homepage = named(&catalog.homepage)?;
    triples.kind(&homepage, FOAF, "Document");
    triples.add(&node, term(FOAF, "homepage"), homepage);
    let publisher = agent_triples(&mut triples, &catalog.publisher)?;
    triples.add(&node, term(DCT, "publisher"), publisher);
    // The scheme of the datasets' `dcat:theme` values.
    let themes = named(vocab::DATA_THEME_SCHEME)?;
    triples.kind(&themes, SKOS, "ConceptScheme");
    triples.text(&themes, term(DCT, "title"), vocab::DATA_THEME_SCHEME_TITLE);
    triples.add(&node, term(DCAT, "themeTaxonomy"), themes);

    if let Some(page) = page {
        triples.kind(&node, HYDRA, "Collection");
        let total = page.total_items.to_string();
        triples.typed(&node, term(HYDRA, "totalItems"), &total, "integer");
        let view = named(&page.iri)?;
        triples.add(&node, term(HYDRA, "view"), view.clone());

        triples.kind(&view, HYDRA, "PartialCollectionView");
        triples.kind(&view, HYDRA, "PagedCollection");
        let links = [
            ("first", "firstPage", Some(&page.first)),
            ("last", "lastPage", Some(&page.last)),
            ("next", "nextPage", page.next.as_ref()),
            ("previous", "previousPage", page.previous.as_ref()),
        ];
        for (current, legacy, target) in links {
            if let Some(target) = target {
                let target = named(target)?;
                triples.add(&view, term(HYDRA, current), target.clone());
                triples.add(&view, term(HYDRA, legacy), target);
            }
        }
        triples.typed(&view, term(HYDRA, "totalItems"), &total, "integer");
        let per_page = page.items_per_page.to_string();
        triples.typed(&view, term(HYDRA, "itemsPerPage"), &per_page, "integer");
    }
    Ok(triples)
}

/// Writes an organisation node and returns its IRI.
fn agent_triples(triples: &mut Triples, agent: &Agent) -> Result<NamedNode, InvalidIri> {
    let node = named(&agent.iri)?;
    triples.share(&node);
    triples.kind(&node, FOAF, "Agent");
    triples.kind(&node, FOAF, "Organization");
    triples.plain(&node, term(FOAF, "name"), &agent.name);
    if let Some(siren) = &agent.siren
        && siren.len() == 9
        && siren.bytes().all(|b| b.is_ascii_digit())
    {
        triples.plain(&node, term(DCT, "identifier"), siren);
        let register = named(&format!("{ANNUAIRE_ENTREPRISES_BASE}{siren}"))?;
        triples.add(&node, term(OWL, "sameAs"), register);
    }
    Ok(node)
}

fn licence_node(triples: &mut Triples, licence: &Licence) -> Option<NamedNode> {
    let node = NamedNode::new(vocab::licence_iri(&licence.id)?).ok()?;
    triples.share(&node);
    triples.kind(&node, DCT, "LicenseDocument");
    triples.plain(&node, term(DCT, "title"), &licence.title);
    Some(node)
}

fn standard_node(triples: &mut Triples, standard: &Standard) -> Option<NamedNode> {
    let node = NamedNode::new(&standard.iri).ok()?;
    triples.share(&node);
    triples.kind(&node, DCT, "Standard");
    triples.plain(&node, term(DCT, "title"), &standard.title);
    Some(node)
}

/// Builds a dataset, its distributions and the nodes they refer to. With `catalog`, the
/// catalogue's `dcat:dataset` link to it comes first.
pub(crate) fn dataset_triples(
    dataset: &Dataset,
    catalog: Option<&str>,
) -> Result<Triples, InvalidIri> {
    let mut triples = Triples::default();
    let node = named(&dataset.iri)?;
    if let Some(catalog) = catalog {
        triples.add(&named(catalog)?, term(DCAT, "dataset"), node.clone());
    }

    triples.kind(&node, DCAT, "Dataset");
    triples.plain(&node, term(DCT, "identifier"), &dataset.identifier);
    triples.text(&node, term(DCT, "title"), &dataset.title);
    triples.text(&node, term(DCT, "description"), &dataset.description);
    let landing_page = named(&dataset.landing_page)?;
    triples.kind(&landing_page, FOAF, "Document");
    triples.add(&node, term(DCAT, "landingPage"), landing_page);
    triples.typed(
        &node,
        term(DCT, "issued"),
        &dataset.issued,
        date_type(&dataset.issued),
    );
    triples.typed(
        &node,
        term(DCT, "modified"),
        &dataset.modified,
        date_type(&dataset.modified),
    );
    for keyword in &dataset.keywords {
        triples.text(&node, term(DCAT, "keyword"), keyword);
    }
    let distributions: Vec<(&Distribution, NamedNode)> = dataset
        .distributions
        .iter()
        .filter_map(|distribution| Some((distribution, usable_distribution(distribution)?)))
        .collect();
    for (_, distribution) in &distributions {
        triples.add(&node, term(DCAT, "distribution"), distribution.clone());
    }

    let publisher = agent_triples(&mut triples, &dataset.publisher)?;
    triples.add(&node, term(DCT, "publisher"), publisher);
    if let Some(licence) = dataset
        .licence
        .as_ref()
        .and_then(|l| licence_node(&mut triples, l))
    {
        triples.add(&node, term(DCT, "license"), licence);
    }
    if let Some(frequency) = dataset.frequency.as_deref().and_then(vocab::frequency_iri) {
        let frequency = named(&frequency)?;
        triples.share(&frequency);
        triples.kind(&frequency, DCT, "Frequency");
        triples.add(&node, term(DCT, "accrualPeriodicity"), frequency);
    }
    if let Some(standard) = dataset
        .conforms_to
        .as_ref()
        .and_then(|s| standard_node(&mut triples, s))
    {
        triples.add(&node, term(DCT, "conformsTo"), standard);
    }
    for code in &dataset.themes {
        if let Some((iri, label)) = vocab::data_theme(code) {
            let theme = named(&iri)?;
            triples.share(&theme);
            triples.kind(&theme, SKOS, "Concept");
            triples.text(&theme, term(SKOS, "prefLabel"), label);
            triples.add(
                &theme,
                term(SKOS, "inScheme"),
                term(vocab::DATA_THEME_SCHEME, ""),
            );
            triples.add(&node, term(DCAT, "theme"), theme);
        }
    }
    for code in &dataset.spatial {
        if let Some((iri, identifier)) = vocab::spatial_iri(code) {
            let location = named(&iri)?;
            triples.share(&location);
            triples.kind(&location, DCT, "Location");
            triples.plain(&location, term(DCT, "identifier"), identifier);
            triples.add(&node, term(DCT, "spatial"), location);
        }
    }
    period_triples(&mut triples, &node, dataset)?;
    contact_triples(&mut triples, &node, dataset)?;

    for (distribution, distribution_node) in &distributions {
        distribution_triples(&mut triples, distribution, distribution_node)?;
    }
    Ok(triples)
}

/// Returns the node of a distribution whose IRIs can all be written, `None` otherwise.
fn usable_distribution(distribution: &Distribution) -> Option<NamedNode> {
    let download_ok = distribution
        .download_url
        .as_deref()
        .is_none_or(|url| is_valid_iri(&escape_iri(url)));
    (download_ok && is_valid_iri(&escape_iri(&distribution.access_url)))
        .then(|| NamedNode::new(&distribution.iri).ok())
        .flatten()
}

fn period_triples(
    triples: &mut Triples,
    node: &NamedNode,
    dataset: &Dataset,
) -> Result<(), InvalidIri> {
    if dataset.temporal_start.is_none() && dataset.temporal_end.is_none() {
        return Ok(());
    }
    let period = named(&format!("{}#periode", dataset.iri))?;
    triples.kind(&period, DCT, "PeriodOfTime");
    if let Some(start) = &dataset.temporal_start {
        triples.typed(&period, term(DCAT, "startDate"), start, "date");
    }
    if let Some(end) = &dataset.temporal_end {
        triples.typed(&period, term(DCAT, "endDate"), end, "date");
    }
    triples.add(node, term(DCT, "temporal"), period);
    Ok(())
}

fn contact_triples(
    triples: &mut Triples,
    node: &NamedNode,
    dataset: &Dataset,
) -> Result<(), InvalidIri> {
    let Some(contact) = &dataset.contact else {
        return Ok(());
    };
    let email = contact
        .email
        .as_deref()
        .map(str::trim)
        .filter(|email| !email.is_empty())
        .and_then(|email| NamedNode::new(format!("mailto:{email}")).ok());
    if contact.name.trim().is_empty() && email.is_none() {
        return Ok(());
    }
    let point = named(&format!("{}#contact", dataset.iri))?;
    triples.kind(&point, VCARD, "Kind");
    if !contact.name.trim().is_empty() {
        triples.plain(&point, term(VCARD, "fn"), contact.name.trim());
    }
    if let Some(email) = email {
        triples.add(&point, term(VCARD, "hasEmail"), email);
    }
    triples.add(node, term(DCAT, "contactPoint"), point);
    Ok(())
}

fn distribution_triples(
    triples: &mut Triples,
    distribution: &Distribution,
    node: &NamedNode,
) -> Result<(), InvalidIri> {
    triples.kind(node, DCAT, "Distribution");
    triples.plain(node, term(DCT, "identifier"), &distribution.identifier);
    triples.text(node, term(DCT, "title"), &distribution.title);
    if !distribution.description.trim().is_empty() {
        triples.text(node, term(DCT, "description"), &distribution.description);
    }
    triples.add(
        node,
        term(DCAT, "accessURL"),
        named(&escape_iri(&distribution.access_url))?,
    );
    if let Some(download) = &distribution.download_url {
        triples.add(
            node,
            term(DCAT, "downloadURL"),
            named(&escape_iri(download))?,
        );
    }
    triples.typed(node, term(DCT, "issued"), &distribution.issued, "dateTime");
    triples.typed(
        node,
        term(DCT, "modified"),
        &distribution.modified,
        "dateTime",
    );

    if let Some(format) = vocab::file_format(&distribution.format) {
        let file_type = term(FILE_TYPE_BASE, format.file_type);
        triples.share(&file_type);
        triples.kind(&file_type, DCT, "MediaTypeOrExtent");
        triples.add(node, term(DCT, "format"), file_type);
        if let Some(media_type) = format.media_type {
            let media = term(MEDIA_TYPE_BASE, media_type);
            triples.share(&media);
            triples.kind(&media, DCT, "MediaType");
            triples.add(node, term(DCAT, "mediaType"), media);
        }
    }
    if let Some(size) = distribution.byte_size {
        triples.typed(
            node,
            term(DCAT, "byteSize"),
            &size.to_string(),
            "nonNegativeInteger",
        );
    }
    if let Some(sha256) = distribution
        .sha256
        .as_deref()
        .filter(|hash| hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
    {
        let checksum = named(&format!("{}-sha256", distribution.iri))?;
        triples.kind(&checksum, SPDX, "Checksum");
        let algorithm = term(SPDX, "checksumAlgorithm_sha256");
        triples.share(&algorithm);
        triples.kind(&algorithm, SPDX, "ChecksumAlgorithm");
        triples.add(&checksum, term(SPDX, "algorithm"), algorithm);
        triples.typed(
            &checksum,
            term(SPDX, "checksumValue"),
            &sha256.to_ascii_lowercase(),
            "hexBinary",
        );
        triples.add(node, term(SPDX, "checksum"), checksum);
    }
    if let Some(licence) = distribution
        .licence
        .as_ref()
        .and_then(|l| licence_node(triples, l))
    {
        triples.add(node, term(DCT, "license"), licence);
    }
    if let Some(standard) = distribution
        .conforms_to
        .as_ref()
        .and_then(|s| standard_node(triples, s))
    {
        triples.add(node, term(DCT, "conformsTo"), standard);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::date_type;

    #[test]
    fn web_addresses_escaped_into_iris() {
        use super::{escape_iri, is_valid_iri};
        let odd = "http://127.0.0.1:8081/r a\"<>{}|\\^`.csv";
        assert!(!is_valid_iri(odd));
        let escaped = escape_iri(odd);
        assert_eq!(
            escaped,
            "http://127.0.0.1:8081/r%20a%22%3C%3E%7B%7D%7C%5C%5E%60.csv"
        );
        assert!(is_valid_iri(&escaped));
        assert_eq!(
            escape_iri("https://x.fr/é%zz%2F.csv"),
            "https://x.fr/é%25zz%2F.csv"
        );
        assert!(is_valid_iri(&escape_iri("https://x.fr/é%zz%2F.csv")));
        let clean = "https://data.example.fr/a.csv?x=1#y";
        assert_eq!(escape_iri(clean), clean);
    }

    #[test]
    fn plain_dates_typed_as_dates() {
        assert_eq!(date_type("2024-03-01"), "date");
        assert_eq!(date_type("2024-03-01T10:20:30Z"), "dateTime");
        assert_eq!(date_type("2024-03-01T10:20:30.123456Z"), "dateTime");
        assert_eq!(date_type("2024/03/01"), "dateTime");
    }
}
