package dev.skillpath.content;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code RoadmapDocumentInput} for {@code importRoadmap}: a roadmap, its stages and
 * skills.
 */
final class RoadmapDocumentInput {

	private final String roadmapId;

	private final String title;

	private final List<Map<String, Object>> stages = new ArrayList<>();

	private final List<SkillInput> skills = new ArrayList<>();

	private List<Map<String, Object>> careerFacts;

	private RoadmapDocumentInput(String roadmapId, String title) {
		this.roadmapId = roadmapId;
		this.title = title;
	}

	static RoadmapDocumentInput roadmap(String id, String title) {
		return new RoadmapDocumentInput(id, title);
	}

	String roadmapId() {
		return this.roadmapId;
	}

	/**
	 * Adds a stage holding {@code skills} (in order); the skills join the document too.
	 */
	RoadmapDocumentInput stage(String stageTitle, SkillInput... stageSkills) {
		List<String> ids = new ArrayList<>();
		for (SkillInput skill : stageSkills) {
			this.skills.add(skill);
			ids.add(skill.id());
		}
		this.stages.add(Map.of("title", stageTitle, "skills", ids));
		return this;
	}

	/** Adds a stage of skill ids, without adding skills to the document. */
	RoadmapDocumentInput stageOfIds(String stageTitle, String... ids) {
		this.stages.add(Map.of("title", stageTitle, "skills", List.of(ids)));
		return this;
	}

	/** A skill in the document but in no stage. */
	RoadmapDocumentInput unplaced(SkillInput skill) {
		this.skills.add(skill);
		return this;
	}

	/**
	 * Career facts for the document; without this call the document leaves the stored
	 * facts alone.
	 */
	RoadmapDocumentInput careerFacts(List<Map<String, Object>> facts) {
		this.careerFacts = facts;
		return this;
	}

	Map<String, Object> toMap() {
		Map<String, Object> roadmap = new LinkedHashMap<>();
		roadmap.put("id", this.roadmapId);
		roadmap.put("title", this.title);
		roadmap.put("description", "A roadmap made by a test: " + this.title);
		roadmap.put("stages", List.copyOf(this.stages));
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("formatVersion", 1);
		document.put("roadmap", roadmap);
		document.put("skills", this.skills.stream().map(SkillInput::toMap).toList());
		if (this.careerFacts != null) {
			document.put("careerFacts", this.careerFacts);
		}
		return document;
	}

}
