//! Dataset states and the writes that change a dataset or a resource as a whole: creation
//! under a chosen name, full replacement, soft deletion, resource edits and removal.
//!
//! These serve the CKAN-compatible API, whose clients name their datasets themselves and
//! replace them wholesale, and the harvester, which archives datasets its source dropped.
//! Permission checks stay with the caller, as for [`crate::store`].

use std::collections::HashMap;
use std::future::Future;

use serde::Serialize;
use uuid::Uuid;

use crate::Error;
use crate::model::{Dataset, DatasetFields, Resource, Viewer};
use crate::store::NewResource;

/// The lifecycle state of a dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DatasetState {
    Active,
    /// Kept for its history but hidden from search, lists, the API and feeds.
    Archived,
    /// Removed by its publisher: hidden everywhere.
    Deleted,
}

impl DatasetState {
    pub fn code(self) -> &'static str {
        match self {
            DatasetState::Active => "active",
            DatasetState::Archived => "archived",
            DatasetState::Deleted => "deleted",
        }
    }

    pub fn from_code(code: &str) -> Option<DatasetState> {
        [
            DatasetState::Active,
            DatasetState::Archived,
            DatasetState::Deleted,
        ]
        .into_iter()
        .find(|state| state.code() == code)
    }
}

/// Maximum length of a dataset name (URL slug), in characters, as in CKAN.
pub const MAX_NAME_CHARS: usize = 100;

/// Checks a dataset name chosen by a client: 2 to 100 characters among lower-case ASCII
/// letters, digits, `-` and `_`, the rule CKAN applies to package names.
pub fn check_name(name: &str) -> Result<(), Error> {
    let valid_chars = name.bytes().all(|byte| {
        byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-' || byte == b'_'
    });
    if name.len() < 2 || name.len() > MAX_NAME_CHARS || !valid_chars {
        return Err(Error::invalid("name", "api-error-name-invalid"));
    }
    Ok(())
}

/// A public organisation's count of visible datasets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganizationCount {
    pub organization_id: Uuid,
    pub count: u64,
}

pub trait LifecycleStore: Send + Sync {
    /// Creates a dataset under `name` (derived from the title when `None`), published or
    /// draft. A name already in use, even by a deleted dataset, is rejected on `name`.
    fn create_named_dataset(
        &self,
        organization_id: Uuid,
        name: Option<&str>,
        fields: &DatasetFields,
        published: bool,
    ) -> impl Future<Output = Result<Dataset, Error>> + Send;
    /// Replaces every editable field of a dataset, its name and its publication.
    fn replace_dataset(
        &self,
        id: Uuid,
        name: &str,
        fields: &DatasetFields,
        published: bool,
    ) -> impl Future<Output = Result<Dataset, Error>> + Send;
    fn set_dataset_state(
        &self,
        id: Uuid,
        state: DatasetState,
    ) -> impl Future<Output = Result<(), Error>> + Send;
    /// Replaces a resource's title, content, format, schema and validation status, and
    /// its description. The previous report is dropped when the status becomes pending.
    fn update_resource(
        &self,
        id: Uuid,
        new: &NewResource,
        description: &str,
    ) -> impl Future<Output = Result<Resource, Error>> + Send;
    /// Removes a resource row and recomputes its dataset's validity. Its stored file stays on
    /// disk until the sweep removes files no row references.
    fn delete_resource(&self, id: Uuid) -> impl Future<Output = Result<(), Error>> + Send;
    /// Returns the resources of many datasets in one query, in creation order, without
    /// their reports.
    fn resources_of(
        &self,
        dataset_ids: &[Uuid],
    ) -> impl Future<Output = Result<HashMap<Uuid, Vec<Resource>>, Error>> + Send;
    /// Counts the active, published, public datasets of every organisation.
    fn public_dataset_counts(
        &self,
    ) -> impl Future<Output = Result<Vec<OrganizationCount>, Error>> + Send;
    /// Lists the tags of the datasets `viewer` may see, alphabetically.
    fn visible_tags(
        &self,
        viewer: &Viewer,
    ) -> impl Future<Output = Result<Vec<String>, Error>> + Send;
    /// Removes a user's membership of an organisation; returns `false` when there was none.
    fn remove_membership(
        &self,
        user_id: Uuid,
        organization_id: Uuid,
    ) -> impl Future<Output = Result<bool, Error>> + Send;
    /// Lists the names of active, published, public datasets by name.
    fn public_dataset_names(
        &self,
        limit: u32,
        offset: u64,
    ) -> impl Future<Output = Result<Vec<String>, Error>> + Send;
}
