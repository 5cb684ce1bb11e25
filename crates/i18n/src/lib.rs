//! The message catalogue: every user-facing sentence of socle, in French and English.
//!
//! Messages are Project Fluent resources under `locales/<lang>/`, compiled into the binary,
//! so the product works offline and a missing translation is caught by a test rather than
//! at run time. Engines never format sentences: they hand over a message id and named
//! arguments, and the shells (CLI, server) render them here in the requested language.
//!
//! French is the default language. A message missing in English falls back to French, and
//! a message missing in both renders as its id, so that a report is never empty.

use std::borrow::Cow;
use std::fmt;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// The resource files, one per area, in the order they are added to a bundle.
const RESOURCES: &[(&str, &str, &str)] = &[
    (
        "validate",
        include_str!("../locales/fr/validate.ftl"),
        include_str!("../locales/en/validate.ftl"),
    ),
    (
        "schema",
        include_str!("../locales/fr/schema.ftl"),
        include_str!("../locales/en/schema.ftl"),
    ),
    (
        "read",
        include_str!("../locales/fr/read.ftl"),
        include_str!("../locales/en/read.ftl"),
    ),
    (
        "custom-checks",
        include_str!("../locales/fr/custom-checks.ftl"),
        include_str!("../locales/en/custom-checks.ftl"),
    ),
    (
        "cli",
        include_str!("../locales/fr/cli.ftl"),
        include_str!("../locales/en/cli.ftl"),
    ),
    (
        "totem",
        include_str!("../locales/fr/totem.ftl"),
        include_str!("../locales/en/totem.ftl"),
    ),
    (
        "privacy",
        include_str!("../locales/fr/privacy.ftl"),
        include_str!("../locales/en/privacy.ftl"),
    ),
    (
        "server",
        include_str!("../locales/fr/server.ftl"),
        include_str!("../locales/en/server.ftl"),
    ),
    (
        "catalog",
        include_str!("../locales/fr/catalog.ftl"),
        include_str!("../locales/en/catalog.ftl"),
    ),
    (
        "api",
        include_str!("../locales/fr/api.ftl"),
        include_str!("../locales/en/api.ftl"),
    ),
    (
        "dcat",
        include_str!("../locales/fr/dcat.ftl"),
        include_str!("../locales/en/dcat.ftl"),
    ),
    (
        "harvest",
        include_str!("../locales/fr/harvest.ftl"),
        include_str!("../locales/en/harvest.ftl"),
    ),
    (
        "refresh",
        include_str!("../locales/fr/refresh.ftl"),
        include_str!("../locales/en/refresh.ftl"),
    ),
    (
        "platform",
        include_str!("../locales/fr/platform.ftl"),
        include_str!("../locales/en/platform.ftl"),
    ),
];

/// A language socle speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    /// Parses a language tag (`fr`, `fr-FR`, `en`, `en-GB`, case-insensitive).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the first supported language of an `Accept-Language` header, French otherwise.
    pub fn from_accept_language(header: &str) -> Lang {
        let mut ranked: Vec<(f32, Lang)> = header
            .split(',')
            .filter_map(|item| {
                let mut parts = item.split(';');
                let lang = Lang::from_tag(parts.next()?)?;
                let quality = parts
                    .find_map(|param| param.trim().strip_prefix("q="))
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .unwrap_or(1.0);
                Some((quality, lang))
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
        ranked.first().map(|(_, lang)| *lang).unwrap_or_default()
    }

    pub fn tag(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// A problem in the compiled-in resources: a syntax error or a message defined twice.
#[derive(Debug, thiserror::Error)]
#[error("message catalogue {lang}/{file}.ftl is invalid: {detail}")]
pub struct CatalogueError {
    pub lang: &'static str,
    pub file: &'static str,
    pub detail: String,
}

/// Renders messages in one language, falling back to French.
pub struct Messages {
    lang: Lang,
    primary: FluentBundle<FluentResource>,
    fallback: Option<FluentBundle<FluentResource>>,
}

impl Messages {
    /// Builds the catalogue for a language.
    ///
    /// The resources are part of the binary and checked by tests, so a failure here is a
    /// build defect; callers that cannot fail use [`Messages::new`].
    pub fn try_new(lang: Lang) -> Result<Messages, CatalogueError> {
        let primary = build_bundle(lang)?;
        let fallback = match lang {
            Lang::Fr => None,
            Lang::En => Some(build_bundle(Lang::Fr)?),
        };
        Ok(Messages {
            lang,
            primary,
            fallback,
        })
    }

    /// Builds the catalogue for a language, keeping the valid messages of a defective file.
    pub fn new(lang: Lang) -> Messages {
        match Messages::try_new(lang) {
            Ok(messages) => messages,
            Err(_) => Messages {
                lang,
                primary: build_bundle_lenient(lang),
                fallback: (lang == Lang::En).then(|| build_bundle_lenient(Lang::Fr)),
            },
        }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Returns whether the message exists in this language or its fallback.
    pub fn has(&self, id: &str) -> bool {
        self.primary.has_message(id)
            || self
                .fallback
                .as_ref()
                .is_some_and(|bundle| bundle.has_message(id))
    }

    /// Renders a message's value with named arguments; the id itself when the message is unknown.
    pub fn format(&self, id: &str, args: &[(&str, &str)]) -> String {
        self.render(id, None, args).unwrap_or_else(|| id.to_owned())
    }

    /// Renders a message whose arguments are owned strings, as engines return them.
    pub fn format_owned(&self, id: &str, args: &[(&str, String)]) -> String {
        self.format(id, &borrow_args(args))
    }

    /// Renders an attribute of a message whose arguments are owned strings.
    pub fn format_attribute_owned(
        &self,
        id: &str,
        attribute: &str,
        args: &[(&str, String)],
    ) -> Option<String> {
        self.format_attribute(id, attribute, &borrow_args(args))
    }

    /// Renders an attribute of a message (`.hint`, `.title`), or `None` when it has none.
    pub fn format_attribute(
        &self,
        id: &str,
        attribute: &str,
        args: &[(&str, &str)],
    ) -> Option<String> {
        self.render(id, Some(attribute), args)
    }

    fn render(&self, id: &str, attribute: Option<&str>, args: &[(&str, &str)]) -> Option<String> {
        let bundles = std::iter::once(&self.primary).chain(self.fallback.as_ref());
        for bundle in bundles {
            let Some(message) = bundle.get_message(id) else {
                continue;
            };
            let pattern = match attribute {
                Some(name) => message.get_attribute(name).map(|attr| attr.value()),
                None => message.value(),
            };
            let Some(pattern) = pattern else { continue };
            let fluent_args = to_fluent_args(args);
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
            return Some(text.into_owned());
        }
        None
    }
}

fn borrow_args<'a>(args: &'a [(&'a str, String)]) -> Vec<(&'a str, &'a str)> {
    args.iter()
        .map(|(name, value)| (*name, value.as_str()))
        .collect()
}

fn to_fluent_args<'a>(args: &'a [(&'a str, &'a str)]) -> FluentArgs<'a> {
    let mut fluent_args = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        // Plain integers become numbers so that plural selectors work; everything else,
        // including codes with leading zeros, stays text.
        let is_count =
            !value.is_empty() && value.len() < 16 && value.bytes().all(|b| b.is_ascii_digit());
        let fluent_value = if is_count && !value.starts_with('0') || *value == "0" {
            FluentValue::from(value.parse::<f64>().unwrap_or_default())
        } else {
            FluentValue::String(Cow::Borrowed(value))
        };
        fluent_args.set(*name, fluent_value);
    }
    fluent_args
}

fn new_bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let langid: LanguageIdentifier = match lang {
        Lang::Fr => unic_langid::langid!("fr"),
        Lang::En => unic_langid::langid!("en"),
    };
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    // Isolation marks around arguments confuse terminals and JSON consumers; messages
    // here are left-to-right only.
    bundle.set_use_isolating(false);
    bundle
}

fn source_of(lang: Lang, entry: &(&'static str, &'static str, &'static str)) -> &'static str {
    match lang {
        Lang::Fr => entry.1,
        Lang::En => entry.2,
    }
}

fn build_bundle(lang: Lang) -> Result<FluentBundle<FluentResource>, CatalogueError> {
    let mut bundle = new_bundle(lang);
    for entry in RESOURCES {
        let file = entry.0;
        let resource =
            FluentResource::try_new(source_of(lang, entry).to_owned()).map_err(|(_, errors)| {
                CatalogueError {
                    lang: lang.tag(),
                    file,
                    detail: format!("{errors:?}"),
                }
            })?;
        bundle
            .add_resource(resource)
            .map_err(|errors| CatalogueError {
                lang: lang.tag(),
                file,
                detail: format!("{errors:?}"),
            })?;
    }
    Ok(bundle)
}

fn build_bundle_lenient(lang: Lang) -> FluentBundle<FluentResource> {
    let mut bundle = new_bundle(lang);
    for entry in RESOURCES {
        let resource = match FluentResource::try_new(source_of(lang, entry).to_owned()) {
            Ok(resource) => resource,
            Err((partial, _)) => partial,
        };
        bundle.add_resource_overriding(resource);
    }
    bundle
}

/// Lists the message ids defined in one language, for completeness tests.
pub fn message_ids(lang: Lang) -> Vec<String> {
    let mut ids = Vec::new();
    for entry in RESOURCES {
        let Ok(resource) = FluentResource::try_new(source_of(lang, entry).to_owned()) else {
            continue;
        };
        for item in resource.entries() {
            if let fluent_syntax::ast::Entry::Message(message) = item {
                ids.push(message.id.name.to_owned());
            }
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogues_parse_in_both_languages() {
        Messages::try_new(Lang::Fr).expect("French catalogue");
        Messages::try_new(Lang::En).expect("English catalogue");
    }

    #[test]
    fn every_french_message_has_english() {
        let english: std::collections::HashSet<String> =
            message_ids(Lang::En).into_iter().collect();
        let missing: Vec<String> = message_ids(Lang::Fr)
            .into_iter()
            .filter(|id| !english.contains(id))
            .collect();
        assert!(
            missing.is_empty(),
            "messages without English translation: {missing:?}"
        );
    }

    #[test]
    fn accept_language_picks_best_supported() {
        assert_eq!(
            Lang::from_accept_language("en-GB,en;q=0.9,fr;q=0.8"),
            Lang::En
        );
        assert_eq!(
            Lang::from_accept_language("de-DE,fr;q=0.5,en;q=0.4"),
            Lang::Fr
        );
        assert_eq!(Lang::from_accept_language("de"), Lang::Fr);
        assert_eq!(Lang::from_accept_language(""), Lang::Fr);
    }

    #[test]
    fn unknown_message_renders_its_id() {
        let messages = Messages::new(Lang::En);
        assert_eq!(messages.format("no-such-message", &[]), "no-such-message");
    }
}
