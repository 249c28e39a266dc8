package dev.skillpath.progress.tracking;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import dev.skillpath.progress.skill.MasteryLevel;
import dev.skillpath.progress.skill.SkillProgress;
import dev.skillpath.progress.skill.SkillStatus;
import dev.skillpath.support.error.ApiException;

/**
 * One change a learner asks for. Fields left null keep their value; a note of "" clears
 * the note, and NOT_STARTED clears the mastery level.
 */
public record ProgressChange(String skillId, SkillStatus status, MasteryLevel masteryLevel, String note,
		String clientMutationId) {

	static final int MAX_NOTE = 2000;

	static final int MAX_CLIENT_MUTATION_ID = 100;

	/**
	 * Checks what can be checked without content-service; {@code field} prefixes the
	 * error's field.
	 */
	void validate(String fieldPrefix) {
		if (this.skillId == null || this.skillId.isBlank() || this.skillId.length() > 200) {
			throw invalid("skillId must be a skill id of 1 to 200 characters", fieldPrefix + "skillId");
		}
		if (this.status == null) {
			throw invalid("status is required", fieldPrefix + "status");
		}
		if (this.status == SkillStatus.NOT_STARTED && this.masteryLevel != null) {
			throw invalid("A skill NOT_STARTED has no mastery level", fieldPrefix + "masteryLevel");
		}
		if (this.note != null && this.note.length() > MAX_NOTE) {
			throw invalid("note is limited to " + MAX_NOTE + " characters", fieldPrefix + "note");
		}
		if (this.clientMutationId != null
				&& (this.clientMutationId.isBlank() || this.clientMutationId.length() > MAX_CLIENT_MUTATION_ID)) {
			throw invalid("clientMutationId must have 1 to " + MAX_CLIENT_MUTATION_ID + " characters",
					fieldPrefix + "clientMutationId");
		}
	}

	/**
	 * What a retry must repeat exactly to count as the same change: a hash, so the note
	 * is not stored twice.
	 */
	String fingerprint() {
		String canonical = this.skillId + "\n" + this.status + "\n" + this.masteryLevel + "\n"
				+ (this.note == null ? "-" : "+" + this.note);
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

	/**
	 * The skill's whole state after this change is applied to {@code current} (null:
	 * never touched).
	 */
	SkillProgress applyTo(SkillProgress current, String canonicalSkillId) {
		MasteryLevel mastery = this.masteryLevel;
		if (mastery == null && this.status != SkillStatus.NOT_STARTED && current != null) {
			mastery = current.masteryLevel();
		}
		String newNote = this.note == null ? (current == null ? null : current.note())
				: (this.note.isEmpty() ? null : this.note);
		return new SkillProgress(canonicalSkillId, this.status, mastery, newNote, null);
	}

	private static ApiException invalid(String message, String field) {
		return ApiException.badUserInput(message, Map.of("field", field));
	}

}
