-- A file added to a published dataset is made private until its validation and
-- personal-data scan are done and, when the scan needs it, an editor confirmed the
-- findings. A row here marks a resource made private for that reason, so that releasing
-- the hold never publishes a resource made private on purpose (the original of a
-- redacted copy).
CREATE TABLE publication_holds (
    resource_id TEXT PRIMARY KEY REFERENCES resources(id) ON DELETE CASCADE,
    held_at TEXT NOT NULL
);
