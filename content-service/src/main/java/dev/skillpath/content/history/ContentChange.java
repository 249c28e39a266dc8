package dev.skillpath.content.history;

/** One recorded change to the content. */
public record ContentChange(long id, String changedAt, String actor, String action, String entityType, String entityId,
		String summary) {
}
