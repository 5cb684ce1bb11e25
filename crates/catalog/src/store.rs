//! The storage interface the server uses, one small trait per concern.
//!
//! [`crate::SqliteStore`] implements them all. Reads that return datasets take a
//! [`Viewer`]: a dataset that is private or still a draft exists only for members of its
//! organisation and platform administrators, and the implementations filter it out in the
//! query itself, so counts and facets never reveal it. Permission to write is checked by
//! the caller with [`UserStore::role_in`] before calling a write method.

use std::future::Future;

use uuid::Uuid;

use crate::Error;
use crate::model::{
    Dataset, DatasetFields, Membership, NewOrganization, Organization, Resource, ResourceSource,
    Role, User, ValidationStatus, Viewer,
};
use crate::search::{DatasetHit, SearchQuery, SearchResults};

pub trait OrganizationStore: Send + Sync {
    fn create_organization(
        &self,
        new: &NewOrganization,
    ) -> impl Future<Output = Result<Organization, Error>> + Send;
    fn organization(
        &self,
        id: Uuid,
    ) -> impl Future<Output = Result<Option<Organization>, Error>> + Send;
    fn organization_by_slug(
        &self,
        slug: &str,
    ) -> impl Future<Output = Result<Option<Organization>, Error>> + Send;
    /// Lists organisations by name.
    fn organizations(&self) -> impl Future<Output = Result<Vec<Organization>, Error>> + Send;
}

pub trait UserStore: Send + Sync {
    /// Creates a user; the password is hashed here.
    fn create_user(
        &self,
        email: &str,
        display_name: &str,
        password: &str,
        platform_admin: bool,
    ) -> impl Future<Output = Result<User, Error>> + Send;
    /// Returns the user when the e-mail address exists and the password matches.
    fn authenticate(
        &self,
        email: &str,
        password: &str,
    ) -> impl Future<Output = Result<Option<User>, Error>> + Send;
    fn user_by_email(
        &self,
        email: &str,
    ) -> impl Future<Output = Result<Option<User>, Error>> + Send;
    /// Adds a membership, or changes the role of an existing one.
    fn set_membership(
        &self,
        user_id: Uuid,
        organization_id: Uuid,
        role: Role,
    ) -> impl Future<Output = Result<(), Error>> + Send;
    fn memberships(
        &self,
        user_id: Uuid,
    ) -> impl Future<Output = Result<Vec<Membership>, Error>> + Send;
    fn role_in(
        &self,
        user_id: Uuid,
        organization_id: Uuid,
    ) -> impl Future<Output = Result<Option<Role>, Error>> + Send;
}

pub trait SessionStore: Send + Sync {
    /// Opens a session for `ttl_seconds`; returns the session token and its CSRF token.
    fn create_session(
        &self,
        user_id: Uuid,
        ttl_seconds: i64,
    ) -> impl Future<Output = Result<(String, String), Error>> + Send;
    /// Returns the user and CSRF token of an unexpired session.
    fn session(
        &self,
        token: &str,
    ) -> impl Future<Output = Result<Option<(User, String)>, Error>> + Send;
    fn delete_session(&self, token: &str) -> impl Future<Output = Result<(), Error>> + Send;
}

pub trait DatasetStore: Send + Sync {
    /// Creates a draft dataset with a slug derived from its title.
    fn create_dataset(
        &self,
        organization_id: Uuid,
        fields: &DatasetFields,
    ) -> impl Future<Output = Result<Dataset, Error>> + Send;
    fn update_dataset(
        &self,
        id: Uuid,
        fields: &DatasetFields,
    ) -> impl Future<Output = Result<Dataset, Error>> + Send;
    fn set_published(
        &self,
        id: Uuid,
        published: bool,
    ) -> impl Future<Output = Result<(), Error>> + Send;
    /// Returns a dataset the viewer may see, by slug or by UUID.
    fn dataset(
        &self,
        viewer: &Viewer,
        slug_or_id: &str,
    ) -> impl Future<Output = Result<Option<DatasetHit>, Error>> + Send;
    /// Lists the datasets the viewer may see, most recently modified first.
    fn latest_datasets(
        &self,
        viewer: &Viewer,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<DatasetHit>, Error>> + Send;
}

/// A resource to add to a dataset.
#[derive(Debug, Clone)]
pub struct NewResource {
    pub title: String,
    pub source: ResourceSource,
    pub format: String,
    pub schema_slug: Option<String>,
    pub validation_status: ValidationStatus,
}

pub trait ResourceStore: Send + Sync {
    fn add_resource(
        &self,
        dataset_id: Uuid,
        new: &NewResource,
    ) -> impl Future<Output = Result<Resource, Error>> + Send;
    fn resources(
        &self,
        dataset_id: Uuid,
    ) -> impl Future<Output = Result<Vec<Resource>, Error>> + Send;
    fn resource(&self, id: Uuid) -> impl Future<Output = Result<Option<Resource>, Error>> + Send;
    /// Makes a resource visible to editors only (`true`) or to every visitor of its dataset.
    fn set_resource_private(
        &self,
        id: Uuid,
        private: bool,
    ) -> impl Future<Output = Result<(), Error>> + Send;
    /// Records a validation outcome and updates the dataset's validity.
    fn set_validation(
        &self,
        id: Uuid,
        status: ValidationStatus,
        report: Option<&serde_json::Value>,
    ) -> impl Future<Output = Result<(), Error>> + Send;
    /// Lists resources whose validation was queued or running, to resume after a restart.
    fn unfinished_validations(&self) -> impl Future<Output = Result<Vec<Resource>, Error>> + Send;
}

pub trait SearchStore: Send + Sync {
    fn search(
        &self,
        viewer: &Viewer,
        query: &SearchQuery,
    ) -> impl Future<Output = Result<SearchResults, Error>> + Send;
}
