-- Creation and last modification dates that the source of a harvested dataset gives,
-- as RFC 3339 UTC text or a plain date. NULL when the source gives none.
ALTER TABLE harvest_links ADD COLUMN source_issued TEXT;
ALTER TABLE harvest_links ADD COLUMN source_modified TEXT;

-- Remote files of harvested datasets are not fetched on a schedule: their publisher
-- serves them, and fetching every file of a harvested portal each day would load it for
-- nothing. Editors can still turn the schedule on, file by file.
UPDATE resource_refresh SET enabled = 0
WHERE resource_id IN (
    SELECT r.id FROM resources r JOIN harvest_links l ON l.dataset_id = r.dataset_id
);
