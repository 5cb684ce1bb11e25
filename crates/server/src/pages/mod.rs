//! Page handlers: the public side ([`public`]), signing in ([`account`]), publishing
//! ([`publish`]) and platform administration ([`admin`]), plus the context every template receives.

pub mod account;
pub mod admin;
pub mod budget;
pub mod edit;
pub mod formats;
pub mod harvest;
pub mod logo;
pub(crate) mod privacy_gate;
pub mod public;
pub mod publish;
pub mod redact;
pub mod resource_actions;
pub mod status_label;
pub mod tokens;

use minijinja::{Value, context};
use serde::Serialize;

use crate::web::Visitor;

/// Builds the variables of the page frame: language, signed-in user, CSRF token, path.
pub fn frame(visitor: &Visitor, path: &str) -> Value {
    let user = visitor.user.as_ref().map(
        |user| context! { name => user.display_name.clone(), admin => user.is_platform_admin },
    );
    context! {
        lang => visitor.lang.tag(),
        other_lang => if visitor.lang == i18n::Lang::Fr { "en" } else { "fr" },
        user => user,
        csrf => visitor.csrf.value(),
        path => path,
    }
}

/// Merges page variables into the frame.
pub fn page<T: Serialize>(visitor: &Visitor, path: &str, variables: T) -> Value {
    let frame = frame(visitor, path);
    context! { ..frame, ..Value::from_serialize(&variables) }
}
