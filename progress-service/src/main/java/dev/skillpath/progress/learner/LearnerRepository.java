package dev.skillpath.progress.learner;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Learner settings, and the learning activity that streaks and the heatmap are made of.
 */
@Repository
public class LearnerRepository {

	/**
	 * Learning statements: LEARNING or DONE changes made by the learner, not voided.
	 * Resets, skips and voiding are bookkeeping, not learning.
	 */
	private static final String LEARNING_EVENTS = """
			FROM statement s
			WHERE s.learner_id = :learner AND s.kind = 'STATUS' AND s.status IN ('LEARNING', 'DONE')
			  AND s.source <> 'RESET'
			  AND NOT EXISTS (SELECT 1 FROM statement v WHERE v.voided_id = s.id)
			""";

	/**
	 * Every zone offset in use today is a multiple of 15 minutes, so counting per quarter
	 * hour keeps days exact.
	 */
	private static final int BUCKET_SECONDS = 900;

	private final DatabaseClient db;

	public LearnerRepository(DatabaseClient db) {
		this.db = db;
	}

	public Mono<ZoneId> timeZone(String learnerId) {
		return this.db.sql("SELECT time_zone FROM learner WHERE id = :id")
			.bind("id", learnerId)
			.map((row) -> row.get("time_zone", String.class))
			.one()
			.map(ZoneId::of)
			.defaultIfEmpty(ZoneId.of("UTC"));
	}

	public Mono<Void> saveTimeZone(String learnerId, ZoneId zone) {
		return this.db.sql("""
				INSERT INTO learner (id, time_zone) VALUES (:id, :zone)
				ON CONFLICT (id) DO UPDATE SET time_zone = EXCLUDED.time_zone
				""").bind("id", learnerId).bind("zone", zone.getId()).then();
	}

	/**
	 * Learning statements per day in {@code zone}, in one statement: the database counts
	 * per quarter hour and the days are cut here, with Java's time-zone rules.
	 */
	public Mono<TreeMap<java.time.LocalDate, Integer>> learningPerDay(String learnerId, ZoneId zone, Instant from,
			Instant until) {
		var spec = this.db.sql("SELECT floor(extract(epoch FROM s.occurred_at) / " + BUCKET_SECONDS
				+ ")::bigint AS bucket, count(*) AS n " + LEARNING_EVENTS
				+ (from == null ? "" : " AND s.occurred_at >= :from AND s.occurred_at < :until") + " GROUP BY bucket")
			.bind("learner", learnerId);
		if (from != null) {
			spec = spec.bind("from", from.atOffset(java.time.ZoneOffset.UTC))
				.bind("until", until.atOffset(java.time.ZoneOffset.UTC));
		}
		return spec.map((row) -> Map.entry(row.get("bucket", Long.class), row.get("n", Long.class)))
			.all()
			.collect(TreeMap::new,
					(days, entry) -> days.merge(
							Instant.ofEpochSecond(entry.getKey() * BUCKET_SECONDS).atZone(zone).toLocalDate(),
							entry.getValue().intValue(), Integer::sum));
	}

}
