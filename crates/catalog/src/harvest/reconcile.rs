//! Reconciliation: deciding, for each remote record of a run, whether to create, update,
//! leave or skip a local dataset, and which datasets to archive at the end.
//!
//! This is pure logic over the links read before the run; it never touches the database,
//! so every rule is unit-tested here. The rules:
//!
//! - A record matches a local dataset by its remote id within the source, else by its
//!   `dct:identifier`, else by its URI. Titles are never compared, because two
//!   different datasets often share one ("Budget primitif").
//! - A matched record whose content hash is unchanged leaves the dataset untouched.
//! - A record already linked to a dataset of another organisation, or brought by
//!   another source, is skipped with that reason, never moved.
//! - A record that fails the catalogue's field checks is skipped with the reason; the
//!   run goes on.
//! - Datasets the source no longer lists are archived, never deleted, once they have
//!   been missing for the grace period, and only after runs that read the whole listing.

use std::collections::{HashMap, HashSet};

use jiff::{SignedDuration, Timestamp};
use serde::Serialize;
use uuid::Uuid;

use super::{HarvestedRecord, ItemOutcome, Reason};

/// Default time a record may be absent from its source before its dataset is archived.
pub const DEFAULT_GRACE: SignedDuration = SignedDuration::from_hours(7 * 24);

/// Settings of a reconciliation.
#[derive(Debug, Clone, Copy)]
pub struct ReconcileOptions {
    /// Time a record may be absent from complete listings before it is archived; zero
    /// archives at the first complete run that misses it.
    pub grace: SignedDuration,
}

impl Default for ReconcileOptions {
    fn default() -> ReconcileOptions {
        ReconcileOptions {
            grace: DEFAULT_GRACE,
        }
    }
}

/// A harvested dataset as the reconciliation sees it.
#[derive(Debug, Clone, Serialize)]
pub struct KnownLink {
    pub dataset_id: Uuid,
    pub organization_id: Uuid,
    /// Name of the dataset's organisation, for the reason of a conflict.
    pub organization_name: String,
    pub source_id: Uuid,
    pub remote_id: String,
    pub identifier: Option<String>,
    pub uri: Option<String>,
    pub content_hash: String,
    pub title: String,
    /// When a complete run first missed the record.
    pub missing_since: Option<Timestamp>,
    pub archived: bool,
    /// Deleted by its publisher: the harvest never brings it back.
    pub deleted: bool,
    /// Private or unpublished: a conflict with another organisation does not name it.
    pub hidden: bool,
}

/// A remote record that could not be normalised, with the reason.
#[derive(Debug, Clone)]
pub struct Rejected {
    pub remote_id: String,
    pub title: String,
    pub reason: Reason,
}

/// What to write for one record, or for one dataset at the end of a run.
#[derive(Debug, Clone)]
pub enum Decision {
    Create {
        record: Box<HarvestedRecord>,
        content_hash: String,
    },
    Update {
        dataset_id: Uuid,
        record: Box<HarvestedRecord>,
        content_hash: String,
        /// The dataset was archived and comes back to the active state.
        restore: bool,
    },
    /// Nothing to write on the dataset; the link's missing mark is cleared when set.
    Unchanged {
        dataset_id: Uuid,
        remote_id: String,
        title: String,
        clear_missing: bool,
    },
    Skip {
        remote_id: String,
        title: String,
        reason: Reason,
    },
    /// Starts the grace period of a record the source no longer lists.
    MarkMissing { dataset_id: Uuid, at: Timestamp },
    Archive {
        dataset_id: Uuid,
        remote_id: String,
        title: String,
    },
}

impl Decision {
    /// Returns the outcome reported for this decision, `None` for bookkeeping that is no
    /// item of the job.
    pub fn outcome(&self) -> Option<ItemOutcome> {
        match self {
            Decision::Create { .. } => Some(ItemOutcome::Created),
            Decision::Update { .. } => Some(ItemOutcome::Updated),
            Decision::Unchanged { .. } => Some(ItemOutcome::Unchanged),
            Decision::Skip { .. } => Some(ItemOutcome::Skipped),
            Decision::MarkMissing { .. } => None,
            Decision::Archive { .. } => Some(ItemOutcome::Archived),
        }
    }
}

/// The reconciliation of one run of one source, fed record by record.
pub struct Reconciler {
    source_id: Uuid,
    organization_id: Uuid,
    options: ReconcileOptions,
    links: Vec<KnownLink>,
    by_remote_id: HashMap<String, usize>,
    by_identifier: HashMap<String, usize>,
    by_uri: HashMap<String, usize>,
    /// Indexes into `links` of the datasets matched during this run.
    matched: HashSet<usize>,
    /// Remote ids met during this run.
    seen_remote_ids: HashSet<String>,
    /// Identifiers and URIs of records created during this run.
    created_keys: HashSet<String>,
}

impl Reconciler {
    /// Starts a run of `source_id`, whose datasets belong to `organization_id`.
    pub fn new(
        source_id: Uuid,
        organization_id: Uuid,
        links: Vec<KnownLink>,
        options: ReconcileOptions,
    ) -> Reconciler {
        let mut by_remote_id = HashMap::new();
        let mut by_identifier = HashMap::new();
        let mut by_uri = HashMap::new();
        for (index, link) in links.iter().enumerate() {
            if link.source_id == source_id {
                by_remote_id.insert(link.remote_id.clone(), index);
            }
            if let Some(identifier) = &link.identifier {
                by_identifier.entry(identifier.clone()).or_insert(index);
            }
            if let Some(uri) = &link.uri {
                by_uri.entry(uri.clone()).or_insert(index);
            }
        }
        Reconciler {
            source_id,
            organization_id,
            options,
            links,
            by_remote_id,
            by_identifier,
            by_uri,
            matched: HashSet::new(),
            seen_remote_ids: HashSet::new(),
            created_keys: HashSet::new(),
        }
    }

    /// Records a record that could not be normalised: it is skipped with its reason.
    /// Its remote id still counts as listed, so its dataset is not archived.
    pub fn reject(&mut self, rejected: Rejected) -> Decision {
        if let Some(&index) = self.by_remote_id.get(&rejected.remote_id) {
            self.matched.insert(index);
        }
        self.seen_remote_ids.insert(rejected.remote_id.clone());
        Decision::Skip {
            remote_id: rejected.remote_id,
            title: rejected.title,
            reason: rejected.reason,
        }
    }

    /// Decides what to do with one remote record.
    pub fn decide(&mut self, record: HarvestedRecord) -> Decision {
        let remote_id = record.remote_id.clone();
        let title = record.fields.title.clone();
        let skip = |reason: Reason| Decision::Skip {
            remote_id: remote_id.clone(),
            title: title.clone(),
            reason,
        };

        if remote_id.trim().is_empty() {
            return skip(Reason::new("harvest-reason-missing-id"));
        }
        if !self.seen_remote_ids.insert(remote_id.clone()) {
            return skip(Reason::new("harvest-reason-duplicate-id").with("id", &remote_id));
        }
        // A record that fails the catalogue's checks must not stop the run, and it must
        // not archive its dataset either: it is still listed.
        let found = self.find(&record);
        if let Some(index) = found {
            self.matched.insert(index);
        }
        if let Err(crate::Error::Invalid { field, message_id }) = record.fields.check() {
            return skip(
                Reason::new("harvest-reason-invalid-field")
                    .with("field", field)
                    .with("problem", message_id),
            );
        }

        let Some(index) = found else {
            return self.create(record);
        };
        let link = &self.links[index];
        if link.organization_id != self.organization_id {
            // A private copy elsewhere is not disclosed to this organisation's
            // administrators, so the reason does not name its owner.
            if link.hidden {
                return skip(Reason::new("harvest-reason-other-organization-unnamed"));
            }
            return skip(
                Reason::new("harvest-reason-other-organization")
                    .with("organization", &link.organization_name),
            );
        }
        if link.source_id != self.source_id {
            return skip(Reason::new("harvest-reason-other-source"));
        }
        if link.deleted {
            return skip(Reason::new("harvest-reason-deleted-locally"));
        }

        let content_hash = record.content_hash();
        let renamed = link.remote_id != record.remote_id;
        if content_hash == link.content_hash && !link.archived && !renamed {
            return Decision::Unchanged {
                dataset_id: link.dataset_id,
                remote_id,
                title,
                clear_missing: link.missing_since.is_some(),
            };
        }
        Decision::Update {
            dataset_id: link.dataset_id,
            restore: link.archived,
            record: Box::new(record),
            content_hash,
        }
    }

    /// Finds the link a record matches: remote id within this source, then
    /// `dct:identifier`, then URI.
    fn find(&self, record: &HarvestedRecord) -> Option<usize> {
        if let Some(&index) = self.by_remote_id.get(&record.remote_id) {
            return Some(index);
        }
        let by_identifier = record
            .identifier
            .as_ref()
            .and_then(|identifier| self.by_identifier.get(identifier));
        let by_uri = record.uri.as_ref().and_then(|uri| self.by_uri.get(uri));
        by_identifier.or(by_uri).copied()
    }

    fn create(&mut self, record: HarvestedRecord) -> Decision {
        // Two records of one run sharing an identifier or URI would become two datasets
        // that later runs cannot tell apart.
        let keys: Vec<String> = [&record.identifier, &record.uri]
            .into_iter()
            .flatten()
            .cloned()
            .collect();
        if let Some(key) = keys.iter().find(|key| self.created_keys.contains(*key)) {
            return Decision::Skip {
                reason: Reason::new("harvest-reason-duplicate-identifier").with("identifier", key),
                remote_id: record.remote_id,
                title: record.fields.title,
            };
        }
        self.created_keys.extend(keys);
        let content_hash = record.content_hash();
        Decision::Create {
            record: Box::new(record),
            content_hash,
        }
    }

    /// Ends the run: decides which of the source's datasets that were not listed are
    /// marked missing or archived. A run cut short (`listing_complete` false) archives
    /// nothing, because an unread page would look like deleted records.
    pub fn finish(self, listing_complete: bool, now: Timestamp) -> Vec<Decision> {
        if !listing_complete {
            return Vec::new();
        }
        let mut decisions = Vec::new();
        for (index, link) in self.links.iter().enumerate() {
            let settled = link.archived || link.deleted;
            if link.source_id != self.source_id || settled || self.matched.contains(&index) {
                continue;
            }
            let since = link.missing_since.unwrap_or(now);
            let expired = now.duration_since(since) >= self.options.grace;
            if expired {
                decisions.push(Decision::Archive {
                    dataset_id: link.dataset_id,
                    remote_id: link.remote_id.clone(),
                    title: link.title.clone(),
                });
            } else if link.missing_since.is_none() {
                decisions.push(Decision::MarkMissing {
                    dataset_id: link.dataset_id,
                    at: now,
                });
            }
        }
        decisions
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harvest::{HarvestedResource, SourceDates};
    use crate::model::DatasetFields;

    const ORGANIZATION: Uuid = Uuid::from_u128(1);
    const OTHER_ORGANIZATION: Uuid = Uuid::from_u128(2);
    const SOURCE: Uuid = Uuid::from_u128(10);
    const OTHER_SOURCE: Uuid = Uuid::from_u128(11);

    fn record(remote_id: &str, title: &str) -> HarvestedRecord {
        HarvestedRecord {
            remote_id: remote_id.into(),
            identifier: Some(format!("https://example.org/id/{remote_id}")),
            uri: Some(format!("https://example.org/dataset/{remote_id}")),
            fields: DatasetFields {
                title: title.into(),
                licence: "lov2".into(),
                frequency: "UNKNOWN".into(),
                ..DatasetFields::default()
            },
            resources: vec![HarvestedResource {
                title: "Fichier".into(),
                url: format!("https://example.org/{remote_id}.csv"),
                format: "csv".into(),
                schema_slug: None,
            }],
            dates: SourceDates::default(),
        }
    }

    fn link_for(record: &HarvestedRecord, dataset: u128) -> KnownLink {
        KnownLink {
            dataset_id: Uuid::from_u128(dataset),
            organization_id: ORGANIZATION,
            organization_name: "Ville de Gap".into(),
            source_id: SOURCE,
            remote_id: record.remote_id.clone(),
            identifier: record.identifier.clone(),
            uri: record.uri.clone(),
            content_hash: record.content_hash(),
            title: record.fields.title.clone(),
            missing_since: None,
            archived: false,
            deleted: false,
            hidden: false,
        }
    }

    fn reconciler(links: Vec<KnownLink>, grace_hours: i64) -> Reconciler {
        let options = ReconcileOptions {
            grace: SignedDuration::from_hours(grace_hours),
        };
        Reconciler::new(SOURCE, ORGANIZATION, links, options)
    }

    fn now() -> Timestamp {
        "2026-12-04T12:00:00Z".parse().expect("timestamp")
    }

    fn skip_code(decision: &Decision) -> &str {
        match decision {
            Decision::Skip { reason, .. } => &reason.code,
            other => panic!("expected a skip, got {other:?}"),
        }
    }

    #[test]
    fn new_record_created() {
        let mut run = reconciler(Vec::new(), 0);
        let decision = run.decide(record("a", "Parkings"));
        assert!(matches!(decision, Decision::Create { .. }));
    }

    #[test]
    fn same_content_unchanged() {
        let existing = record("a", "Parkings");
        let mut run = reconciler(vec![link_for(&existing, 100)], 0);
        let decision = run.decide(record("a", "Parkings"));
        assert!(matches!(
            decision,
            Decision::Unchanged { clear_missing: false, dataset_id, .. } if dataset_id == Uuid::from_u128(100)
        ));
        assert!(run.finish(true, now()).is_empty());
    }

    #[test]
    fn changed_content_updated() {
        let existing = record("a", "Parkings");
        let mut run = reconciler(vec![link_for(&existing, 100)], 0);
        let decision = run.decide(record("a", "Parkings publics"));
        assert!(matches!(
            decision,
            Decision::Update { restore: false, dataset_id, .. } if dataset_id == Uuid::from_u128(100)
        ));
    }

    #[test]
    fn new_remote_id_matched_by_identifier() {
        let existing = record("a", "Parkings");
        let mut run = reconciler(vec![link_for(&existing, 100)], 0);
        let mut renamed = record("a-v2", "Parkings");
        renamed.identifier = existing.identifier.clone();
        renamed.uri = None;
        let decision = run.decide(renamed);
        assert!(
            matches!(decision, Decision::Update { dataset_id, .. } if dataset_id == Uuid::from_u128(100))
        );
        // The dataset was matched, so it is not missing.
        assert!(run.finish(true, now()).is_empty());
    }

    #[test]
    fn matched_by_uri_without_identifier() {
        let existing = record("a", "Parkings");
        let mut run = reconciler(vec![link_for(&existing, 100)], 0);
        let mut renamed = record("b", "Parkings");
        renamed.identifier = None;
        renamed.uri = existing.uri.clone();
        let decision = run.decide(renamed);
        assert!(
            matches!(decision, Decision::Update { dataset_id, .. } if dataset_id == Uuid::from_u128(100))
        );
    }

    #[test]
    fn same_title_never_matches() {
        let existing = record("a", "Budget primitif");
        let mut run = reconciler(vec![link_for(&existing, 100)], 0);
        let decision = run.decide(record("b", "Budget primitif"));
        assert!(matches!(decision, Decision::Create { .. }));
    }

    #[test]
    fn other_organization_skipped() {
        let existing = record("a", "Parkings");
        let mut theirs = link_for(&existing, 100);
        theirs.organization_id = OTHER_ORGANIZATION;
        theirs.organization_name = "Région Sud".into();
        theirs.source_id = OTHER_SOURCE;
        let mut run = reconciler(vec![theirs], 0);
        let decision = run.decide(record("a", "Parkings"));
        assert_eq!(skip_code(&decision), "harvest-reason-other-organization");
        let Decision::Skip { reason, .. } = decision else {
            unreachable!()
        };
        assert_eq!(
            reason.args.get("organization").map(String::as_str),
            Some("Région Sud")
        );

        let mut private = link_for(&existing, 100);
        private.organization_id = OTHER_ORGANIZATION;
        private.source_id = OTHER_SOURCE;
        private.hidden = true;
        let mut run = reconciler(vec![private], 0);
        let decision = run.decide(record("a", "Parkings"));
        assert_eq!(
            skip_code(&decision),
            "harvest-reason-other-organization-unnamed"
        );
    }

    #[test]
    fn other_source_same_organization_skipped() {
        let existing = record("a", "Parkings");
        let mut theirs = link_for(&existing, 100);
        theirs.source_id = OTHER_SOURCE;
        let mut run = reconciler(vec![theirs], 0);
        let decision = run.decide(record("a", "Parkings"));
        assert_eq!(skip_code(&decision), "harvest-reason-other-source");
        // Another source's dataset is never archived by this one.
        assert!(run.finish(true, now()).is_empty());
    }

    #[test]
    fn invalid_record_skipped_and_kept() {
        let existing = record("a", "Parkings");
        let mut run = reconciler(vec![link_for(&existing, 100)], 0);
        let mut broken = record("a", "Parkings");
        broken.fields.licence = "proprietary".into();
        let decision = run.decide(broken);
        assert_eq!(skip_code(&decision), "harvest-reason-invalid-field");
        let next = run.decide(record("b", "Cendriers"));
        assert!(matches!(next, Decision::Create { .. }));
        assert!(
            run.finish(true, now()).is_empty(),
            "a listed record is not missing"
        );
    }

    #[test]
    fn rejected_record_not_archived() {
        let existing = record("a", "Parkings");
        let mut run = reconciler(vec![link_for(&existing, 100)], 0);
        let decision = run.reject(Rejected {
            remote_id: "a".into(),
            title: "Parkings".into(),
            reason: Reason::new("harvest-reason-no-title"),
        });
        assert_eq!(skip_code(&decision), "harvest-reason-no-title");
        assert!(run.finish(true, now()).is_empty());
    }

    #[test]
    fn duplicate_remote_id_skipped() {
        let mut run = reconciler(Vec::new(), 0);
        assert!(matches!(
            run.decide(record("a", "Parkings")),
            Decision::Create { .. }
        ));
        let second = run.decide(record("a", "Parkings"));
        assert_eq!(skip_code(&second), "harvest-reason-duplicate-id");
    }

    #[test]
    fn duplicate_identifier_in_one_run_skipped() {
        let mut run = reconciler(Vec::new(), 0);
        let first = record("a", "Parkings");
        let mut second = record("b", "Parkings bis");
        second.identifier = first.identifier.clone();
        assert!(matches!(run.decide(first), Decision::Create { .. }));
        assert_eq!(
            skip_code(&run.decide(second)),
            "harvest-reason-duplicate-identifier"
        );
    }

    #[test]
    fn empty_remote_id_skipped() {
        let mut run = reconciler(Vec::new(), 0);
        assert_eq!(
            skip_code(&run.decide(record(" ", "Parkings"))),
            "harvest-reason-missing-id"
        );
    }

    #[test]
    fn missing_archived_without_grace() {
        let gone = record("a", "Parkings");
        let run = reconciler(vec![link_for(&gone, 100)], 0);
        let decisions = run.finish(true, now());
        assert_eq!(decisions.len(), 1);
        assert!(
            matches!(&decisions[0], Decision::Archive { dataset_id, .. } if *dataset_id == Uuid::from_u128(100))
        );
    }

    #[test]
    fn missing_not_archived_when_cut_short() {
        let gone = record("a", "Parkings");
        let run = reconciler(vec![link_for(&gone, 100)], 0);
        assert!(run.finish(false, now()).is_empty());
    }

    #[test]
    fn missing_marked_then_archived_after_grace() {
        let gone = record("a", "Parkings");
        let first_run = reconciler(vec![link_for(&gone, 100)], 24);
        let decisions = first_run.finish(true, now());
        assert!(matches!(&decisions[..], [Decision::MarkMissing { at, .. }] if *at == now()));

        let mut marked = link_for(&gone, 100);
        marked.missing_since = Some(now());
        let within = reconciler(vec![marked.clone()], 24);
        let later = now() + SignedDuration::from_hours(23);
        assert!(within.finish(true, later).is_empty());

        let after = reconciler(vec![marked], 24);
        let expired = now() + SignedDuration::from_hours(24);
        assert!(matches!(
            &after.finish(true, expired)[..],
            [Decision::Archive { .. }]
        ));
    }

    #[test]
    fn reappearing_record_clears_missing() {
        let existing = record("a", "Parkings");
        let mut marked = link_for(&existing, 100);
        marked.missing_since = Some(now());
        let mut run = reconciler(vec![marked], 24);
        let decision = run.decide(record("a", "Parkings"));
        assert!(matches!(
            decision,
            Decision::Unchanged {
                clear_missing: true,
                ..
            }
        ));
    }

    #[test]
    fn locally_deleted_not_recreated() {
        let existing = record("a", "Parkings");
        let mut deleted = link_for(&existing, 100);
        deleted.deleted = true;
        let mut run = reconciler(vec![deleted], 0);
        let decision = run.decide(record("a", "Parkings"));
        assert_eq!(skip_code(&decision), "harvest-reason-deleted-locally");
        assert!(run.finish(true, now()).is_empty());
    }

    #[test]
    fn archived_record_restored() {
        let existing = record("a", "Parkings");
        let mut archived = link_for(&existing, 100);
        archived.archived = true;
        let mut run = reconciler(vec![archived], 0);
        let decision = run.decide(record("a", "Parkings"));
        assert!(matches!(decision, Decision::Update { restore: true, .. }));
        // An archived dataset is not archived twice.
        let run = reconciler(
            vec![KnownLink {
                archived: true,
                ..link_for(&existing, 100)
            }],
            0,
        );
        assert!(run.finish(true, now()).is_empty());
    }
}
