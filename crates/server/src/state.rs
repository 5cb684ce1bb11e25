//! Shared state of the running server: the catalogue, the file store, the templates and
//! the message catalogues, and the rendering of pages in the visitor's language.
//!
//! Templates are compiled into the binary and rendered by minijinja with HTML
//! auto-escaping. They reach the message catalogue through the `t(id, name=value…)`
//! function, which reads the page's `lang` variable.

use std::sync::Arc;

use axum::response::Html;
use catalog::SqliteStore;
use catalog::files::FileStore;
use i18n::{Lang, Messages};
use minijinja::value::Kwargs;
use minijinja::{Environment, State, Value};

use crate::config::Config;
use crate::error::AppError;
use crate::response_cache::ResponseCache;

/// Memory budget of the cached dataset pages, compressed. A generated dataset page of
/// about 5.6 KB takes about 2.1 KB once compressed, so this budget fits some 55,000.
const PAGE_CACHE_BYTES: usize = 128 * 1024 * 1024;

/// Memory budget of the cached API responses, compressed. A `package_show` response of
/// about 2.6 KB takes about 1.2 KB once compressed, so this budget fits some 60,000.
const API_CACHE_BYTES: usize = 96 * 1024 * 1024;

/// The templates, by name.
const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("macros.html", include_str!("../templates/macros.html")),
    ("home.html", include_str!("../templates/home.html")),
    ("search.html", include_str!("../templates/search.html")),
    ("dataset.html", include_str!("../templates/dataset.html")),
    (
        "organization.html",
        include_str!("../templates/organization.html"),
    ),
    (
        "organizations.html",
        include_str!("../templates/organizations.html"),
    ),
    (
        "dashboard.html",
        include_str!("../templates/dashboard.html"),
    ),
    ("admin.html", include_str!("../templates/admin.html")),
    ("login.html", include_str!("../templates/login.html")),
    (
        "login_locked.html",
        include_str!("../templates/login_locked.html"),
    ),
    (
        "new_dataset.html",
        include_str!("../templates/new_dataset.html"),
    ),
    ("upload.html", include_str!("../templates/upload.html")),
    ("report.html", include_str!("../templates/report.html")),
    (
        "resource_delete.html",
        include_str!("../templates/resource_delete.html"),
    ),
    (
        "resource_replace.html",
        include_str!("../templates/resource_replace.html"),
    ),
    (
        "publication_blocked.html",
        include_str!("../templates/publication_blocked.html"),
    ),
    (
        "harvest_fields.html",
        include_str!("../templates/harvest_fields.html"),
    ),
    (
        "harvest_sources.html",
        include_str!("../templates/harvest_sources.html"),
    ),
    (
        "harvest_source.html",
        include_str!("../templates/harvest_source.html"),
    ),
    (
        "harvest_preview.html",
        include_str!("../templates/harvest_preview.html"),
    ),
    (
        "harvest_job.html",
        include_str!("../templates/harvest_job.html"),
    ),
    ("api.html", include_str!("../templates/api.html")),
    ("tokens.html", include_str!("../templates/tokens.html")),
    (
        "refresh_section.html",
        include_str!("../templates/refresh_section.html"),
    ),
    ("alerts.html", include_str!("../templates/alerts.html")),
];

/// Everything a handler needs; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    store: SqliteStore,
    files: FileStore,
    config: Config,
    templates: Environment<'static>,
    messages: Arc<Catalogues>,
    previews: crate::preview::PreviewCache,
    /// Dataset pages built for anonymous visitors.
    pages: ResponseCache,
    /// Answers of the API's read actions to anonymous GET calls.
    api_responses: ResponseCache,
    signin_limits: crate::signin_limit::SignInLimiter,
    progress: crate::progress::ProgressRegistry,
    logos: crate::pages::logo::LogoCache,
    /// TOTEM plans de comptes, read from `config.totem_plans` at first use.
    totem_plans: std::sync::OnceLock<Arc<totem::Plans>>,
}

/// The message catalogues of both languages.
pub struct Catalogues {
    french: Messages,
    english: Messages,
}

impl Catalogues {
    pub fn get(&self, lang: Lang) -> &Messages {
        match lang {
            Lang::Fr => &self.french,
            Lang::En => &self.english,
        }
    }
}

impl AppState {
    pub fn new(
        store: SqliteStore,
        files: FileStore,
        config: Config,
    ) -> Result<AppState, minijinja::Error> {
        let messages = Arc::new(Catalogues {
            french: Messages::new(Lang::Fr),
            english: Messages::new(Lang::En),
        });
        let templates = build_templates(messages.clone())?;
        Ok(AppState {
            inner: Arc::new(Inner {
                store,
                files,
                config,
                templates,
                messages,
                previews: crate::preview::PreviewCache::default(),
                pages: ResponseCache::new(PAGE_CACHE_BYTES),
                api_responses: ResponseCache::new(API_CACHE_BYTES),
                signin_limits: crate::signin_limit::SignInLimiter::default(),
                progress: crate::progress::ProgressRegistry::default(),
                logos: crate::pages::logo::LogoCache::default(),
                totem_plans: std::sync::OnceLock::new(),
            }),
        })
    }

    pub fn store(&self) -> &SqliteStore {
        &self.inner.store
    }

    pub fn files(&self) -> &FileStore {
        &self.inner.files
    }

    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    pub fn pages(&self) -> &ResponseCache {
        &self.inner.pages
    }

    pub fn api_responses(&self) -> &ResponseCache {
        &self.inner.api_responses
    }

    pub fn signin_limits(&self) -> &crate::signin_limit::SignInLimiter {
        &self.inner.signin_limits
    }

    pub fn progress(&self) -> &crate::progress::ProgressRegistry {
        &self.inner.progress
    }

    pub fn logos(&self) -> &crate::pages::logo::LogoCache {
        &self.inner.logos
    }

    pub fn previews(&self) -> &crate::preview::PreviewCache {
        &self.inner.previews
    }

    /// Returns the TOTEM plans de comptes, reading the configured folder on the first call,
    /// which blocks. Without a folder, or when it cannot be read (the error is logged), the
    /// set is empty, so converted rows get no labels.
    ///
    /// NOTE: the folder is read once, so a change to it takes effect after a restart.
    pub fn totem_plans(&self) -> Arc<totem::Plans> {
        let plans = self.inner.totem_plans.get_or_init(|| {
            let Some(dir) = self.inner.config.totem_plans.as_deref() else {
                return Arc::new(totem::Plans::empty());
            };
            match totem::Plans::load_dir(dir) {
                Ok(plans) => Arc::new(plans),
                Err(error) => {
                    tracing::error!(%error, path = %dir.display(), "loading TOTEM plans failed");
                    Arc::new(totem::Plans::empty())
                }
            }
        });
        Arc::clone(plans)
    }

    pub fn messages(&self, lang: Lang) -> &Messages {
        self.inner.messages.get(lang)
    }

    /// Renders a template with `context`, which must contain `lang`.
    pub fn render(&self, name: &str, context: Value) -> Result<Html<String>, AppError> {
        let template = self.inner.templates.get_template(name)?;
        Ok(Html(template.render(context)?))
    }
}

fn build_templates(messages: Arc<Catalogues>) -> Result<Environment<'static>, minijinja::Error> {
    let mut environment = Environment::new();
    environment.set_auto_escape_callback(|name| {
        if name.ends_with(".html") {
            minijinja::AutoEscape::Html
        } else {
            minijinja::AutoEscape::None
        }
    });
    environment.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    for (name, source) in TEMPLATES {
        environment.add_template(name, source)?;
    }
    // A message called without arguments always renders the same, so each is rendered once
    // here. Pages call `t` dozens of times, mostly without arguments.
    let fixed: [std::collections::HashMap<String, Value>; 2] = [Lang::Fr, Lang::En].map(|lang| {
        i18n::message_ids(lang)
            .into_iter()
            .map(|id| {
                let text = messages.get(lang).format(&id, &[]);
                (id, Value::from(text))
            })
            .collect()
    });
    crate::pages::labels::register(&mut environment, Arc::clone(&messages));
    environment.add_function(
        "t",
        move |state: &State, id: &str, kwargs: Kwargs| -> Result<Value, minijinja::Error> {
            let lang = state
                .lookup("lang")
                .and_then(|value| value.as_str().and_then(Lang::from_tag))
                .unwrap_or_default();
            let fixed_texts = &fixed[usize::from(lang == Lang::En)];
            if kwargs.args().next().is_none()
                && let Some(text) = fixed_texts.get(id)
            {
                return Ok(text.clone());
            }
            let mut owned: Vec<(String, String)> = Vec::new();
            for key in kwargs.args() {
                let value: Value = kwargs.get(key)?;
                owned.push((key.to_string(), value.to_string()));
            }
            let args: Vec<(&str, &str)> = owned
                .iter()
                .map(|(key, value)| (key.as_str(), value.as_str()))
                .collect();
            Ok(Value::from(messages.get(lang).format(id, &args)))
        },
    );
    environment.add_filter("filesize", |state: &State, bytes: u64| -> String {
        let lang = state
            .lookup("lang")
            .and_then(|value| value.as_str().and_then(Lang::from_tag))
            .unwrap_or_default();
        human_size(bytes, lang)
    });
    crate::pages::formats::register(&mut environment);
    Ok(environment)
}

/// Formats a byte count in multiples of 1024, with French symbols (o, Ko, Mo…) and a
/// decimal comma in French, English symbols (B, KB, MB…) otherwise.
pub fn human_size(bytes: u64, lang: Lang) -> String {
    let units: [&str; 5] = match lang {
        Lang::Fr => ["o", "Ko", "Mo", "Go", "To"],
        Lang::En => ["B", "KB", "MB", "GB", "TB"],
    };
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < units.len() {
        value /= 1024.0;
        unit += 1;
    }
    let symbol = units.get(unit).copied().unwrap_or("");
    if unit == 0 {
        return format!("{bytes} {symbol}");
    }
    let number = format!("{value:.1}");
    match lang {
        Lang::Fr => format!("{} {symbol}", number.replace('.', ",")),
        Lang::En => format!("{number} {symbol}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_in_both_languages() {
        assert_eq!(human_size(593, Lang::Fr), "593 o");
        assert_eq!(human_size(1536, Lang::Fr), "1,5 Ko");
        assert_eq!(human_size(1536, Lang::En), "1.5 KB");
        assert_eq!(human_size(1024 * 1024 * 1024, Lang::En), "1.0 GB");
    }
}
