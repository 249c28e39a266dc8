package dev.skillpath.content;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code SkillInput} as a test sends it: valid by default (one free resource, a few
 * hours), so that each test states only what it is about.
 */
final class SkillInput {

	private final Map<String, Object> fields = new LinkedHashMap<>();

	private final List<Map<String, Object>> resources = new ArrayList<>();

	private SkillInput(String id, String name) {
		this.fields.put("id", id);
		this.fields.put("name", name);
		this.fields.put("category", "TOOLING");
		this.fields.put("summary", "What " + name + " is about, in a sentence.");
		this.fields.put("aliases", List.of());
		this.fields.put("requires", List.of());
		this.fields.put("estimatedHours", 5);
	}

	/** A valid skill with one free resource at a URL of its own. */
	static SkillInput skill(String id, String name) {
		return new SkillInput(id, name).resource("Docs of " + name, "https://docs.example.org/" + id, "DOCS", true);
	}

	/** A valid skill without any resource. */
	static SkillInput bare(String id, String name) {
		return new SkillInput(id, name);
	}

	String id() {
		return (String) this.fields.get("id");
	}

	SkillInput set(String field, Object value) {
		this.fields.put(field, value);
		return this;
	}

	SkillInput category(String category) {
		return set("category", category);
	}

	SkillInput summary(String summary) {
		return set("summary", summary);
	}

	SkillInput aliases(String... aliases) {
		return set("aliases", List.of(aliases));
	}

	SkillInput requires(String... ids) {
		return set("requires", List.of(ids));
	}

	SkillInput alternativeOf(String id) {
		return set("alternativeOf", id);
	}

	SkillInput hours(int hours) {
		return set("estimatedHours", hours);
	}

	SkillInput placement(String roadmapId, int stage) {
		return set("placement", Map.of("roadmapId", roadmapId, "stage", stage));
	}

	SkillInput resource(String title, String url, String kind, boolean free) {
		this.resources.add(Map.of("title", title, "url", url, "kind", kind, "free", free));
		return this;
	}

	SkillInput noResources() {
		this.resources.clear();
		return this;
	}

	Map<String, Object> toMap() {
		Map<String, Object> map = new LinkedHashMap<>(this.fields);
		map.put("resources", List.copyOf(this.resources));
		return map;
	}

}
