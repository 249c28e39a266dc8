-- Listings owned by jobs-service. A job is the canonical listing learners see; each partner
-- record that feeds it is a job_source (one job keeps every source and URL after deduplication).

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE partner (
    id         text PRIMARY KEY,
    name       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by text        NOT NULL
);

-- Only a SHA-256 of each key is kept: keys are 256-bit random, so a fast hash is enough.
CREATE TABLE partner_key (
    id         uuid PRIMARY KEY,
    partner_id text        NOT NULL REFERENCES partner (id) ON DELETE CASCADE,
    key_hash   text        NOT NULL UNIQUE,
    key_prefix text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);
CREATE INDEX partner_key_partner_idx ON partner_key (partner_id);

CREATE TABLE job (
    id               uuid PRIMARY KEY,
    fingerprint      text        NOT NULL,
    title            text        NOT NULL,
    company          text        NOT NULL,
    company_key      text        NOT NULL,
    city             text,
    region           text,
    country          text,
    location_text    text,
    remote           text        NOT NULL CHECK (remote IN ('ONSITE', 'HYBRID', 'REMOTE')),
    employment_type  text,
    seniority        text,
    salary_min       numeric,
    salary_max       numeric,
    salary_currency  text,
    salary_period    text,
    annual_min       numeric,
    annual_max       numeric,
    salary_source    text CHECK (salary_source IN ('FEED', 'PARSED')),
    description_html text        NOT NULL,
    description_text text        NOT NULL,
    required_skills  text[]      NOT NULL DEFAULT '{}',
    nice_skills      text[]      NOT NULL DEFAULT '{}',
    -- the skill names the partner listed, kept so that listings can be re-tagged when the
    -- roadmap's skills change
    explicit_required text[]     NOT NULL DEFAULT '{}',
    explicit_nice     text[]     NOT NULL DEFAULT '{}',
    posted_at        timestamptz NOT NULL,
    valid_through    timestamptz NOT NULL,
    closed_at        timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    search           tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A') ||
        setweight(to_tsvector('english', company), 'B') ||
        setweight(to_tsvector('english', description_text), 'C')) STORED
);
CREATE INDEX job_search_idx ON job USING gin (search);
CREATE INDEX job_required_skills_idx ON job USING gin (required_skills);
CREATE INDEX job_nice_skills_idx ON job USING gin (nice_skills);
CREATE INDEX job_fingerprint_idx ON job (fingerprint);
CREATE INDEX job_company_key_idx ON job (company_key, country);
CREATE INDEX job_open_idx ON job (posted_at DESC, id) WHERE closed_at IS NULL;

CREATE TABLE job_source (
    partner_id   text        NOT NULL REFERENCES partner (id) ON DELETE CASCADE,
    external_id  text        NOT NULL,
    job_id       uuid        NOT NULL REFERENCES job (id),
    url          text,
    content_hash text        NOT NULL,
    removed_at   timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (partner_id, external_id)
);
CREATE INDEX job_source_job_idx ON job_source (job_id);
CREATE INDEX job_source_updated_idx ON job_source (partner_id, updated_at);

-- The report of one push: a result per record, kept so partners can fetch it again.
CREATE TABLE ingestion (
    id          uuid PRIMARY KEY,
    partner_id  text        NOT NULL REFERENCES partner (id) ON DELETE CASCADE,
    format      text        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    created     integer     NOT NULL,
    updated     integer     NOT NULL,
    unchanged   integer     NOT NULL,
    rejected    integer     NOT NULL,
    results     jsonb       NOT NULL
);
CREATE INDEX ingestion_partner_idx ON ingestion (partner_id, received_at DESC);
