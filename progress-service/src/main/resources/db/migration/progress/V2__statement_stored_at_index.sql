-- Active learners (a metric counted once a minute): learners with a statement stored in the last
-- 24 hours or 7 days, answered from this index alone.
CREATE INDEX statement_stored_idx ON statement (stored_at, learner_id);
