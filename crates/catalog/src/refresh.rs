//! Remote files of URL resources: their refresh schedule, the versions fetched, the alerts
//! raised for editors and the record of e-mails sent about them.
//!
//! The scheduling rules are plain functions of a time and a count, so they are tested
//! without a clock or a database: a resource is due again one interval after a check that
//! reached the server, and after a failure the delay doubles with each consecutive failure
//! up to [`MAX_BACKOFF_SECONDS`]. Fetching and validating are the server's job; storage is
//! in [`crate::sqlite`].

use std::future::Future;

use jiff::{SignedDuration, Timestamp};
use serde::Serialize;
use uuid::Uuid;

use crate::Error;
use crate::files::StoredFile;
use crate::model::ValidationStatus;

/// Interval between two checks of a new URL resource: one day.
pub const DEFAULT_INTERVAL_SECONDS: i64 = 86_400;

/// Shortest interval an editor may choose: 15 minutes, so that a platform never polls a
/// producer's server more than four times an hour per resource.
pub const MIN_INTERVAL_SECONDS: i64 = 900;

/// Maximum interval an editor may choose: 31 days.
pub const MAX_INTERVAL_SECONDS: i64 = 31 * 86_400;

/// Maximum delay before retrying a failing URL: 7 days, or the interval when it is longer.
pub const MAX_BACKOFF_SECONDS: i64 = 7 * 86_400;

/// Returns when a resource is due after a check at `checked_at` that reached the server.
pub fn next_due_after_success(checked_at: Timestamp, interval_seconds: i64) -> Timestamp {
    add_seconds(checked_at, interval_seconds)
}

/// Returns the delay before the next attempt after `failures` consecutive failures (at
/// least one): the interval, doubled for each failure after the first, capped at
/// [`MAX_BACKOFF_SECONDS`] or the interval when that is longer.
pub fn backoff_seconds(interval_seconds: i64, failures: u32) -> i64 {
    let cap = MAX_BACKOFF_SECONDS.max(interval_seconds);
    let doublings = failures.saturating_sub(1).min(32);
    interval_seconds.saturating_mul(1_i64 << doublings).min(cap)
}

/// Returns when a resource is due after its `failures`-th consecutive failure at
/// `checked_at`.
pub fn next_due_after_failure(
    checked_at: Timestamp,
    interval_seconds: i64,
    failures: u32,
) -> Timestamp {
    add_seconds(checked_at, backoff_seconds(interval_seconds, failures))
}

fn add_seconds(time: Timestamp, seconds: i64) -> Timestamp {
    time.checked_add(SignedDuration::from_secs(seconds))
        .unwrap_or(Timestamp::MAX)
}

/// Formats a time as the catalogue stores it (see [`crate::now`]).
pub fn stored_time(time: Timestamp) -> String {
    format!("{time:.6}")
}

/// Checks an interval chosen by an editor.
pub fn check_interval(interval_seconds: i64) -> Result<(), Error> {
    if (MIN_INTERVAL_SECONDS..=MAX_INTERVAL_SECONDS).contains(&interval_seconds) {
        Ok(())
    } else {
        Err(Error::invalid("interval", "refresh-error-interval"))
    }
}

/// The result of the last check of a URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckOutcome {
    /// The server returned 304 Not Modified.
    NotModified,
    /// The server sent the same bytes as the current version.
    Unchanged,
    /// The server sent new content, stored as a new version.
    Changed,
    /// The URL could not be read.
    Failed,
}

impl CheckOutcome {
    pub fn code(self) -> &'static str {
        match self {
            CheckOutcome::NotModified => "not-modified",
            CheckOutcome::Unchanged => "unchanged",
            CheckOutcome::Changed => "changed",
            CheckOutcome::Failed => "failed",
        }
    }

    pub fn from_code(code: &str) -> Option<CheckOutcome> {
        [
            CheckOutcome::NotModified,
            CheckOutcome::Unchanged,
            CheckOutcome::Changed,
            CheckOutcome::Failed,
        ]
        .into_iter()
        .find(|outcome| outcome.code() == code)
    }
}

/// A reason to show a person: a message id of the catalogue and its named arguments.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct MessageRef {
    pub message_id: String,
    #[serde(default)]
    pub args: Vec<(String, String)>,
}

/// The refresh schedule and last check of one URL resource.
#[derive(Debug, Clone, Serialize)]
pub struct RefreshState {
    pub resource_id: Uuid,
    pub enabled: bool,
    pub interval_seconds: i64,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub last_checked_at: Option<String>,
    pub last_outcome: Option<CheckOutcome>,
    pub last_error: Option<MessageRef>,
    pub consecutive_failures: u32,
    pub next_due_at: String,
}

/// The result of one check, as recorded.
#[derive(Debug, Clone)]
pub struct CheckRecord {
    pub outcome: CheckOutcome,
    /// Validators of a 200 response; `None` keeps the stored ones (a 304 or a failure).
    pub validators: Option<Validators>,
    /// Set with [`CheckOutcome::Failed`].
    pub error: Option<MessageRef>,
}

/// The `ETag` and `Last-Modified` headers of a response.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// One content fetched for a URL resource.
#[derive(Debug, Clone, Serialize)]
pub struct ResourceVersion {
    pub resource_id: Uuid,
    /// 1 for the first content fetched, then one more for each change.
    pub version: u32,
    pub storage_key: String,
    pub sha256: String,
    pub size: u64,
    pub fetched_at: String,
    pub validation_status: ValidationStatus,
    pub report: Option<serde_json::Value>,
}

/// The reason an alert was raised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AlertKind {
    /// A refresh brought a file that fails validation.
    BecameInvalid,
    /// The URL could not be read.
    UrlFailed,
    /// The URL works again, or the file is valid again.
    Recovered,
}

impl AlertKind {
    /// The stored code, also the suffix of its message ids (`refresh-alert-<code>`).
    pub fn code(self) -> &'static str {
        match self {
            AlertKind::BecameInvalid => "became-invalid",
            AlertKind::UrlFailed => "url-failed",
            AlertKind::Recovered => "recovered",
        }
    }

    pub fn from_code(code: &str) -> Option<AlertKind> {
        [
            AlertKind::BecameInvalid,
            AlertKind::UrlFailed,
            AlertKind::Recovered,
        ]
        .into_iter()
        .find(|kind| kind.code() == code)
    }
}

/// An alert to record.
#[derive(Debug, Clone)]
pub struct NewAlert {
    pub resource_id: Uuid,
    pub kind: AlertKind,
    pub detail: MessageRef,
}

/// An alert, with the names an alert list shows.
#[derive(Debug, Clone, Serialize)]
pub struct Alert {
    pub id: Uuid,
    pub organization_id: Uuid,
    pub dataset_id: Uuid,
    pub resource_id: Uuid,
    pub kind: AlertKind,
    pub detail: MessageRef,
    pub created_at: String,
    pub seen_at: Option<String>,
    pub dataset_slug: String,
    pub dataset_title: String,
    pub resource_title: String,
}

/// A person to warn by e-mail: an editor or admin of an organisation.
#[derive(Debug, Clone, Serialize)]
pub struct Recipient {
    pub user_id: Uuid,
    pub email: String,
    pub display_name: String,
    /// The language tag the user last used on the editor pages (`fr`, `en`), if known.
    pub lang: Option<String>,
}

/// The way an e-mail left the platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MailTransport {
    Smtp,
    File,
}

impl MailTransport {
    pub fn code(self) -> &'static str {
        match self {
            MailTransport::Smtp => "smtp",
            MailTransport::File => "file",
        }
    }
}

/// An e-mail handed to a transport, as recorded in the outbox table.
#[derive(Debug, Clone)]
pub struct MailRecord {
    pub alert_id: Option<Uuid>,
    pub recipient: String,
    pub subject: String,
    pub transport: MailTransport,
    /// `None` when the transport accepted the message, else the reason it did not.
    pub error: Option<String>,
}

/// Storage of refresh schedules, versions, alerts and sent e-mails.
pub trait RefreshStore: Send + Sync {
    /// Lists up to `limit` enabled URL resources due at `now`, most overdue first. URL
    /// resources seen for the first time get a schedule, due at once.
    fn due_refreshes(
        &self,
        now: Timestamp,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<Uuid>, Error>> + Send;
    /// Returns the schedule of a URL resource, creating the default one when absent, or
    /// `None` when the resource does not exist or is not a URL resource.
    fn refresh_state(
        &self,
        resource_id: Uuid,
    ) -> impl Future<Output = Result<Option<RefreshState>, Error>> + Send;
    /// Claims a resource for one refresh until `now + lease_seconds`. Returns `false` when
    /// another refresh has an unexpired claim on it.
    fn claim_refresh(
        &self,
        resource_id: Uuid,
        now: Timestamp,
        lease_seconds: i64,
    ) -> impl Future<Output = Result<bool, Error>> + Send;
    /// Records a check made at `now`, computes the next due time, releases the claim and
    /// returns the new state.
    fn record_check(
        &self,
        resource_id: Uuid,
        now: Timestamp,
        record: &CheckRecord,
    ) -> impl Future<Output = Result<RefreshState, Error>> + Send;
    /// Changes the schedule an editor chose; the next due time follows from the last check.
    fn set_refresh_settings(
        &self,
        resource_id: Uuid,
        enabled: bool,
        interval_seconds: i64,
    ) -> impl Future<Output = Result<RefreshState, Error>> + Send;
    /// Stores a new content as the next version, with validation `pending`, and records its
    /// size and hash on the resource.
    fn add_version(
        &self,
        resource_id: Uuid,
        stored: &StoredFile,
    ) -> impl Future<Output = Result<ResourceVersion, Error>> + Send;
    fn set_version_validation(
        &self,
        resource_id: Uuid,
        version: u32,
        status: ValidationStatus,
        report: Option<&serde_json::Value>,
    ) -> impl Future<Output = Result<(), Error>> + Send;
    /// Lists the versions of a resource, newest first.
    fn versions(
        &self,
        resource_id: Uuid,
    ) -> impl Future<Output = Result<Vec<ResourceVersion>, Error>> + Send;
    fn version(
        &self,
        resource_id: Uuid,
        version: u32,
    ) -> impl Future<Output = Result<Option<ResourceVersion>, Error>> + Send;
    fn latest_version(
        &self,
        resource_id: Uuid,
    ) -> impl Future<Output = Result<Option<ResourceVersion>, Error>> + Send;
    /// Records an alert for the organisation and dataset of its resource.
    fn create_alert(&self, new: &NewAlert) -> impl Future<Output = Result<Alert, Error>> + Send;
    fn alert(&self, id: Uuid) -> impl Future<Output = Result<Option<Alert>, Error>> + Send;
    /// Lists the newest alerts of the organisations where the user is editor or admin (of
    /// every organisation for a platform administrator), unseen ones only when asked.
    fn alerts_for_user(
        &self,
        user_id: Uuid,
        platform_admin: bool,
        unseen_only: bool,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<Alert>, Error>> + Send;
    /// Lists the newest alerts of one resource.
    fn resource_alerts(
        &self,
        resource_id: Uuid,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<Alert>, Error>> + Send;
    /// Marks an alert as seen; seeing it again keeps the first time.
    fn mark_alert_seen(&self, id: Uuid) -> impl Future<Output = Result<(), Error>> + Send;
    /// Lists the editors and admins of an organisation.
    fn alert_recipients(
        &self,
        organization_id: Uuid,
    ) -> impl Future<Output = Result<Vec<Recipient>, Error>> + Send;
    fn record_mail(&self, mail: &MailRecord) -> impl Future<Output = Result<(), Error>> + Send;
    /// Lists the e-mails recorded for an alert, oldest first, as recipient and status.
    fn mails_for_alert(
        &self,
        alert_id: Uuid,
    ) -> impl Future<Output = Result<Vec<(String, String)>, Error>> + Send;
    /// Remembers the language a user works in, for the e-mails sent to them.
    fn set_user_lang(
        &self,
        user_id: Uuid,
        lang: &str,
    ) -> impl Future<Output = Result<(), Error>> + Send;
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: i64 = 3600;
    const DAY: i64 = 86_400;

    fn at(text: &str) -> Timestamp {
        text.parse().expect("timestamp")
    }

    #[test]
    fn success_schedules_one_interval_later() {
        let next = next_due_after_success(at("2026-12-04T10:00:00Z"), DAY);
        assert_eq!(next, at("2026-12-05T10:00:00Z"));
    }

    #[test]
    fn backoff_doubles_then_caps() {
        assert_eq!(backoff_seconds(DAY, 1), DAY);
        assert_eq!(backoff_seconds(DAY, 2), 2 * DAY);
        assert_eq!(backoff_seconds(DAY, 3), 4 * DAY);
        assert_eq!(backoff_seconds(DAY, 4), 7 * DAY);
        assert_eq!(backoff_seconds(DAY, 40), 7 * DAY);
        assert_eq!(backoff_seconds(DAY, u32::MAX), 7 * DAY);
    }

    #[test]
    fn backoff_of_short_interval() {
        assert_eq!(backoff_seconds(HOUR, 1), HOUR);
        assert_eq!(backoff_seconds(HOUR, 5), 16 * HOUR);
        assert_eq!(backoff_seconds(HOUR, 9), 7 * DAY);
    }

    #[test]
    fn backoff_never_shortens_long_interval() {
        assert_eq!(backoff_seconds(31 * DAY, 1), 31 * DAY);
        assert_eq!(backoff_seconds(31 * DAY, 6), 31 * DAY);
    }

    #[test]
    fn failure_schedules_after_backoff() {
        let next = next_due_after_failure(at("2026-12-04T10:00:00Z"), DAY, 3);
        assert_eq!(next, at("2026-12-08T10:00:00Z"));
    }

    #[test]
    fn interval_bounds() {
        assert!(check_interval(MIN_INTERVAL_SECONDS).is_ok());
        assert!(check_interval(MAX_INTERVAL_SECONDS).is_ok());
        assert!(check_interval(MIN_INTERVAL_SECONDS - 1).is_err());
        assert!(check_interval(MAX_INTERVAL_SECONDS + 1).is_err());
        assert!(check_interval(0).is_err());
    }

    #[test]
    fn stored_time_sorts_as_text() {
        let earlier = stored_time(at("2026-12-04T09:59:59.5Z"));
        let later = stored_time(at("2026-12-04T10:00:00Z"));
        assert!(earlier < later, "{earlier} should sort before {later}");
    }

    #[test]
    fn codes_round_trip() {
        for kind in [
            AlertKind::BecameInvalid,
            AlertKind::UrlFailed,
            AlertKind::Recovered,
        ] {
            assert_eq!(AlertKind::from_code(kind.code()), Some(kind));
        }
        for outcome in [
            CheckOutcome::NotModified,
            CheckOutcome::Unchanged,
            CheckOutcome::Changed,
            CheckOutcome::Failed,
        ] {
            assert_eq!(CheckOutcome::from_code(outcome.code()), Some(outcome));
        }
    }
}
