-- A listing pulled from a feed has no expiry by age: it stays open while its feed carries it and
-- closes when the feed stops carrying it, or at an expiry date the feed gives. The default
-- expiry (posting date + the configured lifetime) is for pushed listings that name none.
--
-- Each source keeps the expiry its record gives (NULL: none); a job's is NULL when one of its
-- open sources has none, else the latest of theirs (a job is open while any source keeps it open).
ALTER TABLE job ALTER COLUMN valid_through DROP NOT NULL;
ALTER TABLE job_source ADD COLUMN valid_through timestamptz;
UPDATE job_source s SET valid_through = j.valid_through FROM job j WHERE j.id = s.job_id;

-- Pulled records were stored with the default expiry whether or not their feed gave a date, and
-- which ones gave one was not kept. The next pull of each feed reads its records again in full
-- (no conditional GET, every carried record counted as updated), so that each takes the expiry its
-- feed gives, or none; until then they keep the expiry they had.
UPDATE job_source SET content_hash = 'reread:' || content_hash WHERE feed_id IS NOT NULL AND removed_at IS NULL;
UPDATE feed SET etag = NULL, last_modified = NULL;
