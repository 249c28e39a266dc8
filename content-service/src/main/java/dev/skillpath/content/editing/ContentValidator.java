package dev.skillpath.content.editing;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.skillpath.content.skill.SearchKeys;

/**
 * The rules content must follow. Field rules look at one definition; graph rules
 * (references, cycles, unique names and aliases) look at the whole snapshot after a
 * change, and report only problems that involve a changed item, so the message names what
 * the editor just sent.
 */
final class ContentValidator {

	static final Pattern ID = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");

	private ContentValidator() {
	}

	static List<Problem> checkFields(String item, SkillDefinition skill) {
		List<Problem> problems = new ArrayList<>();
		checkId(item, "id", skill.id(), problems);
		text(item, "name", skill.name(), 100, problems);
		text(item, "summary", skill.summary(), 2000, problems);
		if (skill.category() == null) {
			problems.add(new Problem(item, "category", "is required"));
		}
		if (skill.estimatedHours() == null || skill.estimatedHours() < 1 || skill.estimatedHours() > 10_000) {
			problems
				.add(new Problem(item, "estimatedHours", "must be between 1 and 10000, was " + skill.estimatedHours()));
		}
		Set<String> aliasKeys = new HashSet<>();
		for (String alias : skill.aliases()) {
			if (alias == null || alias.isBlank() || alias.length() > 100) {
				problems.add(new Problem(item, "aliases", "an alias must have 1 to 100 characters"));
			}
			else if (!aliasKeys.add(SearchKeys.of(alias))) {
				problems.add(new Problem(item, "aliases", "duplicate alias '" + alias + "'"));
			}
		}
		Set<String> required = new HashSet<>();
		for (String requirement : skill.requires()) {
			if (requirement == null || !required.add(requirement)) {
				problems.add(new Problem(item, "requires", "lists '" + requirement + "' twice"));
			}
			else if (requirement.equals(skill.id())) {
				problems.add(new Problem(item, "requires", "a skill cannot require itself"));
			}
		}
		if (skill.id() != null && skill.id().equals(skill.alternativeOf())) {
			problems.add(new Problem(item, "alternativeOf", "a skill cannot be a choice of itself"));
		}
		Set<String> urls = new HashSet<>();
		for (int i = 0; i < skill.resources().size(); i++) {
			ResourceDefinition resource = skill.resources().get(i);
			String field = "resources[" + i + "]";
			text(item, field + ".title", resource.title(), 200, problems);
			if (resource.kind() == null) {
				problems.add(new Problem(item, field + ".kind", "is required"));
			}
			if (resource.free() == null) {
				problems.add(new Problem(item, field + ".free", "is required"));
			}
			String urlProblem = urlProblem(resource.url());
			if (urlProblem != null) {
				problems.add(new Problem(item, field + ".url", urlProblem));
			}
			else if (!urls.add(resource.url())) {
				problems.add(new Problem(item, field + ".url", "duplicate url " + resource.url()));
			}
		}
		return problems;
	}

	static void checkId(String item, String field, String id, List<Problem> problems) {
		if (id == null || id.isBlank()) {
			problems.add(new Problem(item, field, "is required"));
		}
		else if (id.length() > 64 || !ID.matcher(id).matches()) {
			problems.add(new Problem(item, field,
					"'" + id + "' is not a valid id: use lowercase letters, digits and single hyphens, at most 64"));
		}
	}

	private static void text(String item, String field, String value, int max, List<Problem> problems) {
		if (value == null || value.isBlank()) {
			problems.add(new Problem(item, field, "must not be blank"));
		}
		else if (value.length() > max) {
			problems.add(new Problem(item, field, "is longer than " + max + " characters"));
		}
	}

	static String urlProblem(String url) {
		if (url == null || url.isBlank()) {
			return "is required";
		}
		try {
			URI uri = new URI(url);
			if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
				return "'" + url + "' is not a valid URL: it must start with https:// or http://";
			}
			if (uri.getHost() == null || !uri.getHost().contains(".")) {
				return "'" + url + "' is not a valid URL: it has no host name";
			}
			return null;
		}
		catch (URISyntaxException ex) {
			return "'" + url + "' is not a valid URL: " + ex.getReason();
		}
	}

	/** Graph rules over the whole snapshot, reported for the changed skills. */
	static List<Problem> checkGraph(ContentSnapshot content, Collection<String> changed) {
		List<Problem> problems = new ArrayList<>();
		Map<String, String> nameOwners = new HashMap<>();
		Map<String, String> aliasOwners = new HashMap<>();
		for (SkillDefinition skill : content.skills.values()) {
			nameOwners.putIfAbsent(SearchKeys.of(skill.name()), skill.id());
			for (String alias : skill.aliases()) {
				aliasOwners.putIfAbsent(SearchKeys.of(alias), skill.id());
			}
		}
		for (String id : changed) {
			SkillDefinition skill = content.skills.get(id);
			if (skill == null) {
				continue;
			}
			String item = "skill '" + id + "'";
			for (String requirement : skill.requires()) {
				if (!content.skills.containsKey(requirement)) {
					problems.add(new Problem(item, "requires", "requires unknown skill '" + requirement + "'"));
				}
			}
			if (skill.alternativeOf() != null && !content.skills.containsKey(skill.alternativeOf())) {
				problems.add(new Problem(item, "alternativeOf",
						"is a choice of unknown skill '" + skill.alternativeOf() + "'"));
			}
			String nameKey = SearchKeys.of(skill.name());
			String nameOwner = nameOwners.get(nameKey);
			if (nameOwner != null && !nameOwner.equals(id)) {
				problems.add(new Problem(item, "name",
						"name '" + skill.name() + "' is already used by skill '" + nameOwner + "'"));
			}
			String nameAsAlias = aliasOwners.get(nameKey);
			if (nameAsAlias != null && !nameAsAlias.equals(id)) {
				problems.add(new Problem(item, "name",
						"name '" + skill.name() + "' is already an alias of skill '" + nameAsAlias + "'"));
			}
			for (String alias : skill.aliases()) {
				String key = SearchKeys.of(alias);
				String aliasOwner = aliasOwners.get(key);
				String aliasNameOwner = nameOwners.get(key);
				if (aliasOwner != null && !aliasOwner.equals(id)) {
					problems.add(new Problem(item, "aliases",
							"alias '" + alias + "' is already used by skill '" + aliasOwner + "'"));
				}
				else if (aliasNameOwner != null && !aliasNameOwner.equals(id)) {
					problems.add(new Problem(item, "aliases",
							"alias '" + alias + "' is the name of skill '" + aliasNameOwner + "'"));
				}
			}
		}
		List<String> cycle = findCycle(content, changed);
		if (cycle != null) {
			problems.add(new Problem("skill '" + cycle.get(0) + "'", "requires",
					"prerequisite cycle: " + String.join(" -> ", cycle)));
		}
		return problems;
	}

	/**
	 * A cycle through the prerequisites, as a path that starts and ends with the same id.
	 */
	static List<String> findCycle(ContentSnapshot content, Collection<String> startAt) {
		Map<String, Integer> state = new HashMap<>(); // 1 = on the current path, 2 = done
		List<String> starts = new ArrayList<>(startAt);
		starts.addAll(content.skills.keySet());
		for (String start : starts) {
			if (state.containsKey(start) || !content.skills.containsKey(start)) {
				continue;
			}
			// iterative depth-first search, so a long chain cannot overflow the stack
			Deque<String> path = new ArrayDeque<>();
			Deque<java.util.Iterator<String>> next = new ArrayDeque<>();
			path.push(start);
			next.push(content.skills.get(start).requires().iterator());
			state.put(start, 1);
			while (!path.isEmpty()) {
				java.util.Iterator<String> it = next.peek();
				if (!it.hasNext()) {
					state.put(path.pop(), 2);
					next.pop();
					continue;
				}
				String child = it.next();
				if (!content.skills.containsKey(child)) {
					continue;
				}
				Integer childState = state.get(child);
				if (childState == null) {
					state.put(child, 1);
					path.push(child);
					next.push(content.skills.get(child).requires().iterator());
				}
				else if (childState == 1) {
					List<String> cycle = new ArrayList<>();
					List<String> onPath = new ArrayList<>(path);
					java.util.Collections.reverse(onPath);
					cycle.addAll(onPath.subList(onPath.indexOf(child), onPath.size()));
					cycle.add(child);
					return cycle;
				}
			}
		}
		return null;
	}

	/** Rules for a roadmap definition against the content it will be part of. */
	static List<Problem> checkRoadmap(RoadmapDocument.RoadmapDefinition roadmap, ContentSnapshot content) {
		List<Problem> problems = new ArrayList<>();
		if (roadmap == null) {
			problems.add(new Problem("document", "roadmap", "is required"));
			return problems;
		}
		String item = "roadmap '" + roadmap.id() + "'";
		checkId(item, "id", roadmap.id(), problems);
		text(item, "title", roadmap.title(), 200, problems);
		text(item, "description", roadmap.description(), 5000, problems);
		if (roadmap.stages() == null || roadmap.stages().isEmpty()) {
			problems.add(new Problem(item, "stages", "a roadmap needs at least one stage"));
			return problems;
		}
		Map<String, Integer> placed = new LinkedHashMap<>();
		for (int i = 0; i < roadmap.stages().size(); i++) {
			RoadmapDocument.StageDefinition stage = roadmap.stages().get(i);
			String stageItem = "stage " + (i + 1) + " of " + item;
			text(stageItem, "title", stage.title(), 200, problems);
			for (String skillId : stage.skills() == null ? List.<String>of() : stage.skills()) {
				if (!content.skills.containsKey(skillId)) {
					problems.add(new Problem(stageItem, "skills", "unknown skill '" + skillId + "'"));
				}
				Integer earlier = placed.putIfAbsent(skillId, i + 1);
				if (earlier != null) {
					problems.add(
							new Problem(stageItem, "skills", "skill '" + skillId + "' is already in stage " + earlier));
				}
			}
		}
		return problems;
	}

}
