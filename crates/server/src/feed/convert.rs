//! Turns the catalogue's public datasets into the DCAT model, with the platform's URLs.
//!
//! IRIs are built from the public base URL and the datasets' UUIDs, which never change, so
//! a harvester gets the same dataset and distribution IRIs on every run, even for a
//! dataset whose slug changed. Landing pages and download links use the page URLs a
//! visitor would follow.

use std::collections::HashMap;

use catalog::Organization;
use catalog::export::{ExportedDataset, ExportedResource};

/// The IRIs and the schema lookups shared by every dataset of a feed.
pub struct Converter {
    base: String,
    /// Schemas already looked up in the bundled registry, by slug.
    standards: HashMap<String, Option<dcat::Standard>>,
}

impl Converter {
    pub fn new(base: &str) -> Converter {
        Converter {
            base: base.to_string(),
            standards: HashMap::new(),
        }
    }

    pub fn dataset_iri(&self, id: &uuid::Uuid) -> String {
        format!("{}/jeux-de-donnees/{id}", self.base)
    }

    pub fn agent(&self, organization: &Organization) -> dcat::Agent {
        dcat::Agent {
            iri: format!("{}/organisations/{}", self.base, organization.slug),
            name: organization.name.clone(),
            siren: organization.siren.clone(),
        }
    }

    /// Returns the schema URL and title of a bundled schema, or `None` for a slug the
    /// registry does not know or a schema without a published URL.
    fn standard(&mut self, slug: &str) -> Option<dcat::Standard> {
        if let Some(known) = self.standards.get(slug) {
            return known.clone();
        }
        let found = match scdl::find(slug) {
            Ok(entry) => entry.and_then(|entry| {
                Some(dcat::Standard {
                    iri: entry.schema_url?,
                    title: entry.title,
                })
            }),
            Err(error) => {
                tracing::warn!(schema = slug, %error, "schema registry could not be read for the DCAT feed");
                None
            }
        };
        self.standards.insert(slug.to_string(), found.clone());
        found
    }

    pub fn dataset(&mut self, exported: &ExportedDataset) -> dcat::Dataset {
        let dataset = &exported.dataset;
        let fields = &dataset.fields;
        let iri = self.dataset_iri(&dataset.id);
        let landing_page = format!("{}/jeux-de-donnees/{}", self.base, dataset.slug);
        let licence = catalog::find_licence(&fields.licence).map(|licence| dcat::Licence {
            id: licence.id.to_string(),
            title: licence.title.to_string(),
        });
        let contact_email = fields.contact_email.trim();
        let contact =
            (!fields.contact_name.trim().is_empty() || !contact_email.is_empty()).then(|| {
                dcat::ContactPoint {
                    name: fields.contact_name.clone(),
                    email: (!contact_email.is_empty()).then(|| contact_email.to_string()),
                }
            });
        let conforms_to = fields
            .schema_slug
            .as_deref()
            .and_then(|slug| self.standard(slug));
        let distributions = exported
            .resources
            .iter()
            .map(|resource| self.distribution(&iri, &dataset.slug, licence.as_ref(), resource))
            .collect();

        // A harvested dataset carries its publisher's dates; socle's own times record
        // only when the harvest copied it. When the source gives only a modification
        // date, creation is not written after it.
        let modified = exported
            .source_dates
            .modified
            .clone()
            .unwrap_or_else(|| dataset.modified_at.clone());
        let issued = match &exported.source_dates.issued {
            Some(issued) => issued.clone(),
            None if exported.source_dates.modified.is_some() && modified < dataset.created_at => {
                modified.clone()
            }
            None => dataset.created_at.clone(),
        };
        dcat::Dataset {
            iri,
            identifier: dataset.id.to_string(),
            title: fields.title.clone(),
            description: fields.description.clone(),
            landing_page,
            licence,
            frequency: Some(fields.frequency.clone()).filter(|code| !code.is_empty()),
            temporal_start: fields.temporal_start.clone(),
            temporal_end: fields.temporal_end.clone(),
            spatial: fields.spatial.clone(),
            contact,
            publisher: self.agent(&exported.organization),
            keywords: fields.tags.clone(),
            issued,
            modified,
            conforms_to,
            themes: fields
                .schema_slug
                .as_deref()
                .map(dcat::vocab::schema_themes)
                .unwrap_or_default()
                .iter()
                .map(|code| code.to_string())
                .collect(),
            distributions,
        }
    }

    fn distribution(
        &mut self,
        dataset_iri: &str,
        dataset_slug: &str,
        licence: Option<&dcat::Licence>,
        resource: &ExportedResource,
    ) -> dcat::Distribution {
        let (access_url, download_url) = match &resource.url {
            Some(url) => (url.clone(), None),
            None => {
                let download = format!(
                    "{}/jeux-de-donnees/{dataset_slug}/ressources/{}/telechargement",
                    self.base, resource.id
                );
                (download.clone(), Some(download))
            }
        };
        let title = if resource.title.trim().is_empty() {
            resource
                .file_name
                .clone()
                .unwrap_or_else(|| resource.id.to_string())
        } else {
            resource.title.clone()
        };
        dcat::Distribution {
            iri: format!("{dataset_iri}#ressource-{}", resource.id),
            identifier: resource.id.to_string(),
            title,
            description: resource.description.clone(),
            access_url,
            download_url,
            format: resource.format.clone(),
            byte_size: resource.size,
            sha256: resource.sha256.clone(),
            conforms_to: resource
                .schema_slug
                .as_deref()
                .and_then(|slug| self.standard(slug)),
            licence: licence.cloned(),
            issued: resource.created_at.clone(),
            modified: resource.modified_at.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_bundled_schema_has_a_theme() {
        let entries = scdl::entries().expect("bundled registry");
        assert!(!entries.is_empty());
        for entry in entries {
            assert!(
                !dcat::vocab::schema_themes(&entry.slug).is_empty(),
                "schema {} has no EU data theme in dcat::vocab::SCHEMA_THEMES",
                entry.slug
            );
        }
    }
}
