//! Reading the public catalogue in batches, for exports such as the DCAT-AP feed.
//!
//! Only what any visitor may see is read: active, published, non-private datasets and
//! their non-private resources. Datasets come in identifier order, read by keyset (`id >
//! after`), so each batch costs the same at any depth and the memory of an export is
//! bounded by the batch size. Each batch takes four queries whatever its size: the
//! datasets with their tags, their organisations, their resources, then the source dates
//! of those that were harvested.

use std::future::Future;

use uuid::Uuid;

use crate::Error;
use crate::model::{Dataset, Organization};

/// The part of the catalogue an export covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ExportScope {
    /// Only the datasets of this organisation; the whole catalogue when `None`.
    pub organization_id: Option<Uuid>,
}

/// A public dataset with its organisation and public resources.
#[derive(Debug, Clone)]
pub struct ExportedDataset {
    /// The dataset, tags included.
    pub dataset: Dataset,
    pub organization: Organization,
    /// Public resources, oldest first.
    pub resources: Vec<ExportedResource>,
    /// For a harvested dataset, the dates its source gives; empty otherwise.
    pub source_dates: crate::harvest::SourceDates,
}

/// The fields of a public resource that an export describes. The validation report is
/// not read, because it can be large and no export needs it.
#[derive(Debug, Clone)]
pub struct ExportedResource {
    pub id: Uuid,
    pub title: String,
    pub description: String,
    /// Set for a link to a file elsewhere; `None` for a file kept by the platform.
    pub url: Option<String>,
    pub file_name: Option<String>,
    /// Lower-case format name (`csv`, `xlsx`).
    pub format: String,
    /// Size in bytes of a stored file.
    pub size: Option<u64>,
    /// Lower-case hexadecimal SHA-256 of a stored file.
    pub sha256: Option<String>,
    /// Slug of the bundled schema the resource follows.
    pub schema_slug: Option<String>,
    pub created_at: String,
    pub modified_at: String,
}

pub trait ExportStore: Send + Sync {
    /// Counts the public datasets of a scope.
    fn count_public_datasets(
        &self,
        scope: ExportScope,
    ) -> impl Future<Output = Result<u64, Error>> + Send;

    /// Returns the identifier of the public dataset at `index` (0-based) among those whose
    /// identifier is greater than `after`, in identifier order, or `None` when there are
    /// not that many. Used to find where a page starts and the last dataset of a page.
    fn public_dataset_id_at(
        &self,
        scope: ExportScope,
        after: Option<Uuid>,
        index: u64,
    ) -> impl Future<Output = Result<Option<Uuid>, Error>> + Send;

    /// Reads at most `limit` public datasets whose identifier is greater than `after`, in
    /// identifier order.
    fn public_datasets_after(
        &self,
        scope: ExportScope,
        after: Option<Uuid>,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<ExportedDataset>, Error>> + Send;

    /// Reads one public dataset by slug or identifier.
    fn public_dataset(
        &self,
        slug_or_id: &str,
    ) -> impl Future<Output = Result<Option<ExportedDataset>, Error>> + Send;
}
