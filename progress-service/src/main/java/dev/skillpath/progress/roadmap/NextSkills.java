package dev.skillpath.progress.roadmap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.skillpath.progress.roadmap.Roadmap.RoadmapSkill;
import dev.skillpath.progress.skill.SkillProgress;
import dev.skillpath.progress.skill.SkillStatus;

/**
 * Which skills of a roadmap a learner can take on next, from the prerequisites the router
 * sent with the roadmap (no call to content-service).
 */
final class NextSkills {

	private NextSkills() {
	}

	/**
	 * Skills not done or skipped whose prerequisites are all satisfied: a prerequisite is
	 * satisfied when it is done or skipped, or when it is a choice and one of its options
	 * is done. Options of a choice already satisfied are left out (the learner picked
	 * one). LEARNING skills come first, then roadmap order.
	 */
	static List<String> of(List<RoadmapSkill> skills, Map<String, SkillProgress> progress, int first) {
		Set<String> doneOptionsOf = new HashSet<>();
		for (RoadmapSkill skill : skills) {
			if (skill.alternativeOfId() != null && status(progress, skill.id()) == SkillStatus.DONE) {
				doneOptionsOf.add(skill.alternativeOfId());
			}
		}
		List<RoadmapSkill> candidates = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (RoadmapSkill skill : skills) {
			if (!seen.add(skill.id()) || status(progress, skill.id()).isSettled()
					|| doneOptionsOf.contains(skill.id())) {
				continue;
			}
			if (skill.alternativeOfId() != null && isSatisfied(skill.alternativeOfId(), progress, doneOptionsOf)) {
				continue;
			}
			boolean ready = skill.requiresIds().stream().allMatch((r) -> isSatisfied(r, progress, doneOptionsOf));
			if (ready) {
				candidates.add(skill);
			}
		}
		// stable sort: roadmap order within each group
		candidates.sort(Comparator.comparing((RoadmapSkill s) -> status(progress, s.id()) != SkillStatus.LEARNING));
		return candidates.stream().limit(first).map(RoadmapSkill::id).toList();
	}

	/** Every id whose status matters: the skills and their prerequisites. */
	static Set<String> idsToLookUp(List<RoadmapSkill> skills) {
		Set<String> ids = new HashSet<>();
		for (RoadmapSkill skill : skills) {
			ids.add(skill.id());
			ids.addAll(skill.requiresIds());
			if (skill.alternativeOfId() != null) {
				ids.add(skill.alternativeOfId());
			}
		}
		return ids;
	}

	private static boolean isSatisfied(String id, Map<String, SkillProgress> progress, Set<String> doneOptionsOf) {
		return status(progress, id).isSettled() || doneOptionsOf.contains(id);
	}

	private static SkillStatus status(Map<String, SkillProgress> progress, String id) {
		SkillProgress p = progress.get(id);
		return p == null ? SkillStatus.NOT_STARTED : p.status();
	}

}
