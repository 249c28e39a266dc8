package dev.skillpath.progress.roadmap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.skillpath.support.error.ApiException;

/**
 * A roadmap owned by content-service, as the router sends it in an {@code _entities}
 * representation: its id plus the fields this subgraph {@code @requires} (null when the
 * router did not send them).
 */
public record Roadmap(String id, List<String> skillIds, List<RoadmapSkill> skills) {

	/**
	 * One skill of the roadmap with the ids of its prerequisites and of the choice it is
	 * an option of.
	 */
	public record RoadmapSkill(String id, List<String> requiresIds, String alternativeOfId) {
	}

	static Roadmap fromRepresentation(Map<String, Object> representation) {
		Object id = representation.get("id");
		if (!(id instanceof String roadmapId)) {
			throw ApiException.badUserInput("A Roadmap representation needs its id", Map.of("field", "id"));
		}
		List<String> skillIds = representation.get("skillIds") instanceof List<?> list ? ids(list) : null;
		List<RoadmapSkill> skills = null;
		if (representation.get("skills") instanceof List<?> list) {
			skills = new ArrayList<>(list.size());
			for (Object item : list) {
				if (item instanceof Map<?, ?> skill && skill.get("id") instanceof String skillId) {
					List<String> requires = skill.get("requires") instanceof List<?> r ? idsOfObjects(r) : List.of();
					String alternativeOf = skill.get("alternativeOf") instanceof Map<?, ?> a
							&& a.get("id") instanceof String choice ? choice : null;
					skills.add(new RoadmapSkill(skillId, requires, alternativeOf));
				}
			}
		}
		return new Roadmap(roadmapId, skillIds, skills);
	}

	private static List<String> ids(List<?> list) {
		return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
	}

	private static List<String> idsOfObjects(List<?> list) {
		return list.stream()
			.filter(Map.class::isInstance)
			.map((m) -> ((Map<?, ?>) m).get("id"))
			.filter(String.class::isInstance)
			.map(String.class::cast)
			.toList();
	}

}
