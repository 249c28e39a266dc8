package dev.skillpath.content.editing;

import java.util.List;

/**
 * A whole roadmap with its skills and career facts: the format of the shipped data file
 * and of {@code importRoadmap}.
 */
public record RoadmapDocument(Integer formatVersion, RoadmapDefinition roadmap, List<SkillDefinition> skills,
		List<CareerFactDefinition> careerFacts) {

	public static final int CURRENT_FORMAT = 1;

	public record RoadmapDefinition(String id, String title, String description, List<StageDefinition> stages) {
	}

	public record StageDefinition(String title, List<String> skills) {
	}

	public record CareerFactDefinition(String id, String statement, Double figure, String unit, String source,
			String sourceUrl) {
	}

}
