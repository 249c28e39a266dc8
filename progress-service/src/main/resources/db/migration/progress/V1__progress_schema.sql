-- Progress owned by progress-service. Skill and roadmap ids are content-service's; they are checked
-- over HTTP before a write, never by reading content's tables.

-- A learner is the subject of a token; the row also serialises each learner's writes (SELECT ... FOR UPDATE).
CREATE TABLE learner (
    id         text PRIMARY KEY,
    time_zone  text        NOT NULL DEFAULT 'UTC',
    created_at timestamptz NOT NULL DEFAULT now()
);

-- The history, shaped like xAPI statements: actor (learner_id), verb (from kind and status),
-- object (the skill, or for a voiding statement the statement it voids), result (status, mastery,
-- note), timestamp (occurred_at) and stored. Append-only: corrections are new VOIDING statements.
CREATE TABLE statement (
    seq                 bigserial PRIMARY KEY,
    id                  uuid        NOT NULL UNIQUE,
    learner_id          text        NOT NULL REFERENCES learner (id) ON DELETE CASCADE,
    kind                text        NOT NULL CHECK (kind IN ('STATUS', 'VOIDING')),
    skill_id            text        NOT NULL,
    status              text CHECK (status IN ('NOT_STARTED', 'LEARNING', 'DONE', 'SKIPPED')),
    mastery_level       text CHECK (mastery_level IN ('ATTEMPTED', 'FAMILIAR', 'PROFICIENT', 'MASTERED')),
    note                text,
    voided_id           uuid REFERENCES statement (id) ON DELETE CASCADE,
    -- SET (setSkillStatus), SYNC (syncProgress), RESET (resetRoadmapProgress), VOID (voidStatement)
    source              text        NOT NULL CHECK (source IN ('SET', 'SYNC', 'RESET', 'VOID')),
    occurred_at         timestamptz NOT NULL,
    stored_at           timestamptz NOT NULL DEFAULT clock_timestamp(),
    client_mutation_id  text,
    request_fingerprint text,
    CHECK ((kind = 'STATUS' AND status IS NOT NULL AND voided_id IS NULL)
        OR (kind = 'VOIDING' AND status IS NULL AND voided_id IS NOT NULL))
);
CREATE INDEX statement_skill_idx ON statement (learner_id, skill_id, occurred_at DESC, seq DESC);
CREATE INDEX statement_time_idx ON statement (learner_id, occurred_at);
CREATE UNIQUE INDEX statement_client_mutation_idx ON statement (learner_id, client_mutation_id)
    WHERE client_mutation_id IS NOT NULL;
-- a statement is voided at most once
CREATE UNIQUE INDEX statement_voided_idx ON statement (voided_id) WHERE voided_id IS NOT NULL;

CREATE FUNCTION statement_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'statements are append-only: correct one by voiding it';
END
$$;
CREATE TRIGGER statement_append_only BEFORE UPDATE ON statement
    FOR EACH ROW EXECUTE FUNCTION statement_is_append_only();

-- The current state, a projection of the statements written in the same transaction: per skill,
-- the state of the non-voided STATUS statement with the latest (occurred_at, seq).
CREATE TABLE skill_progress (
    learner_id    text        NOT NULL REFERENCES learner (id) ON DELETE CASCADE,
    skill_id      text        NOT NULL,
    status        text        NOT NULL,
    mastery_level text,
    note          text,
    changed_at    timestamptz NOT NULL,
    statement_seq bigint      NOT NULL,
    PRIMARY KEY (learner_id, skill_id)
);
CREATE INDEX skill_progress_skill_idx ON skill_progress (skill_id, status);
