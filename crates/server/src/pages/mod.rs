//! Page handlers: the public side ([`public`]), signing in ([`account`]), publishing
//! ([`publish`]) and platform administration ([`admin`]), plus the context every template receives.

pub mod account;
pub mod admin;
pub mod budget;
pub mod edit;
pub mod formats;
pub mod harvest;
pub mod labels;
pub mod logo;
pub(crate) mod privacy_gate;
pub mod public;
pub mod publish;
pub mod redact;
pub mod resource_actions;
pub mod status_label;
pub mod tokens;

use std::fmt;
use std::sync::Arc;

use minijinja::value::Object;
use minijinja::{Value, context};
use serde::Serialize;

use crate::web::{CsrfToken, Visitor};

/// The CSRF token as a template value. It is drawn when a template prints it, so a page
/// without a form sets no CSRF cookie for a visitor who has none yet.
struct TemplateCsrf(CsrfToken);

impl fmt::Debug for TemplateCsrf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The token is the visitor's secret, so debug output never shows it.
        f.write_str("TemplateCsrf")
    }
}

impl Object for TemplateCsrf {
    fn render(self: &Arc<Self>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.value())
    }
}

/// Builds the variables of the page frame: language, signed-in user, CSRF token, path.
pub fn frame(visitor: &Visitor, path: &str) -> Value {
    let user = visitor.user.as_ref().map(
        |user| context! { name => user.display_name.clone(), admin => user.is_platform_admin },
    );
    context! {
        lang => visitor.lang.tag(),
        other_lang => if visitor.lang == i18n::Lang::Fr { "en" } else { "fr" },
        user => user,
        csrf => Value::from_object(TemplateCsrf(visitor.csrf.clone())),
        path => path,
    }
}

/// Merges page variables into the frame.
pub fn page<T: Serialize>(visitor: &Visitor, path: &str, variables: T) -> Value {
    let frame = frame(visitor, path);
    context! { ..frame, ..Value::from_serialize(&variables) }
}
