-- Partner feeds that jobs-service pulls on a schedule. A lease (lease_until) makes sure two
-- replicas never pull the same feed at once: a replica claims a due feed with one UPDATE.
CREATE TABLE feed (
    id               uuid PRIMARY KEY,
    partner_id       text        NOT NULL REFERENCES partner (id) ON DELETE CASCADE,
    kind             text        NOT NULL CHECK (kind IN ('GREENHOUSE', 'LEVER', 'RSS', 'INDEED_XML')),
    url              text        NOT NULL,
    company_name     text,
    interval_seconds integer     NOT NULL CHECK (interval_seconds >= 60),
    etag             text,
    last_modified    text,
    next_run_at      timestamptz NOT NULL DEFAULT now(),
    lease_until      timestamptz,
    last_success_at  timestamptz,
    last_error_at    timestamptz,
    last_error       text,
    last_counts      jsonb,
    created_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (partner_id, url)
);
CREATE INDEX feed_due_idx ON feed (next_run_at);

-- Which feed last carried a record, so that a full feed closes only its own missing listings.
ALTER TABLE job_source ADD COLUMN feed_id uuid REFERENCES feed (id) ON DELETE SET NULL;
CREATE INDEX job_source_feed_idx ON job_source (feed_id) WHERE feed_id IS NOT NULL;
