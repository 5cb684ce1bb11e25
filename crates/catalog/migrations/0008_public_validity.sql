-- A dataset's validity is shown to visitors, so it is now computed from its public
-- resources only. This recomputes it once for catalogues written before that rule, where
-- a held or private invalid file could mark a published dataset invalid.
UPDATE datasets SET validity = COALESCE((
    SELECT CASE
        WHEN SUM(validation_status IN ('invalid', 'failed')) > 0 THEN 'invalid'
        WHEN SUM(validation_status = 'valid') > 0 THEN 'valid'
        ELSE 'unknown'
    END
    FROM resources WHERE resources.dataset_id = datasets.id AND resources.private = 0
), 'unknown');
