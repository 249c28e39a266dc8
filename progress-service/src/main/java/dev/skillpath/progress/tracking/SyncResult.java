package dev.skillpath.progress.tracking;

import java.util.List;

import dev.skillpath.progress.skill.SkillProgress;

/**
 * The answer to {@code syncProgress}: one result per item, in item order, and the counts.
 */
public record SyncResult(List<ItemResult> results) {

	public enum Outcome {

		APPLIED, OUTDATED, DUPLICATE, REJECTED

	}

	public record ItemError(String code, String message) {
	}

	public record ItemResult(int index, String skillId, Outcome outcome, String statementId, SkillProgress progress,
			ItemError error) {

		ItemResult withProgress(SkillProgress current) {
			return new ItemResult(this.index, this.skillId, this.outcome, this.statementId, current, this.error);
		}

	}

	public int applied() {
		return count(Outcome.APPLIED);
	}

	public int outdated() {
		return count(Outcome.OUTDATED);
	}

	public int duplicates() {
		return count(Outcome.DUPLICATE);
	}

	public int rejected() {
		return count(Outcome.REJECTED);
	}

	private int count(Outcome outcome) {
		return (int) this.results.stream().filter((r) -> r.outcome() == outcome).count();
	}

}
