-- Harvest sources, their jobs and items, and the link between a harvested dataset and
-- the remote record it comes from. Times are RFC 3339 UTC text, as everywhere else.

CREATE TABLE harvest_sources (
    id TEXT PRIMARY KEY NOT NULL,
    organization_id TEXT NOT NULL REFERENCES organizations(id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('ckan', 'dcat', 'udata', 'ods')),
    url TEXT NOT NULL,
    -- Filters applied by the remote catalogue: its organisation, tags (JSON list) and a
    -- free-text query.
    remote_organization TEXT,
    tags TEXT NOT NULL DEFAULT '[]',
    query TEXT,
    -- A 5-field cron expression (UTC); NULL runs the source only on request.
    schedule TEXT,
    active INTEGER NOT NULL DEFAULT 0,
    created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    modified_at TEXT NOT NULL
);
CREATE INDEX harvest_sources_by_organization ON harvest_sources(organization_id);

CREATE TABLE harvest_jobs (
    id TEXT PRIMARY KEY NOT NULL,
    source_id TEXT NOT NULL REFERENCES harvest_sources(id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'interrupted')),
    trigger TEXT NOT NULL CHECK (trigger IN ('manual', 'schedule', 'command', 'resume')),
    queued_at TEXT NOT NULL,
    started_at TEXT,
    finished_at TEXT,
    -- 1 when every page of the remote listing was read, so that absent records may be
    -- archived; 0 while running and when the run was cut short.
    listing_complete INTEGER NOT NULL DEFAULT 0,
    created INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    archived INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0,
    -- Why the job failed or was cut short: a message id and its arguments (JSON object).
    error_code TEXT,
    error_args TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX harvest_jobs_by_source ON harvest_jobs(source_id, queued_at);
CREATE INDEX harvest_jobs_by_status ON harvest_jobs(status);

CREATE TABLE harvest_job_items (
    job_id TEXT NOT NULL REFERENCES harvest_jobs(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    remote_id TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    dataset_id TEXT REFERENCES datasets(id) ON DELETE SET NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('created', 'updated', 'unchanged', 'archived',
        'skipped', 'failed')),
    -- A message id and its arguments (JSON object) saying why, for skipped and failed items.
    reason_code TEXT,
    reason_args TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (job_id, position)
);

CREATE TABLE harvest_links (
    dataset_id TEXT PRIMARY KEY NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    source_id TEXT NOT NULL REFERENCES harvest_sources(id) ON DELETE CASCADE,
    remote_id TEXT NOT NULL,
    -- dct:identifier and URI of the remote record, used to match it again when its
    -- remote id changes and to detect a record already harvested for another organisation.
    identifier TEXT,
    uri TEXT,
    -- SHA-256 of the normalised record: equal hashes mean nothing to write.
    content_hash TEXT NOT NULL,
    last_seen_job TEXT,
    -- Set by the first complete run that no longer lists the record.
    missing_since TEXT,
    UNIQUE (source_id, remote_id)
);
CREATE INDEX harvest_links_by_identifier ON harvest_links(identifier);
CREATE INDEX harvest_links_by_uri ON harvest_links(uri);
