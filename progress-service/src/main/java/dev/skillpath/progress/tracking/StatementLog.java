package dev.skillpath.progress.tracking;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.UUID;

import dev.skillpath.progress.skill.ProgressReader;
import dev.skillpath.progress.skill.SkillProgress;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * The append-only history and the projection kept beside it. Writers call these methods
 * inside one transaction that first {@link #lockLearner locks the learner}, so one
 * learner's changes are stored one after the other and the projection always matches the
 * statements.
 */
@Repository
public class StatementLog {

	private static final String VOIDED = "EXISTS (SELECT 1 FROM statement v WHERE v.voided_id = s.id) AS voided";

	private final DatabaseClient db;

	public StatementLog(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * Locks the learner's row until the transaction ends, creating it on the first write.
	 * A known learner (nearly every write) is only locked, with no new row version
	 * written; the upsert, which locks too and waits for a concurrent first write of the
	 * same learner, runs only when the row is missing.
	 */
	public Mono<Void> lockLearner(String learnerId) {
		return this.db.sql("SELECT 1 AS found FROM learner WHERE id = :id FOR NO KEY UPDATE")
			.bind("id", learnerId)
			.map((row) -> Boolean.TRUE)
			.one()
			.switchIfEmpty(Mono.defer(() -> this.db.sql("""
					INSERT INTO learner (id) VALUES (:id)
					ON CONFLICT (id) DO UPDATE SET time_zone = learner.time_zone
					""").bind("id", learnerId).then().thenReturn(Boolean.TRUE)))
			.then();
	}

	public Mono<StatementRow> findByClientMutationId(String learnerId, String clientMutationId) {
		return this.db
			.sql("SELECT s.*, " + VOIDED
					+ " FROM statement s WHERE s.learner_id = :learner AND s.client_mutation_id = :id")
			.bind("learner", learnerId)
			.bind("id", clientMutationId)
			.map(StatementRow::map)
			.one();
	}

	public Flux<StatementRow> findByClientMutationIds(String learnerId, Collection<String> clientMutationIds) {
		if (clientMutationIds.isEmpty()) {
			return Flux.empty();
		}
		return this.db
			.sql("SELECT s.*, " + VOIDED
					+ " FROM statement s WHERE s.learner_id = :learner AND s.client_mutation_id = ANY(:ids::text[])")
			.bind("learner", learnerId)
			.bind("ids", clientMutationIds.toArray(String[]::new))
			.map(StatementRow::map)
			.all();
	}

	public Mono<StatementRow> findById(String learnerId, UUID id) {
		return this.db.sql("SELECT s.*, " + VOIDED + " FROM statement s WHERE s.learner_id = :learner AND s.id = :id")
			.bind("learner", learnerId)
			.bind("id", id)
			.map(StatementRow::map)
			.one();
	}

	/**
	 * A statement and whether it became the skill's current state (false: a later change
	 * exists).
	 */
	public record Appended(StatementRow statement, boolean applied) {
	}

	/**
	 * Appends a STATUS statement and, in the same SQL statement, moves the projection to
	 * it when it is the latest change of the skill by (timestamp, storage order).
	 */
	public Mono<Appended> appendStatus(String learnerId, SkillProgress state, Instant occurredAt, String source,
			String clientMutationId, String fingerprint) {
		return appendStatus(learnerId, state, occurredAt, source, clientMutationId, fingerprint, "");
	}

	/**
	 * {@link #appendStatus} unless the learner already has a statement with this
	 * {@code clientMutationId}: then nothing is stored and the answer is empty. Under the
	 * learner's lock this replaces a lookup before every write with one only for retries.
	 */
	public Mono<Appended> appendStatusUnlessKnown(String learnerId, SkillProgress state, Instant occurredAt,
			String source, String clientMutationId, String fingerprint) {
		return appendStatus(learnerId, state, occurredAt, source, clientMutationId, fingerprint,
				"ON CONFLICT (learner_id, client_mutation_id) WHERE client_mutation_id IS NOT NULL DO NOTHING");
	}

	private Mono<Appended> appendStatus(String learnerId, SkillProgress state, Instant occurredAt, String source,
			String clientMutationId, String fingerprint, String onConflict) {
		var spec = this.db
			.sql("""
					WITH s AS (
					  INSERT INTO statement (id, learner_id, kind, skill_id, status, mastery_level, note, source,
					                         occurred_at, client_mutation_id, request_fingerprint)
					  VALUES (:id, :learner, 'STATUS', :skill, :status, :mastery, :note, :source, :at, :cmid, :fingerprint)
					  %s
					  RETURNING *
					), p AS (
					  INSERT INTO skill_progress AS p (learner_id, skill_id, status, mastery_level, note, changed_at, statement_seq)
					  SELECT learner_id, skill_id, status, mastery_level, note, occurred_at, seq FROM s
					  ON CONFLICT (learner_id, skill_id) DO UPDATE
					    SET status = EXCLUDED.status, mastery_level = EXCLUDED.mastery_level, note = EXCLUDED.note,
					        changed_at = EXCLUDED.changed_at, statement_seq = EXCLUDED.statement_seq
					    WHERE (p.changed_at, p.statement_seq) < (EXCLUDED.changed_at, EXCLUDED.statement_seq)
					  RETURNING 1
					)
					SELECT s.*, false AS voided, EXISTS (SELECT 1 FROM p) AS applied FROM s
					"""
				.formatted(onConflict))
			.bind("id", UUID.randomUUID())
			.bind("learner", learnerId)
			.bind("skill", state.skillId())
			.bind("status", state.status().name())
			.bind("source", source)
			.bind("at", utc(occurredAt));
		spec = nullable(spec, "mastery", state.masteryLevel() == null ? null : state.masteryLevel().name());
		spec = nullable(spec, "note", state.note());
		spec = nullable(spec, "cmid", clientMutationId);
		spec = nullable(spec, "fingerprint", fingerprint);
		return spec
			.map((row) -> new Appended(StatementRow.map(row), Boolean.TRUE.equals(row.get("applied", Boolean.class))))
			.one();
	}

	/** Appends a statement voiding {@code target}. */
	public Mono<StatementRow> appendVoiding(StatementRow target, Instant occurredAt) {
		return this.db.sql("""
				INSERT INTO statement (id, learner_id, kind, skill_id, voided_id, source, occurred_at)
				VALUES (:id, :learner, 'VOIDING', :skill, :voided, 'VOID', :at)
				RETURNING *, false AS voided
				""")
			.bind("id", UUID.randomUUID())
			.bind("learner", target.learnerId())
			.bind("skill", target.skillId())
			.bind("voided", target.id())
			.bind("at", utc(occurredAt))
			.map(StatementRow::map)
			.one();
	}

	/**
	 * Rebuilds a skill's projection from its latest STATUS statement not voided (after a
	 * voiding); empty when none is left, and then the skill has no progress.
	 */
	public Mono<SkillProgress> reproject(String learnerId, String skillId) {
		return this.db
			.sql("""
					WITH latest AS (
					  SELECT s.learner_id, s.skill_id, s.status, s.mastery_level, s.note, s.occurred_at, s.seq
					  FROM statement s
					  WHERE s.learner_id = :learner AND s.skill_id = :skill AND s.kind = 'STATUS'
					    AND NOT EXISTS (SELECT 1 FROM statement v WHERE v.voided_id = s.id)
					  ORDER BY s.occurred_at DESC, s.seq DESC LIMIT 1
					), gone AS (
					  DELETE FROM skill_progress WHERE learner_id = :learner AND skill_id = :skill
					    AND NOT EXISTS (SELECT 1 FROM latest)
					)
					INSERT INTO skill_progress AS p (learner_id, skill_id, status, mastery_level, note, changed_at, statement_seq)
					SELECT learner_id, skill_id, status, mastery_level, note, occurred_at, seq FROM latest
					ON CONFLICT (learner_id, skill_id) DO UPDATE
					  SET status = EXCLUDED.status, mastery_level = EXCLUDED.mastery_level, note = EXCLUDED.note,
					      changed_at = EXCLUDED.changed_at, statement_seq = EXCLUDED.statement_seq
					RETURNING skill_id, status, mastery_level, note, changed_at
					""")
			.bind("learner", learnerId)
			.bind("skill", skillId)
			.map(ProgressReader::map)
			.one();
	}

	/**
	 * Sets the learner's skills among {@code skillIds} that are not NOT_STARTED back to
	 * it, with one RESET statement each (notes kept): one SQL statement. Returns how many
	 * were reset.
	 */
	public Mono<Long> reset(String learnerId, Collection<String> skillIds, Instant occurredAt) {
		return this.db.sql("""
				WITH targets AS (
				  SELECT skill_id, note FROM skill_progress
				  WHERE learner_id = :learner AND skill_id = ANY(:ids::text[]) AND status <> 'NOT_STARTED'
				), s AS (
				  INSERT INTO statement (id, learner_id, kind, skill_id, status, note, source, occurred_at)
				  SELECT gen_random_uuid(), :learner, 'STATUS', skill_id, 'NOT_STARTED', note, 'RESET', :at FROM targets
				  RETURNING learner_id, skill_id, occurred_at, seq
				), p AS (
				  UPDATE skill_progress p
				  SET status = 'NOT_STARTED', mastery_level = NULL, changed_at = s.occurred_at, statement_seq = s.seq
				  FROM s WHERE p.learner_id = s.learner_id AND p.skill_id = s.skill_id
				  RETURNING p.skill_id
				)
				SELECT count(*) AS n FROM p
				""")
			.bind("learner", learnerId)
			.bind("ids", skillIds.toArray(String[]::new))
			.bind("at", utc(occurredAt))
			.map((row) -> row.get("n", Long.class))
			.one();
	}

	/**
	 * The learner's statements, newest first, stored before {@code beforeSeq} (all when
	 * null).
	 */
	public Flux<StatementRow> history(String learnerId, Long beforeSeq, int limit) {
		var spec = this.db
			.sql("SELECT s.*, " + VOIDED + " FROM statement s WHERE s.learner_id = :learner"
					+ (beforeSeq == null ? "" : " AND s.seq < :before") + " ORDER BY s.seq DESC LIMIT :limit")
			.bind("learner", learnerId)
			.bind("limit", limit);
		if (beforeSeq != null) {
			spec = spec.bind("before", beforeSeq);
		}
		return spec.map(StatementRow::map).all();
	}

	/** Every statement of the learner in the order stored. */
	public Flux<StatementRow> all(String learnerId) {
		return this.db.sql("SELECT s.*, " + VOIDED + " FROM statement s WHERE s.learner_id = :learner ORDER BY s.seq")
			.bind("learner", learnerId)
			.map(StatementRow::map)
			.all();
	}

	/** Deletes the learner's statements and returns how many there were. */
	public Mono<Long> deleteStatements(String learnerId) {
		return this.db.sql("DELETE FROM statement WHERE learner_id = :learner")
			.bind("learner", learnerId)
			.fetch()
			.rowsUpdated();
	}

	public Mono<Long> deleteProgress(String learnerId) {
		return this.db.sql("DELETE FROM skill_progress WHERE learner_id = :learner")
			.bind("learner", learnerId)
			.fetch()
			.rowsUpdated();
	}

	public Mono<Long> deleteLearner(String learnerId) {
		return this.db.sql("DELETE FROM learner WHERE id = :learner").bind("learner", learnerId).fetch().rowsUpdated();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static DatabaseClient.GenericExecuteSpec nullable(DatabaseClient.GenericExecuteSpec spec, String name,
			String value) {
		return value == null ? spec.bindNull(name, String.class) : spec.bind(name, value);
	}

}
