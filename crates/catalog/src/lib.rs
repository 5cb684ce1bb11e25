//! The publication platform's catalogue: organisations, users and their roles, datasets,
//! resources, stored files and French full-text search.
//!
//! [`SqliteStore`] keeps everything in one SQLite database in WAL mode, migrated on open;
//! the traits of [`store`] are the interface the server uses, so another database can
//! implement them later. [`files::FileStore`] keeps uploaded files on local disk and
//! publishes each one with an atomic rename. [`text`] folds and stems French text for
//! search.
//!
//! Nothing here speaks HTTP or renders text: errors carry a message id and the field
//! concerned, and the server renders them.

pub mod auth;
pub mod export;
pub mod files;
pub mod harvest;
pub mod lifecycle;
pub mod listing;
pub mod model;
pub mod refresh;
pub mod search;
mod sqlite;
pub mod store;
pub mod sweep;
pub mod text;
pub mod tokens;

pub use lifecycle::{DatasetState, LifecycleStore};
pub use listing::ListingStore;
pub use model::*;
pub use search::{FacetValue, Facets, SearchQuery, SearchResults};
pub use sqlite::{KeyColumn, SqliteStore, is_key_column};
pub use store::{
    DatasetStore, OrganizationStore, ResourceStore, SearchStore, SessionStore, UserStore,
};
pub use tokens::TokenStore;

/// A failure of the catalogue.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("database migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("file storage error: {0}")]
    Io(#[from] std::io::Error),
    #[error("{kind} not found: {key}")]
    NotFound { kind: &'static str, key: String },
    /// A value breaks a rule; `message_id` names the explanation in the message catalogue.
    #[error("invalid {field}: {message_id}")]
    Invalid {
        field: &'static str,
        message_id: &'static str,
    },
    #[error("file is larger than the limit of {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("password hashing failed: {0}")]
    Password(String),
    #[error("stored value is corrupt: {0}")]
    Corrupt(String),
}

impl Error {
    pub(crate) fn invalid(field: &'static str, message_id: &'static str) -> Error {
        Error::Invalid { field, message_id }
    }

    pub(crate) fn not_found(kind: &'static str, key: impl ToString) -> Error {
        Error::NotFound {
            kind,
            key: key.to_string(),
        }
    }
}

/// The current time as stored: RFC 3339 UTC with six fractional digits, so that text
/// order is time order.
pub(crate) fn now() -> String {
    format!("{:.6}", jiff::Timestamp::now())
}
