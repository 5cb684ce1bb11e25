-- Dataset lifecycle, resource descriptions and API tokens.
--
-- `state` is `active` for a dataset in use, `archived` for one its source no longer lists
-- (kept for its history, hidden from search, lists, the API and feeds) and `deleted` for
-- one removed by its publisher (hidden everywhere, its page answers 404).
ALTER TABLE datasets ADD COLUMN state TEXT NOT NULL DEFAULT 'active'
    CHECK (state IN ('active', 'archived', 'deleted'));

-- Covers the visibility filter and the sort keys of listings, so deep pages are read
-- from the index in order without visiting the table.
CREATE INDEX datasets_listing_by_modified
    ON datasets(modified_at, state, published, private, organization_id);
CREATE INDEX datasets_listing_by_title
    ON datasets(title COLLATE NOCASE, state, published, private, organization_id);
CREATE INDEX datasets_listing_by_created
    ON datasets(created_at, state, published, private, organization_id);

ALTER TABLE resources ADD COLUMN description TEXT NOT NULL DEFAULT '';

-- Tokens of the CKAN-compatible API. Only the SHA-256 of a token is stored: the token
-- itself is shown once, when it is created.
CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at TEXT
);
CREATE INDEX api_tokens_by_user ON api_tokens(user_id);
