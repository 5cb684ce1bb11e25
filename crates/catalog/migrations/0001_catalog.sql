-- The catalogue: organisations, users, memberships, datasets, resources, sessions and the
-- French full-text index. Identifiers are UUIDs stored as text; times are RFC 3339 UTC
-- text, which sorts chronologically.

CREATE TABLE organizations (
    id TEXT PRIMARY KEY NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    siren TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('commune', 'epci', 'departement', 'region', 'syndicat',
        'etablissement-public', 'other')),
    description TEXT NOT NULL DEFAULT '',
    logo_key TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    is_platform_admin INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);

CREATE TABLE memberships (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'member')),
    PRIMARY KEY (user_id, organization_id)
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

CREATE TABLE datasets (
    id TEXT PRIMARY KEY NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    organization_id TEXT NOT NULL REFERENCES organizations(id),
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    licence TEXT NOT NULL,
    frequency TEXT NOT NULL,
    temporal_start TEXT,
    temporal_end TEXT,
    spatial TEXT NOT NULL DEFAULT '[]',
    contact_name TEXT NOT NULL DEFAULT '',
    contact_email TEXT NOT NULL DEFAULT '',
    schema_slug TEXT,
    private INTEGER NOT NULL DEFAULT 0,
    published INTEGER NOT NULL DEFAULT 0,
    validity TEXT NOT NULL DEFAULT 'unknown' CHECK (validity IN ('unknown', 'valid', 'invalid')),
    created_at TEXT NOT NULL,
    modified_at TEXT NOT NULL
);
CREATE INDEX datasets_by_organization ON datasets(organization_id);
CREATE INDEX datasets_by_modified ON datasets(modified_at);

CREATE TABLE dataset_tags (
    dataset_id TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (dataset_id, tag)
);
CREATE INDEX dataset_tags_by_tag ON dataset_tags(tag);

CREATE TABLE resources (
    id TEXT PRIMARY KEY NOT NULL,
    dataset_id TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('file', 'url')),
    url TEXT,
    file_name TEXT,
    storage_key TEXT,
    format TEXT NOT NULL,
    size INTEGER,
    sha256 TEXT,
    schema_slug TEXT,
    validation_status TEXT NOT NULL DEFAULT 'none'
        CHECK (validation_status IN ('none', 'pending', 'running', 'valid', 'invalid', 'failed')),
    report TEXT,
    created_at TEXT NOT NULL,
    modified_at TEXT NOT NULL
);
CREATE INDEX resources_by_dataset ON resources(dataset_id);

-- Text is folded and stemmed by the application before it is stored here, so the default
-- unicode61 tokenizer only has to split words.
CREATE VIRTUAL TABLE datasets_fts USING fts5(dataset_id UNINDEXED, body);
