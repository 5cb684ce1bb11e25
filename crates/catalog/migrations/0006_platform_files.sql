-- Redaction records: who redacted which resource into which copy, with the JSON record
-- kept in the file store under `record_key`. Rows stay when a resource is deleted, so the
-- record outlives what it describes.
--
-- Every column that contains a file-store key is named `storage_key` or ends in `_key`, because the
-- file sweeper finds them by that name and never removes a file one of them references.
CREATE TABLE redaction_records (
    id TEXT PRIMARY KEY NOT NULL,
    source_resource_id TEXT NOT NULL,
    redacted_resource_id TEXT NOT NULL,
    actor_user_id TEXT,
    record_key TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX redaction_records_by_source ON redaction_records(source_resource_id);
