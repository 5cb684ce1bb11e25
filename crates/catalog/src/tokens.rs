//! API tokens: long-lived secrets that authenticate a user to the CKAN-compatible API.
//!
//! A token is `socle_` followed by 64 hex digits from the operating system's random
//! source. Only its SHA-256 is stored, so the token is shown once, when it is created,
//! and a copy of the database does not let anyone call the API. A revoked token stays
//! listed, with its revocation time, and never authenticates again.

use std::future::Future;

use serde::Serialize;
use uuid::Uuid;

use crate::Error;
use crate::model::User;

/// Prefix of every token, so that secret scanners and people recognise one.
pub const TOKEN_PREFIX: &str = "socle_";

/// Maximum length of a token name, in characters.
pub const MAX_TOKEN_NAME_CHARS: usize = 100;

/// A token as listed to its owner; the secret itself is never stored.
#[derive(Debug, Clone, Serialize)]
pub struct ApiToken {
    pub id: Uuid,
    pub user_id: Uuid,
    pub name: String,
    pub created_at: String,
    /// Updated at most once a minute, so that frequent calls do not each write.
    pub last_used_at: Option<String>,
    pub revoked_at: Option<String>,
}

/// Checks a token name: not blank, at most [`MAX_TOKEN_NAME_CHARS`] characters.
pub fn check_token_name(name: &str) -> Result<(), Error> {
    if name.trim().is_empty() {
        return Err(Error::invalid("name", "catalog-error-required"));
    }
    if name.chars().count() > MAX_TOKEN_NAME_CHARS {
        return Err(Error::invalid("name", "catalog-error-too-long"));
    }
    Ok(())
}

pub trait TokenStore: Send + Sync {
    /// Creates a token for a user and returns it with its secret, which is not kept.
    fn create_token(
        &self,
        user_id: Uuid,
        name: &str,
    ) -> impl Future<Output = Result<(ApiToken, String), Error>> + Send;
    /// Lists a user's tokens, newest first, revoked ones included.
    fn tokens(&self, user_id: Uuid) -> impl Future<Output = Result<Vec<ApiToken>, Error>> + Send;
    /// Revokes one of a user's tokens; returns `false` when the user has no such token.
    fn revoke_token(
        &self,
        user_id: Uuid,
        token_id: Uuid,
    ) -> impl Future<Output = Result<bool, Error>> + Send;
    /// Returns the user of an unrevoked token and records its use.
    fn user_by_token(
        &self,
        secret: &str,
    ) -> impl Future<Output = Result<Option<User>, Error>> + Send;
}
