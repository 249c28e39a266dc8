-- Deduplication looks for open jobs by fingerprint and by company and country. Indexes on open
-- jobs only answer those lookups alone; the plain ones were AND-ed with job_open_idx, which read
-- every open job's entry once per record of a push (tens of milliseconds each at 100,000 jobs).
DROP INDEX job_fingerprint_idx;
CREATE INDEX job_open_fingerprint_idx ON job (fingerprint) WHERE closed_at IS NULL;
DROP INDEX job_company_key_idx;
CREATE INDEX job_open_company_idx ON job (company_key, country) WHERE closed_at IS NULL;

-- "does this partner already carry the job?" is answered by one index entry
DROP INDEX job_source_job_idx;
CREATE INDEX job_source_job_idx ON job_source (job_id, partner_id);
