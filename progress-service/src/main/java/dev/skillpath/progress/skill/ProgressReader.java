package dev.skillpath.progress.skill;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Reads the current-state projection; every method is one SQL statement, whatever the
 * number of skills.
 */
@Repository
public class ProgressReader {

	private static final String COLUMNS = "skill_id, status, mastery_level, note, changed_at";

	private final DatabaseClient db;

	public ProgressReader(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * The learner's progress on these skills, keyed by skill id; skills never touched are
	 * absent.
	 */
	public Mono<Map<String, SkillProgress>> ofSkills(String learnerId, Collection<String> skillIds) {
		if (skillIds.isEmpty()) {
			return Mono.just(Map.of());
		}
		return this.db
			.sql("SELECT " + COLUMNS
					+ " FROM skill_progress WHERE learner_id = :learner AND skill_id = ANY(:ids::text[])")
			.bind("learner", learnerId)
			.bind("ids", skillIds.stream().distinct().toArray(String[]::new))
			.map(ProgressReader::map)
			.all()
			.collectMap(SkillProgress::skillId);
	}

	/**
	 * Every skill the learner touched (optionally with one status), most recently changed
	 * first.
	 */
	public Flux<SkillProgress> all(String learnerId, SkillStatus status) {
		var spec = this.db
			.sql("SELECT " + COLUMNS + " FROM skill_progress WHERE learner_id = :learner"
					+ (status == null ? "" : " AND status = :status") + " ORDER BY changed_at DESC, skill_id")
			.bind("learner", learnerId);
		if (status != null) {
			spec = spec.bind("status", status.name());
		}
		return spec.map(ProgressReader::map).all();
	}

	public Mono<List<String>> completedSkillIds(String learnerId) {
		return skillIdsWith(learnerId, SkillStatus.DONE);
	}

	/** Ids of the skills the learner holds in {@code status}, in id order. */
	public Mono<List<String>> skillIdsWith(String learnerId, SkillStatus status) {
		return this.db
			.sql("SELECT skill_id FROM skill_progress WHERE learner_id = :learner AND status = :status"
					+ " ORDER BY skill_id")
			.bind("learner", learnerId)
			.bind("status", status.name())
			.map((row) -> row.get("skill_id", String.class))
			.all()
			.collectList();
	}

	public static SkillProgress map(Readable row) {
		String mastery = row.get("mastery_level", String.class);
		return new SkillProgress(row.get("skill_id", String.class),
				SkillStatus.valueOf(row.get("status", String.class)),
				mastery == null ? null : MasteryLevel.valueOf(mastery), row.get("note", String.class),
				row.get("changed_at", OffsetDateTime.class).toInstant());
	}

}
