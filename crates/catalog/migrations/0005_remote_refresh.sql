-- Remote files of URL resources: the refresh schedule of each resource, the versions
-- fetched, the alerts raised for editors and a record of the e-mails sent about them.
-- Times are RFC 3339 UTC text, like the rest of the catalogue.

-- One row per URL resource, created by the scheduler the first time it sees it.
CREATE TABLE resource_refresh (
    resource_id TEXT PRIMARY KEY NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
    enabled INTEGER NOT NULL DEFAULT 1,
    interval_seconds INTEGER NOT NULL DEFAULT 86400 CHECK (interval_seconds > 0),
    -- Validators of the last 200 response, sent back as If-None-Match / If-Modified-Since.
    etag TEXT,
    last_modified TEXT,
    last_checked_at TEXT,
    last_outcome TEXT CHECK (last_outcome IN ('not-modified', 'unchanged', 'changed', 'failed')),
    -- Reason of the last failure: a message id and its arguments, as JSON.
    last_error TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    next_due_at TEXT NOT NULL,
    -- Set while a refresh runs, so that the scheduler and a manual refresh never fetch
    -- the same resource at once; a stopped server leaves a lease that simply expires.
    claimed_until TEXT
);
CREATE INDEX resource_refresh_by_due ON resource_refresh(next_due_at);

-- Every distinct content fetched for a URL resource; the highest version is current.
CREATE TABLE resource_versions (
    resource_id TEXT NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
    version INTEGER NOT NULL CHECK (version > 0),
    storage_key TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    fetched_at TEXT NOT NULL,
    validation_status TEXT NOT NULL DEFAULT 'pending'
        CHECK (validation_status IN ('none', 'pending', 'running', 'valid', 'invalid', 'failed')),
    report TEXT,
    PRIMARY KEY (resource_id, version)
);

CREATE TABLE alerts (
    id TEXT PRIMARY KEY NOT NULL,
    organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    dataset_id TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    resource_id TEXT NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('became-invalid', 'url-failed', 'recovered')),
    -- What happened: a message id and its arguments, as JSON.
    detail TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL,
    seen_at TEXT
);
CREATE INDEX alerts_by_organization ON alerts(organization_id, created_at);
CREATE INDEX alerts_by_resource ON alerts(resource_id, created_at);

-- One row per e-mail handed to the transport (SMTP server or file outbox).
CREATE TABLE mail_outbox (
    id TEXT PRIMARY KEY NOT NULL,
    alert_id TEXT REFERENCES alerts(id) ON DELETE SET NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    transport TEXT NOT NULL CHECK (transport IN ('smtp', 'file')),
    status TEXT NOT NULL CHECK (status IN ('sent', 'failed')),
    error TEXT,
    created_at TEXT NOT NULL
);

-- The language a user last used on the editor pages, for the e-mails sent to them;
-- NULL means French.
ALTER TABLE users ADD COLUMN lang TEXT CHECK (lang IN ('fr', 'en'));
