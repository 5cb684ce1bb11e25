-- A private resource is listed, previewed and downloadable only for editors of its
-- organisation, such as the original of a file published in a redacted version.
ALTER TABLE resources ADD COLUMN private INTEGER NOT NULL DEFAULT 0;
