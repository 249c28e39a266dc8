package dev.skillpath.progress.tracking;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import dev.skillpath.progress.skill.MasteryLevel;
import dev.skillpath.progress.skill.SkillProgress;
import dev.skillpath.progress.skill.SkillStatus;
import io.r2dbc.spi.Readable;

/**
 * One stored statement of the history. A STATUS statement records the whole state of a
 * skill after a change; a VOIDING statement points at the statement it voids.
 */
public record StatementRow(long seq, UUID id, String learnerId, Kind kind, String skillId, SkillStatus status,
		MasteryLevel masteryLevel, String note, UUID voidedId, String source, Instant occurredAt, Instant storedAt,
		String clientMutationId, String requestFingerprint, boolean voided) {

	public enum Kind {

		STATUS, VOIDING

	}

	/** The state this statement set (for a STATUS statement). */
	public SkillProgress progress() {
		return new SkillProgress(this.skillId, this.status, this.masteryLevel, this.note, this.occurredAt);
	}

	/**
	 * Maps a row of {@code statement} that also has the computed column {@code voided}.
	 */
	static StatementRow map(Readable row) {
		String status = row.get("status", String.class);
		String mastery = row.get("mastery_level", String.class);
		Boolean voided = row.get("voided", Boolean.class);
		return new StatementRow(row.get("seq", Long.class), row.get("id", UUID.class),
				row.get("learner_id", String.class), Kind.valueOf(row.get("kind", String.class)),
				row.get("skill_id", String.class), status == null ? null : SkillStatus.valueOf(status),
				mastery == null ? null : MasteryLevel.valueOf(mastery), row.get("note", String.class),
				row.get("voided_id", UUID.class), row.get("source", String.class),
				row.get("occurred_at", OffsetDateTime.class).toInstant(),
				row.get("stored_at", OffsetDateTime.class).toInstant(), row.get("client_mutation_id", String.class),
				row.get("request_fingerprint", String.class), Boolean.TRUE.equals(voided));
	}

}
