//! Readable names for the codes the catalogue stores: schema titles for schema slugs,
//! licence titles for licence ids, and the kind of area for coverage codes.
//!
//! Templates call the `schema_title` and `spatial_label` filters; search facets use the
//! functions directly. An unknown code is shown as it is stored.

use std::collections::HashMap;
use std::sync::OnceLock;

use std::sync::Arc;

use i18n::{Lang, Messages};
use minijinja::{Environment, State};

use crate::state::Catalogues;

/// Returns the title of the latest bundled version of a schema, by slug.
pub fn schema_title(slug: &str) -> Option<&'static str> {
    static TITLES: OnceLock<HashMap<String, String>> = OnceLock::new();
    let titles = TITLES.get_or_init(|| {
        let mut titles = HashMap::new();
        // Entries come newest version first for each slug: the first title wins.
        for entry in scdl::entries().unwrap_or_default() {
            titles.entry(entry.slug).or_insert(entry.title);
        }
        titles
    });
    titles.get(slug).map(String::as_str)
}

/// Returns the title of a licence offered by the platform, by id.
pub fn licence_title(id: &str) -> Option<&'static str> {
    catalog::find_licence(id).map(|licence| licence.title)
}

/// Describes a coverage code: `commune:56124` becomes "Commune (code INSEE 56124)" in
/// French. Names of places are not known to the platform, so the code stays visible.
pub fn spatial_label(code: &str, messages: &Messages) -> String {
    let Some((kind, value)) = code.split_once(':') else {
        return code.to_owned();
    };
    if !matches!(kind, "commune" | "epci" | "departement") {
        return code.to_owned();
    }
    messages.format(&format!("server-spatial-{kind}"), &[("code", value)])
}

/// Adds the `schema_title` and `spatial_label` filters to the template environment.
pub fn register(environment: &mut Environment<'static>, catalogues: Arc<Catalogues>) {
    environment.add_filter("schema_title", |slug: String| -> String {
        schema_title(&slug).map_or(slug, str::to_owned)
    });
    environment.add_filter(
        "spatial_label",
        move |state: &State, code: String| -> String {
            let lang = state
                .lookup("lang")
                .and_then(|value| value.as_str().and_then(Lang::from_tag))
                .unwrap_or_default();
            spatial_label(&code, catalogues.get(lang))
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_get_readable_names() {
        assert_eq!(schema_title("deliberations"), Some("Délibérations"));
        assert_eq!(schema_title("nope"), None);
        assert_eq!(
            licence_title("lov2"),
            Some("Licence Ouverte / Open Licence 2.0")
        );
        let french = Messages::new(Lang::Fr);
        let english = Messages::new(Lang::En);
        assert_eq!(
            spatial_label("commune:56124", &french),
            "Commune (code INSEE 56124)"
        );
        assert_eq!(
            spatial_label("epci:244200770", &english),
            "Inter-municipal body (SIREN 244200770)"
        );
        assert_eq!(spatial_label("departement:2A", &french), "Département 2A");
        assert_eq!(spatial_label("quartier:12", &french), "quartier:12");
    }
}
