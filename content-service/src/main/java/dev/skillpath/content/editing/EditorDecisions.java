package dev.skillpath.content.editing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies editors' merges and deletions to a shipped data file before it is imported. The
 * file was written before them and still names the old ids; importing it as is would
 * either be refused (the service would not start) or bring those skills back. So a
 * merged-away or deleted skill is left out; prerequisites, choices and stage entries
 * naming a merged skill point at the skill it was merged into, and those naming a deleted
 * skill are dropped.
 */
final class EditorDecisions {

	private EditorDecisions() {
	}

	static RoadmapDocument apply(RoadmapDocument document, ContentSnapshot content) {
		if (content.redirects.isEmpty() && content.deletedByEditors.isEmpty()) {
			return document;
		}
		Map<String, String> redirects = new HashMap<>(content.redirects);
		// a deleted skill "redirects" to nothing: references to it are dropped
		content.deletedByEditors.forEach((id) -> redirects.putIfAbsent(id, null));
		List<SkillDefinition> skills = new ArrayList<>();
		for (SkillDefinition skill : document.skills() == null ? List.<SkillDefinition>of() : document.skills()) {
			String id = skill.id() == null ? null : skill.id().trim();
			if (id != null && redirects.containsKey(id) && !content.skills.containsKey(id)) {
				continue;
			}
			skills.add(followReferences(skill, redirects));
		}
		return new RoadmapDocument(document.formatVersion(), followStages(document.roadmap(), redirects), skills,
				document.careerFacts());
	}

	static int skillCount(RoadmapDocument document) {
		return document.skills() == null ? 0 : document.skills().size();
	}

	private static SkillDefinition followReferences(SkillDefinition skill, Map<String, String> redirects) {
		Set<String> requires = new LinkedHashSet<>();
		for (String required : skill.requires() == null ? List.<String>of() : skill.requires()) {
			String current = target(required, redirects);
			if (current != null) {
				requires.add(current);
			}
		}
		if (skill.id() != null) {
			requires.remove(skill.id().trim());
		}
		String choice = target(skill.alternativeOf(), redirects);
		if (choice != null && skill.id() != null && choice.equals(skill.id().trim())) {
			choice = null;
		}
		return skill.withRequires(List.copyOf(requires)).withAlternativeOf(choice);
	}

	private static RoadmapDocument.RoadmapDefinition followStages(RoadmapDocument.RoadmapDefinition roadmap,
			Map<String, String> redirects) {
		if (roadmap == null || roadmap.stages() == null) {
			return roadmap;
		}
		Set<String> placed = new LinkedHashSet<>();
		List<RoadmapDocument.StageDefinition> stages = new ArrayList<>();
		for (RoadmapDocument.StageDefinition stage : roadmap.stages()) {
			List<String> ids = new ArrayList<>();
			for (String id : stage.skills() == null ? List.<String>of() : stage.skills()) {
				// a skill and the one merged into it may both be listed: the first place
				// wins
				String current = target(id, redirects);
				if (current != null && placed.add(current)) {
					ids.add(current);
				}
			}
			stages.add(new RoadmapDocument.StageDefinition(stage.title(), ids));
		}
		return new RoadmapDocument.RoadmapDefinition(roadmap.id(), roadmap.title(), roadmap.description(), stages);
	}

	/**
	 * The id a reference means now: itself, the skill it was merged into, or null if
	 * deleted.
	 */
	private static String target(String id, Map<String, String> redirects) {
		if (id == null) {
			return null;
		}
		String trimmed = id.trim();
		return redirects.containsKey(trimmed) ? redirects.get(trimmed) : trimmed;
	}

}
