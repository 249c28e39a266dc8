-- A feed that keeps failing waits longer between pulls: its interval times 2^(failures so far),
-- up to six hours (or its interval, when that is longer); a good pull starts over.
ALTER TABLE feed ADD COLUMN consecutive_failures integer NOT NULL DEFAULT 0;
