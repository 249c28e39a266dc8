-- The roadmap content owned by content-service. Ids are permanent slugs; references between
-- skills are checked by the application (with a clear error) and by deferred foreign keys.

CREATE TABLE skill (
    id              text PRIMARY KEY,
    name            text        NOT NULL,
    name_key        text        NOT NULL,
    category        text        NOT NULL,
    summary         text        NOT NULL,
    alternative_of  text,
    estimated_hours integer     NOT NULL CHECK (estimated_hours > 0),
    managed_by      text        NOT NULL CHECK (managed_by IN ('SHIPPED', 'EDITOR')),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    updated_by      text        NOT NULL,
    CONSTRAINT skill_alternative_fk FOREIGN KEY (alternative_of) REFERENCES skill (id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX skill_category_idx ON skill (category);
CREATE INDEX skill_alternative_of_idx ON skill (alternative_of);

CREATE TABLE skill_alias (
    skill_id  text NOT NULL REFERENCES skill (id) ON DELETE CASCADE,
    alias     text NOT NULL,
    alias_key text NOT NULL,
    position  integer NOT NULL,
    PRIMARY KEY (skill_id, alias_key),
    CONSTRAINT skill_alias_key_unique UNIQUE (alias_key) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE skill_requirement (
    skill_id    text    NOT NULL REFERENCES skill (id) ON DELETE CASCADE,
    required_id text    NOT NULL,
    position    integer NOT NULL,
    PRIMARY KEY (skill_id, required_id),
    CONSTRAINT skill_requirement_required_fk FOREIGN KEY (required_id) REFERENCES skill (id) DEFERRABLE INITIALLY DEFERRED,
    CHECK (skill_id <> required_id)
);
CREATE INDEX skill_requirement_required_idx ON skill_requirement (required_id);

CREATE TABLE resource (
    skill_id text    NOT NULL REFERENCES skill (id) ON DELETE CASCADE,
    position integer NOT NULL,
    title    text    NOT NULL,
    url      text    NOT NULL,
    kind     text    NOT NULL,
    free     boolean NOT NULL,
    PRIMARY KEY (skill_id, position)
);

-- Old ids of merged skills keep resolving, so learners' progress never silently resets.
CREATE TABLE skill_redirect (
    old_id     text PRIMARY KEY,
    skill_id   text        NOT NULL REFERENCES skill (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE roadmap (
    id          text PRIMARY KEY,
    title       text        NOT NULL,
    description text        NOT NULL,
    managed_by  text        NOT NULL CHECK (managed_by IN ('SHIPPED', 'EDITOR')),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    updated_by  text        NOT NULL
);

CREATE TABLE roadmap_stage (
    roadmap_id text    NOT NULL REFERENCES roadmap (id) ON DELETE CASCADE,
    position   integer NOT NULL,
    title      text    NOT NULL,
    PRIMARY KEY (roadmap_id, position)
);

CREATE TABLE roadmap_stage_skill (
    roadmap_id     text    NOT NULL,
    stage_position integer NOT NULL,
    skill_id       text    NOT NULL REFERENCES skill (id) ON DELETE CASCADE,
    position       integer NOT NULL,
    managed_by     text    NOT NULL CHECK (managed_by IN ('SHIPPED', 'EDITOR')),
    PRIMARY KEY (roadmap_id, skill_id),
    FOREIGN KEY (roadmap_id, stage_position) REFERENCES roadmap_stage (roadmap_id, position)
        ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX roadmap_stage_skill_skill_idx ON roadmap_stage_skill (skill_id);

CREATE TABLE career_fact (
    id         text PRIMARY KEY,
    statement  text    NOT NULL,
    figure     numeric,
    unit       text,
    source     text    NOT NULL,
    source_url text,
    position   integer NOT NULL
);

-- Who changed what and when; append-only.
CREATE TABLE content_change (
    id          bigserial PRIMARY KEY,
    changed_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor       text        NOT NULL,
    action      text        NOT NULL,
    entity_type text        NOT NULL,
    entity_id   text        NOT NULL,
    summary     text        NOT NULL,
    before      jsonb,
    after       jsonb
);
CREATE INDEX content_change_entity_idx ON content_change (entity_type, entity_id, id);

-- Which version of a shipped data file was last applied.
CREATE TABLE shipped_content (
    name       text PRIMARY KEY,
    checksum   text        NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);
