//! Harvest sources, jobs, job items and the links between harvested datasets and the
//! remote records they come from, with the store interface that keeps them.
//!
//! Fetching and reading remote catalogues is not done here (no HTTP in this crate): the
//! caller turns each remote record into a [`HarvestedRecord`], [`reconcile`] decides what
//! to do with it without touching the database, and [`HarvestStore::apply_decisions`]
//! writes the decisions of a batch in one transaction.

pub mod reconcile;

use std::collections::BTreeMap;
use std::future::Future;

use serde::Serialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::Error;
use crate::model::DatasetFields;
pub use reconcile::{Decision, KnownLink, ReconcileOptions, Reconciler};

/// The kind of remote catalogue a source reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// CKAN Action API.
    Ckan,
    /// A DCAT catalogue in RDF/XML, Turtle or JSON-LD.
    Dcat,
    /// udata API (data.gouv.fr and its siblings).
    Udata,
    /// Opendatasoft Explore API.
    Ods,
}

impl SourceKind {
    pub const ALL: [SourceKind; 4] = [
        SourceKind::Ckan,
        SourceKind::Dcat,
        SourceKind::Udata,
        SourceKind::Ods,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SourceKind::Ckan => "ckan",
            SourceKind::Dcat => "dcat",
            SourceKind::Udata => "udata",
            SourceKind::Ods => "ods",
        }
    }

    pub fn from_code(code: &str) -> Option<SourceKind> {
        SourceKind::ALL.into_iter().find(|kind| kind.code() == code)
    }
}

/// The fields of a harvest source that its administrators set.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SourceFields {
    pub name: String,
    pub kind: Option<SourceKind>,
    /// Address of the remote catalogue: the CKAN or udata site root, the DCAT feed, the
    /// Opendatasoft portal.
    pub url: String,
    /// Only records of this remote organisation (CKAN or udata organisation, ODS publisher).
    pub remote_organization: Option<String>,
    /// Only records carrying all these tags.
    pub tags: Vec<String>,
    /// Only records matching this free-text query of the remote catalogue.
    pub query: Option<String>,
    /// A 5-field cron expression, evaluated in UTC; `None` runs only on request.
    pub schedule: Option<String>,
}

/// Longest accepted source URL, in bytes.
pub const MAX_SOURCE_URL_BYTES: usize = 2048;

impl SourceFields {
    /// Checks the fields that need no network, and returns the first problem. The
    /// schedule's syntax is checked by the caller, which owns the cron parser.
    pub fn check(&self) -> Result<(), Error> {
        if self.name.trim().is_empty() {
            return Err(Error::invalid("name", "catalog-error-required"));
        }
        if self.kind.is_none() {
            return Err(Error::invalid("kind", "harvest-error-kind"));
        }
        let url = self.url.trim();
        let scheme_ok = url.starts_with("https://") || url.starts_with("http://");
        if !scheme_ok || url.len() > MAX_SOURCE_URL_BYTES || url.contains(char::is_whitespace) {
            return Err(Error::invalid("url", "harvest-error-url"));
        }
        if self.tags.len() > 20 || self.tags.iter().any(|tag| tag.chars().count() > 100) {
            return Err(Error::invalid("tags", "catalog-error-tags"));
        }
        Ok(())
    }
}

/// A harvest source, as stored.
#[derive(Debug, Clone, Serialize)]
pub struct HarvestSource {
    pub id: Uuid,
    /// The organisation that publishes what the source brings.
    pub organization_id: Uuid,
    pub kind: SourceKind,
    pub fields: SourceFields,
    /// Inactive sources run neither on schedule nor on request; they can be previewed.
    pub active: bool,
    pub created_by: Option<Uuid>,
    pub created_at: String,
    pub modified_at: String,
}

/// The state of a job.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum JobStatus {
    Queued,
    Running,
    /// The job went through the whole listing; some items may still be skipped.
    Done,
    /// The job could not proceed: the source was unreachable or its answer unreadable.
    Failed,
    /// The server stopped while the job was running; a new job was queued in its place.
    Interrupted,
}

impl JobStatus {
    pub fn code(self) -> &'static str {
        match self {
            JobStatus::Queued => "queued",
            JobStatus::Running => "running",
            JobStatus::Done => "done",
            JobStatus::Failed => "failed",
            JobStatus::Interrupted => "interrupted",
        }
    }

    pub fn from_code(code: &str) -> Option<JobStatus> {
        use JobStatus::*;
        [Queued, Running, Done, Failed, Interrupted]
            .into_iter()
            .find(|status| status.code() == code)
    }

    pub fn is_finished(self) -> bool {
        matches!(
            self,
            JobStatus::Done | JobStatus::Failed | JobStatus::Interrupted
        )
    }
}

/// What started a job.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum JobTrigger {
    /// "Run now" on the source's page.
    Manual,
    /// The source's schedule.
    Schedule,
    /// `socle harvest run`.
    Command,
    /// Queued again after a restart interrupted it.
    Resume,
}

impl JobTrigger {
    pub fn code(self) -> &'static str {
        match self {
            JobTrigger::Manual => "manual",
            JobTrigger::Schedule => "schedule",
            JobTrigger::Command => "command",
            JobTrigger::Resume => "resume",
        }
    }

    pub fn from_code(code: &str) -> Option<JobTrigger> {
        use JobTrigger::*;
        [Manual, Schedule, Command, Resume]
            .into_iter()
            .find(|trigger| trigger.code() == code)
    }
}

/// The number of items of a job per outcome.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct JobCounts {
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub archived: u64,
    pub skipped: u64,
    pub failed: u64,
}

impl JobCounts {
    pub fn add(&mut self, outcome: ItemOutcome) {
        let counter = match outcome {
            ItemOutcome::Created => &mut self.created,
            ItemOutcome::Updated => &mut self.updated,
            ItemOutcome::Unchanged => &mut self.unchanged,
            ItemOutcome::Archived => &mut self.archived,
            ItemOutcome::Skipped => &mut self.skipped,
            ItemOutcome::Failed => &mut self.failed,
        };
        *counter += 1;
    }

    pub fn total(&self) -> u64 {
        self.created + self.updated + self.unchanged + self.archived + self.skipped + self.failed
    }
}

/// A message id and its named arguments, rendered by the shells in the reader's language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Reason {
    pub code: String,
    pub args: BTreeMap<String, String>,
}

impl Reason {
    pub fn new(code: &str) -> Reason {
        Reason {
            code: code.to_string(),
            args: BTreeMap::new(),
        }
    }

    pub fn with(mut self, name: &str, value: impl ToString) -> Reason {
        self.args.insert(name.to_string(), value.to_string());
        self
    }
}

/// A harvest run of one source.
#[derive(Debug, Clone, Serialize)]
pub struct HarvestJob {
    pub id: Uuid,
    pub source_id: Uuid,
    pub status: JobStatus,
    pub trigger: JobTrigger,
    pub queued_at: String,
    pub started_at: Option<String>,
    pub finished_at: Option<String>,
    /// Whether every page of the remote listing was read. Only then are records that
    /// the source no longer lists counted as missing.
    pub listing_complete: bool,
    pub counts: JobCounts,
    /// Why the job failed or was cut short.
    pub error: Option<Reason>,
}

/// What a job did with one remote record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemOutcome {
    Created,
    Updated,
    /// The record's content hash had not changed: nothing was written.
    Unchanged,
    /// The source no longer lists the record and the grace period is over.
    Archived,
    /// The record was not imported, for the reason given.
    Skipped,
    /// Writing the record failed.
    Failed,
}

impl ItemOutcome {
    pub fn code(self) -> &'static str {
        match self {
            ItemOutcome::Created => "created",
            ItemOutcome::Updated => "updated",
            ItemOutcome::Unchanged => "unchanged",
            ItemOutcome::Archived => "archived",
            ItemOutcome::Skipped => "skipped",
            ItemOutcome::Failed => "failed",
        }
    }

    pub fn from_code(code: &str) -> Option<ItemOutcome> {
        use ItemOutcome::*;
        [Created, Updated, Unchanged, Archived, Skipped, Failed]
            .into_iter()
            .find(|outcome| outcome.code() == code)
    }
}

/// One line of a job's report.
#[derive(Debug, Clone, Serialize)]
pub struct JobItem {
    /// Order in which the job met the record, from 0.
    pub position: u64,
    pub remote_id: String,
    pub title: String,
    pub dataset_id: Option<Uuid>,
    pub outcome: ItemOutcome,
    pub reason: Option<Reason>,
}

/// A remote file of a harvested dataset, stored as a resource of kind url.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HarvestedResource {
    pub title: String,
    pub url: String,
    /// Lower-case format name (`csv`), empty when unknown.
    pub format: String,
    /// Slug of a bundled schema the remote file declares it follows.
    pub schema_slug: Option<String>,
}

/// The harvest source a dataset was copied from, and the record's own page there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DatasetOrigin {
    pub source_id: Uuid,
    /// Name of the source, as its administrators wrote it.
    pub source_name: String,
    /// The record's URI or page address on the remote portal, when it gave one.
    pub uri: Option<String>,
    /// The record's dates at the source.
    pub dates: SourceDates,
}

/// A remote record normalised into the catalogue's fields, ready to be reconciled.
#[derive(Debug, Clone, Serialize)]
pub struct HarvestedRecord {
    /// The record's id in the remote catalogue, unique within a source.
    pub remote_id: String,
    /// `dct:identifier`, when the remote catalogue gives one.
    pub identifier: Option<String>,
    /// The record's URI or page address.
    pub uri: Option<String>,
    pub fields: DatasetFields,
    pub resources: Vec<HarvestedResource>,
    /// Dates the source gives for the record. Left out of the hash when unknown, so
    /// that records harvested before dates were kept hash as they did.
    #[serde(skip_serializing_if = "SourceDates::is_empty")]
    pub dates: SourceDates,
}

/// Creation and last modification dates of a record as its source publishes them: an
/// RFC 3339 UTC time (`2024-03-01T08:30:00Z`) or a plain date (`2024-03-01`). Exports
/// give them in place of the harvest's own times, which record when socle copied the
/// record, not when its publisher created or changed it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SourceDates {
    pub issued: Option<String>,
    pub modified: Option<String>,
}

impl SourceDates {
    pub fn is_empty(&self) -> bool {
        self.issued.is_none() && self.modified.is_none()
    }
}

impl HarvestedRecord {
    /// Returns the SHA-256 (hex) of everything the record would write, so that equal
    /// hashes across runs mean the dataset needs no write.
    pub fn content_hash(&self) -> String {
        // Struct fields serialise in declaration order and tags, spatial codes and
        // resources keep the remote order, so the same record hashes the same.
        let json = serde_json::to_vec(self).unwrap_or_default();
        hex::encode(Sha256::digest(&json))
    }
}

/// Storage of harvest sources, jobs and links. [`crate::SqliteStore`] implements it.
pub trait HarvestStore: Send + Sync {
    fn create_source(
        &self,
        organization_id: Uuid,
        fields: &SourceFields,
        created_by: Option<Uuid>,
    ) -> impl Future<Output = Result<HarvestSource, Error>> + Send;
    fn update_source(
        &self,
        id: Uuid,
        fields: &SourceFields,
    ) -> impl Future<Output = Result<HarvestSource, Error>> + Send;
    fn set_source_active(
        &self,
        id: Uuid,
        active: bool,
    ) -> impl Future<Output = Result<(), Error>> + Send;
    fn source(&self, id: Uuid)
    -> impl Future<Output = Result<Option<HarvestSource>, Error>> + Send;
    /// Lists the sources of the given organisations (all when `None`), by name.
    fn sources(
        &self,
        organizations: Option<&[Uuid]>,
    ) -> impl Future<Output = Result<Vec<HarvestSource>, Error>> + Send;

    /// Queues a job for a source and returns it; when the source already has a queued or
    /// running job, returns that one instead of queueing a second.
    fn enqueue_job(
        &self,
        source_id: Uuid,
        trigger: JobTrigger,
    ) -> impl Future<Output = Result<HarvestJob, Error>> + Send;
    /// Moves a queued job to running; returns `false` when it was no longer queued.
    fn start_job(&self, id: Uuid) -> impl Future<Output = Result<bool, Error>> + Send;
    /// Marks a running job whose process is gone as interrupted; returns `false` when it
    /// was no longer running.
    fn interrupt_job(&self, id: Uuid) -> impl Future<Output = Result<bool, Error>> + Send;
    /// Records the end of a job with its counts.
    fn finish_job(
        &self,
        id: Uuid,
        status: JobStatus,
        listing_complete: bool,
        counts: JobCounts,
        error: Option<&Reason>,
    ) -> impl Future<Output = Result<(), Error>> + Send;
    fn job(&self, id: Uuid) -> impl Future<Output = Result<Option<HarvestJob>, Error>> + Send;
    /// Lists a source's jobs, newest first.
    fn jobs(
        &self,
        source_id: Uuid,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<HarvestJob>, Error>> + Send;
    /// Lists queued jobs, oldest first.
    fn queued_jobs(&self) -> impl Future<Output = Result<Vec<HarvestJob>, Error>> + Send;
    /// Marks jobs left running by a stopped process as interrupted and queues a new job
    /// for each of their sources; returns the new jobs.
    fn requeue_interrupted_jobs(
        &self,
    ) -> impl Future<Output = Result<Vec<HarvestJob>, Error>> + Send;
    /// Adds items that no decision produced, such as remote pages that could not be
    /// read, numbered from `first_position`; returns them as written.
    fn add_job_items(
        &self,
        job_id: Uuid,
        first_position: u64,
        items: Vec<JobItem>,
    ) -> impl Future<Output = Result<Vec<JobItem>, Error>> + Send;
    /// Lists a job's items in the order the job met them.
    fn job_items(&self, job_id: Uuid) -> impl Future<Output = Result<Vec<JobItem>, Error>> + Send;

    /// Returns where a harvested dataset comes from, or `None` for a dataset published
    /// on the platform itself.
    fn dataset_origin(
        &self,
        dataset_id: Uuid,
    ) -> impl Future<Output = Result<Option<DatasetOrigin>, Error>> + Send;

    /// Returns the links a reconciliation of `source_id` needs: the source's own links,
    /// and every link that carries a `dct:identifier` or URI, to find records that
    /// another source or organisation already brought.
    fn known_links(
        &self,
        source_id: Uuid,
    ) -> impl Future<Output = Result<Vec<KnownLink>, Error>> + Send;
    /// Writes a batch of decisions of a job in one transaction: datasets, resources, tags,
    /// search rows, links and the job's items, numbered from `first_position`. Returns
    /// the items written, whose outcomes the caller adds to the job's counts.
    fn apply_decisions(
        &self,
        source: &HarvestSource,
        job_id: Uuid,
        first_position: u64,
        decisions: Vec<Decision>,
    ) -> impl Future<Output = Result<Vec<JobItem>, Error>> + Send;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> HarvestedRecord {
        HarvestedRecord {
            remote_id: "abc".into(),
            identifier: Some("https://example.org/id/abc".into()),
            uri: None,
            fields: DatasetFields {
                title: "Parkings".into(),
                licence: "lov2".into(),
                frequency: "UNKNOWN".into(),
                ..DatasetFields::default()
            },
            resources: vec![HarvestedResource {
                title: "CSV".into(),
                url: "https://example.org/parkings.csv".into(),
                format: "csv".into(),
                schema_slug: None,
            }],
            dates: SourceDates::default(),
        }
    }

    #[test]
    fn content_hash_follows_content() {
        let first = record();
        assert_eq!(first.content_hash(), record().content_hash());
        let mut retitled = record();
        retitled.fields.title = "Parkings publics".into();
        assert_ne!(first.content_hash(), retitled.content_hash());
        let mut moved = record();
        moved.resources[0].url = "https://example.org/v2/parkings.csv".into();
        assert_ne!(first.content_hash(), moved.content_hash());
        let mut changed_at_source = record();
        changed_at_source.dates.modified = Some("2026-11-30".into());
        assert_ne!(first.content_hash(), changed_at_source.content_hash());
    }

    #[test]
    fn unknown_dates_keep_hash() {
        // The hash of a record without dates is the one written before dates were kept,
        // so an upgrade does not rewrite every harvested dataset.
        let json = serde_json::to_string(&record()).expect("json");
        assert!(!json.contains("dates"), "{json}");
    }

    #[test]
    fn source_fields_checked() {
        let good = SourceFields {
            name: "DataSud".into(),
            kind: Some(SourceKind::Ckan),
            url: "https://datasud.fr/".into(),
            ..SourceFields::default()
        };
        assert!(good.check().is_ok());
        for url in ["ftp://datasud.fr/", "datasud.fr", "https://a b/"] {
            let bad = SourceFields {
                url: url.into(),
                ..good.clone()
            };
            assert!(bad.check().is_err(), "{url} accepted");
        }
        let unnamed = SourceFields {
            name: " ".into(),
            ..good.clone()
        };
        assert!(unnamed.check().is_err());
        let kindless = SourceFields { kind: None, ..good };
        assert!(kindless.check().is_err());
    }
}
