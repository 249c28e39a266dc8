package dev.skillpath.content.editing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whole content as definitions, read inside a write transaction (after the content
 * lock), changed in memory and validated as a whole before anything is written. Content
 * is small (a few hundred skills), so this keeps every rule in one place and checks
 * cycles over the real graph.
 */
final class ContentSnapshot {

	final Map<String, SkillDefinition> skills = new LinkedHashMap<>();

	final Map<String, String> managedBy = new LinkedHashMap<>();

	/** Old ids of merged skills, each with the id of the skill it resolves to now. */
	final Map<String, String> redirects = new HashMap<>();

	/** Ids of skills that editors deleted and nobody created again. */
	final Set<String> deletedByEditors = new HashSet<>();

	final Map<String, RoadmapState> roadmaps = new LinkedHashMap<>();

	/** A roadmap with its stages; each stage lists its skill ids. */
	static final class RoadmapState {

		final String id;

		String managedBy;

		final List<String> stageTitles = new ArrayList<>();

		final List<List<String>> stageSkills = new ArrayList<>();

		RoadmapState(String id, String managedBy) {
			this.id = id;
			this.managedBy = managedBy;
		}

		/** Position (from 1) of the stage that holds {@code skillId}, or 0. */
		int stageOf(String skillId) {
			for (int i = 0; i < this.stageSkills.size(); i++) {
				if (this.stageSkills.get(i).contains(skillId)) {
					return i + 1;
				}
			}
			return 0;
		}

	}

	/** Ids of skills that list {@code id} as a prerequisite. */
	List<String> requiredBy(String id) {
		return this.skills.values().stream().filter((s) -> s.requires().contains(id)).map(SkillDefinition::id).toList();
	}

	/** Ids of skills that are options of the choice {@code id}. */
	List<String> optionsOf(String id) {
		return this.skills.values()
			.stream()
			.filter((s) -> id.equals(s.alternativeOf()))
			.map(SkillDefinition::id)
			.toList();
	}

}
