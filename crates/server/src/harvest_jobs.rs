//! Harvest jobs: running one job, and the background runner that starts queued jobs and
//! queues the jobs of scheduled sources.
//!
//! A job reads the remote listing page by page on tokio's blocking pool, because the
//! `harvest` crate is blocking. Each page goes through a channel of two pages to the
//! async side, which reconciles its records and writes them in one transaction per page,
//! so memory stays bounded whatever the size of the source. Jobs are rows of the
//! database: a job left running by a stopped server is marked interrupted at the next
//! start and queued again.
//!
//! NOTE: a running job cannot be cancelled from the pages yet; it ends with its listing.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use catalog::SqliteStore;
use catalog::harvest::reconcile::Reconciler;
use catalog::harvest::{
    Decision, HarvestJob, HarvestSource, HarvestStore, JobCounts, JobItem, JobStatus, JobTrigger,
    Reason, ReconcileOptions,
};
use harvest::fetch::{AllowList, FetchConfig, Fetcher};
use harvest::record::Item;
use harvest::source::{Completion, Filters, ListingLimits, PageError, SourceConfig, SourceError};
use jiff::{SignedDuration, Timestamp};
use serde::Deserialize;
use tracing::Instrument;
use uuid::Uuid;

use crate::harvest_convert;
use crate::harvest_schedule::Schedule;

/// Settings of harvesting, from the `[harvest]` table of `socle.toml`.
#[derive(Debug, Clone)]
pub struct HarvestSettings {
    /// Non-public networks and host names that sources may point to, such as a regional
    /// portal on the intranet. Public addresses are always allowed.
    pub allow: AllowList,
    /// Time a record may be absent from complete listings before its dataset is archived.
    pub grace: SignedDuration,
    /// Jobs run at once.
    pub workers: usize,
    /// How often the runner looks for queued jobs and due schedules.
    pub poll: Duration,
    /// Records asked per page from sources whose paging the client chooses.
    pub page_size: usize,
    /// Folder of the per-source lock files that tell a live job from one whose process
    /// was killed. With `None`, jobs run without locks, as tests do.
    pub lock_dir: Option<std::path::PathBuf>,
}

impl Default for HarvestSettings {
    fn default() -> HarvestSettings {
        HarvestSettings {
            allow: AllowList::default(),
            grace: catalog::harvest::reconcile::DEFAULT_GRACE,
            workers: 2,
            poll: Duration::from_secs(2),
            page_size: ListingLimits::default().page_size,
            lock_dir: None,
        }
    }
}

/// The lock file of a source, held open by the process that runs one of its jobs. The
/// system releases it when that process ends, even when it is killed.
struct SourceLock {
    _file: Option<std::fs::File>,
    /// Whether the lock is held; `false` when locking is off or unavailable.
    held: bool,
}

/// Takes the lock of a source, or returns `None` when another process holds it. Without
/// a lock folder, or when the file cannot be opened, jobs run unlocked as before.
fn lock_source(settings: &HarvestSettings, source_id: Uuid) -> Option<SourceLock> {
    let unlocked = SourceLock {
        _file: None,
        held: false,
    };
    let Some(folder) = &settings.lock_dir else {
        return Some(unlocked);
    };
    let opened = std::fs::create_dir_all(folder).and_then(|()| {
        std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(folder.join(format!("{source_id}.lock")))
    });
    let file = match opened {
        Ok(file) => file,
        Err(error) => {
            tracing::warn!(harvest.source = %source_id, %error, "harvest lock file unavailable");
            return Some(unlocked);
        }
    };
    match file.try_lock() {
        Ok(()) => Some(SourceLock {
            _file: Some(file),
            held: true,
        }),
        Err(std::fs::TryLockError::WouldBlock) => None,
        Err(std::fs::TryLockError::Error(error)) => {
            tracing::warn!(harvest.source = %source_id, %error, "harvest lock failed");
            Some(unlocked)
        }
    }
}

/// Marks `job` interrupted when it is running but no process holds its source's lock, as
/// after a `socle harvest run` that was killed. Returns whether it did, so that the caller
/// can queue a new job.
pub async fn release_dead_job(
    store: &SqliteStore,
    settings: &HarvestSettings,
    job: &HarvestJob,
) -> Result<bool, catalog::Error> {
    if job.status != JobStatus::Running {
        return Ok(false);
    }
    match lock_source(settings, job.source_id) {
        Some(lock) if lock.held => {
            let released = store.interrupt_job(job.id).await?;
            if released {
                tracing::warn!(harvest.source = %job.source_id, harvest.job = %job.id, "harvest job left running by a stopped process marked interrupted");
            }
            Ok(released)
        }
        _ => Ok(false),
    }
}

/// The `[harvest]` table of `socle.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HarvestFileSettings {
    /// Networks (CIDR) and host names: one string separated by commas or spaces, or a
    /// list of strings as `fetch_allow` takes.
    allow: Option<crate::config::AllowEntries>,
    grace_days: Option<u32>,
    workers: Option<usize>,
    /// Records asked per page (CKAN `rows`, Opendatasoft `limit`).
    page_size: Option<usize>,
}

impl HarvestFileSettings {
    /// The keys of the `[harvest]` table.
    pub const KEYS: &'static [&'static str] = &["allow", "grace_days", "workers", "page_size"];
}

impl HarvestSettings {
    /// Applies the file's values; returns the invalid allow-list entry as error.
    pub fn apply_file(&mut self, file: HarvestFileSettings) -> Result<(), String> {
        if let Some(allow) = file.allow {
            self.allow = AllowList::parse(&allow.into_list().join(","))?;
        }
        if let Some(days) = file.grace_days {
            self.grace = SignedDuration::from_hours(i64::from(days) * 24);
        }
        if let Some(workers) = file.workers {
            self.workers = workers;
        }
        if let Some(page_size) = file.page_size {
            self.page_size = page_size;
        }
        Ok(())
    }
}

/// Pages of a listing waiting to be written, at most.
const PAGES_IN_FLIGHT: usize = 2;

/// A message from the reading thread to the writing side.
enum Message {
    Page(Vec<Item>),
    PageFailed(PageError),
    /// The listing could not start at all.
    OpenFailed(SourceError),
    End(Completion),
}

/// Builds the fetcher configuration of harvest jobs.
pub fn fetch_config(settings: &HarvestSettings) -> FetchConfig {
    FetchConfig {
        allow: settings.allow.clone(),
        ..FetchConfig::default()
    }
}

/// Builds the listing configuration of a source.
pub fn source_config(source: &HarvestSource, settings: &HarvestSettings) -> SourceConfig {
    let kind = match source.kind {
        catalog::harvest::SourceKind::Ckan => harvest::source::SourceKind::Ckan,
        catalog::harvest::SourceKind::Dcat => harvest::source::SourceKind::Dcat,
        catalog::harvest::SourceKind::Udata => harvest::source::SourceKind::Udata,
        catalog::harvest::SourceKind::Ods => harvest::source::SourceKind::Ods,
    };
    SourceConfig {
        kind,
        url: source.fields.url.clone(),
        filters: Filters {
            organization: source.fields.remote_organization.clone(),
            tags: source.fields.tags.clone(),
            query: source.fields.query.clone(),
        },
        limits: ListingLimits {
            page_size: settings.page_size,
            ..ListingLimits::default()
        },
    }
}

/// Opens the listing of a source. Blocking.
pub fn open_listing(
    config: &SourceConfig,
    fetch: FetchConfig,
) -> Result<harvest::source::Listing, SourceError> {
    harvest::source::open(config, &Fetcher::new(fetch))
}

/// Reads the listing on the current (blocking) thread and sends it page by page.
fn read_listing(
    config: SourceConfig,
    fetch: FetchConfig,
    sender: tokio::sync::mpsc::Sender<Message>,
) {
    let mut listing = match open_listing(&config, fetch) {
        Ok(listing) => listing,
        Err(error) => {
            let _ = sender.blocking_send(Message::OpenFailed(error));
            return;
        }
    };
    for page in listing.by_ref() {
        let message = match page {
            Ok(page) => Message::Page(page.items),
            Err(error) => Message::PageFailed(error),
        };
        if sender.blocking_send(message).is_err() {
            // The writing side gave up: stop fetching.
            listing.stop();
            return;
        }
    }
    let completion = listing
        .completion()
        .cloned()
        .unwrap_or(Completion::CutShort {
            reason: harvest::source::CutReason::Stopped,
        });
    let _ = sender.blocking_send(Message::End(completion));
}

fn reason_from(message_id: &str, args: Vec<(&'static str, String)>) -> Reason {
    args.into_iter()
        .fold(Reason::new(message_id), |reason, (name, value)| {
            reason.with(name, value)
        })
}

/// Progress of a job on the writing side.
struct Progress {
    counts: JobCounts,
    position: u64,
    pages_read: usize,
}

impl Progress {
    fn record(&mut self, items: &[JobItem]) {
        for item in items {
            self.counts.add(item.outcome);
        }
        self.position += items.len() as u64;
    }
}

/// Runs a queued job to its end and returns it as stored. Returns `Ok(None)` when the
/// job was not queued (another worker took it).
pub async fn run_job(
    store: &SqliteStore,
    settings: &HarvestSettings,
    job_id: Uuid,
) -> Result<Option<HarvestJob>, catalog::Error> {
    let Some(job) = store.job(job_id).await? else {
        return Ok(None);
    };
    // Held until the job ends, so that another process that finds the job running can
    // tell that its runner is alive.
    let Some(_lock) = lock_source(settings, job.source_id) else {
        return Ok(None);
    };
    if !store.start_job(job_id).await? {
        return Ok(None);
    }
    let source = store
        .source(job.source_id)
        .await?
        .ok_or_else(|| catalog::Error::NotFound {
            kind: "harvest source",
            key: job.source_id.to_string(),
        })?;
    let span = tracing::info_span!("harvest", harvest.source = %source.id, harvest.job = %job_id);
    run_started_job(store, settings, &source, job_id)
        .instrument(span)
        .await
}

/// Runs a job already marked running, then records its end.
async fn run_started_job(
    store: &SqliteStore,
    settings: &HarvestSettings,
    source: &HarvestSource,
    job_id: Uuid,
) -> Result<Option<HarvestJob>, catalog::Error> {
    tracing::info!(url = %source.fields.url, kind = source.kind.code(), "harvest job started");
    let started = std::time::Instant::now();

    let mut progress = Progress {
        counts: JobCounts::default(),
        position: 0,
        pages_read: 0,
    };
    let outcome = write_listing(store, settings, source, job_id, &mut progress).await;
    let (status, complete, error) = match outcome {
        Ok(ended) => ended,
        Err(error) => {
            tracing::error!(%error, "harvest job failed while writing");
            let reason = Reason::new("harvest-error-internal");
            store
                .finish_job(
                    job_id,
                    JobStatus::Failed,
                    false,
                    progress.counts,
                    Some(&reason),
                )
                .await?;
            return Err(error);
        }
    };
    store
        .finish_job(job_id, status, complete, progress.counts, error.as_ref())
        .await?;
    tracing::info!(
        status = status.code(),
        listing_complete = complete,
        created = progress.counts.created,
        updated = progress.counts.updated,
        unchanged = progress.counts.unchanged,
        archived = progress.counts.archived,
        skipped = progress.counts.skipped,
        failed = progress.counts.failed,
        duration_ms = started.elapsed().as_millis() as u64,
        "harvest job finished"
    );
    store.job(job_id).await
}

/// Reads the listing and writes its decisions; returns the job's final status, whether
/// the listing was complete, and why it failed or was cut short.
async fn write_listing(
    store: &SqliteStore,
    settings: &HarvestSettings,
    source: &HarvestSource,
    job_id: Uuid,
    progress: &mut Progress,
) -> Result<(JobStatus, bool, Option<Reason>), catalog::Error> {
    let links = store.known_links(source.id).await?;
    let options = ReconcileOptions {
        grace: settings.grace,
    };
    let mut reconciler = Reconciler::new(source.id, source.organization_id, links, options);

    let (sender, mut receiver) = tokio::sync::mpsc::channel(PAGES_IN_FLIGHT);
    let config = source_config(source, settings);
    let fetch = fetch_config(settings);
    let reader = tokio::task::spawn_blocking(move || read_listing(config, fetch, sender));

    let mut completion = None;
    let mut failed_pages = Vec::new();
    while let Some(message) = receiver.recv().await {
        match message {
            Message::Page(items) => {
                progress.pages_read += 1;
                let decisions = decide_page(&mut reconciler, items, progress.position);
                let written = store
                    .apply_decisions(source, job_id, progress.position, decisions)
                    .await?;
                progress.record(&written);
            }
            Message::PageFailed(error) => {
                tracing::warn!(page = error.number, url = %error.url, error = %error.error, "harvest page failed");
                let item = page_failure_item(&error);
                failed_pages.push(item);
            }
            Message::OpenFailed(error) => {
                tracing::warn!(%error, "harvest source could not be read");
                let _ = reader.await;
                let reason = reason_from(error.message_id(), error.args());
                return Ok((JobStatus::Failed, false, Some(reason)));
            }
            Message::End(end) => completion = Some(end),
        }
    }
    let _ = reader.await;

    // Failed pages are items of the report, written after the records of the pages read.
    if !failed_pages.is_empty() {
        let written = store
            .add_job_items(job_id, progress.position, failed_pages)
            .await?;
        progress.record(&written);
    }

    let completion = completion.unwrap_or(Completion::CutShort {
        reason: harvest::source::CutReason::Stopped,
    });
    let complete = completion.is_complete();
    let finishing = reconciler.finish(complete, Timestamp::now());
    let written = store
        .apply_decisions(source, job_id, progress.position, finishing)
        .await?;
    progress.record(&written);

    let error = match &completion {
        Completion::Complete => None,
        Completion::PagesFailed { failed } => {
            Some(Reason::new("harvest-error-pages-failed").with("count", failed))
        }
        Completion::CutShort { reason } => Some(reason_from(reason.message_id(), reason.args())),
    };
    // A job that read no page at all did not reach the source's content.
    let status = if progress.pages_read == 0 && !complete {
        JobStatus::Failed
    } else {
        JobStatus::Done
    };
    Ok((status, complete, error))
}

fn decide_page(
    reconciler: &mut Reconciler,
    items: Vec<Item>,
    first_position: u64,
) -> Vec<Decision> {
    let mut decisions = Vec::with_capacity(items.len());
    for (offset, item) in items.into_iter().enumerate() {
        let decision = match item {
            Item::Dataset(remote) => match harvest_convert::to_record(&remote) {
                Ok(record) => reconciler.decide(record),
                Err(rejected) => reconciler.reject(rejected),
            },
            Item::Skipped(skip) => {
                let position = first_position as usize + offset + 1;
                reconciler.reject(harvest_convert::skipped(&skip, position))
            }
        };
        decisions.push(decision);
    }
    decisions
}

fn page_failure_item(error: &PageError) -> JobItem {
    let mut reason = reason_from(error.error.message_id(), error.error.args());
    reason = reason.with("page", error.number);
    JobItem {
        position: 0,
        remote_id: error.url.clone(),
        title: String::new(),
        dataset_id: None,
        outcome: catalog::harvest::ItemOutcome::Failed,
        reason: Some(reason),
    }
}

/// The background runner: starts queued jobs, at most `workers` at once, and queues
/// the jobs of active sources whose schedule is due.
pub struct Runner {
    store: SqliteStore,
    settings: HarvestSettings,
    running: Arc<Mutex<HashSet<Uuid>>>,
    /// Next due time of each scheduled source, computed when the runner first reads it.
    ///
    /// NOTE: runs due while the server was stopped are not caught up; the next one after
    /// the start is.
    next_due: HashMap<Uuid, (String, Timestamp)>,
}

impl Runner {
    pub fn new(store: SqliteStore, settings: HarvestSettings) -> Runner {
        Runner {
            store,
            settings,
            running: Arc::new(Mutex::new(HashSet::new())),
            next_due: HashMap::new(),
        }
    }

    /// Marks jobs a stopped server left running as interrupted, queues them again and
    /// starts the runner's loop; returns the number of jobs queued again.
    ///
    /// NOTE: a job that `socle harvest run` is running on the same data folder at that
    /// moment is also marked interrupted, because jobs carry no owner process.
    pub async fn start(mut self) -> Result<usize, catalog::Error> {
        let requeued = self.store.requeue_interrupted_jobs().await?;
        for job in &requeued {
            tracing::info!(harvest.job = %job.id, harvest.source = %job.source_id, "interrupted harvest job queued again");
        }
        tokio::spawn(async move {
            loop {
                if let Err(error) = self.tick().await {
                    tracing::error!(%error, "harvest runner failed to read the queue");
                }
                tokio::time::sleep(self.settings.poll).await;
            }
        });
        Ok(requeued.len())
    }

    /// Queues due scheduled jobs, then starts queued jobs while workers are free.
    async fn tick(&mut self) -> Result<(), catalog::Error> {
        self.queue_scheduled(Timestamp::now()).await?;
        for job in self.store.queued_jobs().await? {
            {
                let mut running = self
                    .running
                    .lock()
                    .unwrap_or_else(|poison| poison.into_inner());
                if running.len() >= self.settings.workers || running.contains(&job.id) {
                    continue;
                }
                running.insert(job.id);
            }
            let store = self.store.clone();
            let settings = self.settings.clone();
            let running = Arc::clone(&self.running);
            tokio::spawn(async move {
                if let Err(error) = run_job(&store, &settings, job.id).await {
                    tracing::error!(harvest.job = %job.id, %error, "harvest job failed");
                }
                running
                    .lock()
                    .unwrap_or_else(|poison| poison.into_inner())
                    .remove(&job.id);
            });
        }
        Ok(())
    }

    /// Queues a job for each active scheduled source whose next run is at or before
    /// `now`. A source met for the first time gets its next run after `now`.
    async fn queue_scheduled(&mut self, now: Timestamp) -> Result<(), catalog::Error> {
        for source in self.store.sources(None).await? {
            let Some(expression) = source.fields.schedule.clone().filter(|_| source.active) else {
                self.next_due.remove(&source.id);
                continue;
            };
            let Ok(schedule) = expression.parse::<Schedule>() else {
                continue;
            };
            let due = match self.next_due.get(&source.id) {
                Some((known, due)) if *known == expression => *due,
                _ => match schedule.next_after(now) {
                    Some(due) => {
                        self.next_due.insert(source.id, (expression.clone(), due));
                        due
                    }
                    None => continue,
                },
            };
            if now < due {
                continue;
            }
            let job = self
                .store
                .enqueue_job(source.id, JobTrigger::Schedule)
                .await?;
            tracing::info!(harvest.source = %source.id, harvest.job = %job.id, "scheduled harvest job queued");
            match schedule.next_after(now) {
                Some(next) => {
                    self.next_due.insert(source.id, (expression, next));
                }
                None => {
                    self.next_due.remove(&source.id);
                }
            }
        }
        Ok(())
    }
}

/// Runs one job of a source in the data folder of `config`, outside the server, and
/// returns it as stored, or `Ok(None)` when the source does not exist. When a job of the
/// source is already queued, that job is the one run.
pub async fn run_source(config: crate::Config, source_id: Uuid) -> anyhow::Result<SourceRun> {
    let state = crate::open(config).await?;
    let store = state.store().clone();
    let outcome = run_source_in(&store, &state.config().harvest, source_id).await;
    store.close().await;
    outcome
}

async fn run_source_in(
    store: &SqliteStore,
    settings: &HarvestSettings,
    source_id: Uuid,
) -> anyhow::Result<SourceRun> {
    let Some(source) = store.source(source_id).await? else {
        return Ok(SourceRun::NotFound);
    };
    // The command obeys the same rule as the page's button: a source is activated by
    // someone who checked its preview before anything is imported from it.
    if !source.active {
        return Ok(SourceRun::Inactive);
    }
    let mut job = store.enqueue_job(source_id, JobTrigger::Command).await?;
    if release_dead_job(store, settings, &job).await? {
        job = store.enqueue_job(source_id, JobTrigger::Command).await?;
    }
    if job.status == JobStatus::Running {
        return Ok(SourceRun::AlreadyRunning(job.id));
    }
    match run_job(store, settings, job.id).await? {
        Some(finished) => Ok(SourceRun::Finished(finished)),
        None => Ok(SourceRun::AlreadyRunning(job.id)),
    }
}

/// Outcome of `socle harvest run` for the source it was given.
#[derive(Debug)]
pub enum SourceRun {
    /// The job ran to its end, successful or failed.
    Finished(HarvestJob),
    /// No source has this id.
    NotFound,
    /// The source exists but is not activated.
    Inactive,
    /// Another job of the source is running, in a server or another command; its id.
    AlreadyRunning(Uuid),
}

/// Runs [`run_source`] on a new runtime, for callers without one.
pub fn run_source_blocking(config: crate::Config, source_id: Uuid) -> anyhow::Result<SourceRun> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(run_source(config, source_id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use catalog::harvest::{SourceFields, SourceKind};
    use catalog::{NewOrganization, OrganizationKind, OrganizationStore};

    #[tokio::test]
    async fn due_schedule_queues_one_job() {
        let store = SqliteStore::open_in_memory().await.expect("store");
        let organization = store
            .create_organization(&NewOrganization {
                name: "Ville de Gap".into(),
                siren: None,
                kind: OrganizationKind::Commune,
                description: String::new(),
            })
            .await
            .expect("organisation");
        let fields = SourceFields {
            name: "Chaque heure".into(),
            kind: Some(SourceKind::Ckan),
            url: "https://data.example.org/".into(),
            schedule: Some("0 * * * *".into()),
            ..SourceFields::default()
        };
        let source = store
            .create_source(organization.id, &fields, None)
            .await
            .expect("source");
        let mut runner = Runner::new(store.clone(), HarvestSettings::default());
        let start: Timestamp = "2026-12-04T10:20:00Z".parse().expect("time");

        // Inactive sources are never queued.
        runner.queue_scheduled(start).await.expect("tick");
        runner
            .queue_scheduled(start + SignedDuration::from_hours(2))
            .await
            .expect("tick");
        assert!(store.queued_jobs().await.expect("jobs").is_empty());

        store
            .set_source_active(source.id, true)
            .await
            .expect("activate");
        runner.queue_scheduled(start).await.expect("tick");
        assert!(
            store.queued_jobs().await.expect("jobs").is_empty(),
            "not due yet"
        );

        let due = "2026-12-04T11:00:00Z".parse().expect("time");
        runner.queue_scheduled(due).await.expect("tick");
        let queued = store.queued_jobs().await.expect("jobs");
        assert_eq!(queued.len(), 1);
        assert_eq!(queued[0].trigger, JobTrigger::Schedule);

        // The next run is an hour later; a queued job is not queued twice.
        runner.queue_scheduled(due).await.expect("tick");
        let later = "2026-12-04T12:00:00Z".parse().expect("time");
        runner.queue_scheduled(later).await.expect("tick");
        assert_eq!(store.queued_jobs().await.expect("jobs").len(), 1);
    }
}
