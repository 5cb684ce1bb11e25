//! Creating an organisation under a slug chosen by the caller, as CKAN's
//! `organization_create` does with its `name` key.
//!
//! [`crate::store::OrganizationStore::create_organization`] derives the slug from the
//! display name and appends `-2`, `-3`… when it is taken. Here the slug is kept as given or
//! the creation fails, because a client that names its organisation expects that name in
//! every later call.

use uuid::Uuid;

use super::SqliteStore;
use crate::lifecycle::check_name;
use crate::model::{NewOrganization, Organization};
use crate::store::OrganizationStore;
use crate::{Error, now};

impl SqliteStore {
    /// Inserts an organisation whose slug is `slug`. A slug outside CKAN's name rules is
    /// rejected on `name` with `api-error-name-invalid`, and a slug already in use with
    /// `api-error-organization-name-taken`.
    pub async fn create_organization_with_slug(
        &self,
        new: &NewOrganization,
        slug: &str,
    ) -> Result<Organization, Error> {
        new.check()?;
        check_name(slug)?;
        let id = Uuid::new_v4();
        sqlx::query(
            "INSERT INTO organizations (id, slug, name, siren, kind, description, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(id.to_string())
        .bind(slug)
        .bind(new.name.trim())
        .bind(&new.siren)
        .bind(new.kind.code())
        .bind(&new.description)
        .bind(now())
        .execute(&self.pool)
        .await
        .map_err(|error| match &error {
            sqlx::Error::Database(database) if database.is_unique_violation() => {
                Error::invalid("name", "api-error-organization-name-taken")
            }
            _ => Error::from(error),
        })?;
        self.search_cache.clear();
        self.organization(id)
            .await?
            .ok_or_else(|| Error::not_found("organization", id))
    }
}
