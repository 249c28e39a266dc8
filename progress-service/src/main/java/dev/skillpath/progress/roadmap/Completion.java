package dev.skillpath.progress.roadmap;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;

import dev.skillpath.progress.skill.SkillProgress;
import dev.skillpath.progress.skill.SkillStatus;

/**
 * A learner's completion of a roadmap, counted over the roadmap's current skills only.
 */
public record Completion(int done, int learning, int skipped, int total, int percent) {

	/**
	 * Counts the statuses of {@code skillIds} (duplicates once); progress on skills that
	 * left the roadmap is ignored because only the roadmap's current ids are looked at.
	 * The percent is rounded down, so it reads 100 only when every skill is done or
	 * skipped.
	 */
	public static Completion of(Collection<String> skillIds, Map<String, SkillProgress> progress) {
		int done = 0;
		int learning = 0;
		int skipped = 0;
		LinkedHashSet<String> distinct = new LinkedHashSet<>(skillIds);
		for (String id : distinct) {
			SkillProgress p = progress.get(id);
			SkillStatus status = p == null ? SkillStatus.NOT_STARTED : p.status();
			switch (status) {
				case DONE -> done++;
				case LEARNING -> learning++;
				case SKIPPED -> skipped++;
				default -> {
				}
			}
		}
		int total = distinct.size();
		int percent = total == 0 ? 0 : (int) ((done + skipped) * 100L / total);
		return new Completion(done, learning, skipped, total, percent);
	}

}
