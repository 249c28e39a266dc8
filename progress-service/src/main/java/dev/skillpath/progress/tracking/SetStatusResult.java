package dev.skillpath.progress.tracking;

import dev.skillpath.progress.skill.SkillProgress;

/**
 * The answer to {@code setSkillStatus}; {@code replayed} when a retry found the change
 * already applied.
 */
public record SetStatusResult(String clientMutationId, SkillProgress progress, String statementId, boolean replayed) {
}
