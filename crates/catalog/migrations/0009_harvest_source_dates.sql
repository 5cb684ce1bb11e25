-- Creation and last modification dates that the source of a harvested dataset gives,
-- as RFC 3339 UTC text or a plain date. NULL when the source gives none.
ALTER TABLE harvest_links ADD COLUMN source_issued TEXT;
ALTER TABLE harvest_links ADD COLUMN source_modified TEXT;
