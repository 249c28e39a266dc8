package dev.skillpath.content.roadmap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

import dev.skillpath.content.skill.Skill;
import dev.skillpath.content.skill.SkillRepository;
import dev.skillpath.support.error.ApiException;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * {@code learningPath(to)}: every transitive prerequisite of a skill, in an order where
 * each skill follows all of its prerequisites, ending with the skill itself. Among skills
 * that could come next, the shorter one (estimated hours), then the name, goes first, so
 * the order is stable.
 */
@Controller
public class LearningPathController {

	private final SkillRepository skills;

	public LearningPathController(SkillRepository skills) {
		this.skills = skills;
	}

	@QueryMapping
	public Mono<List<Skill>> learningPath(@Argument String to) {
		return this.skills.resolve(List.of(to)).flatMap((found) -> {
			Skill target = found.get(to);
			if (target == null) {
				return Mono.error(ApiException.notFound("No skill with id '" + to + "'"));
			}
			return this.skills.prerequisiteEdges(target.id()).collectList().flatMap((edges) -> {
				Set<String> ids = new HashSet<>();
				ids.add(target.id());
				edges.forEach((e) -> {
					ids.add(e[0]);
					ids.add(e[1]);
				});
				return this.skills.findByIds(ids).collectMap(Skill::id).map((byId) -> order(byId, edges));
			});
		});
	}

	static List<Skill> order(Map<String, Skill> byId, List<String[]> edges) {
		Map<String, Integer> missing = new HashMap<>();
		Map<String, List<String>> unlocks = new HashMap<>();
		byId.keySet().forEach((id) -> missing.put(id, 0));
		for (String[] edge : edges) {
			missing.merge(edge[0], 1, Integer::sum);
			unlocks.computeIfAbsent(edge[1], (k) -> new ArrayList<>()).add(edge[0]);
		}
		PriorityQueue<Skill> ready = new PriorityQueue<>(
				Comparator.comparingInt(Skill::estimatedHours).thenComparing(Skill::name));
		missing.forEach((id, count) -> {
			if (count == 0 && byId.containsKey(id)) {
				ready.add(byId.get(id));
			}
		});
		List<Skill> path = new ArrayList<>(byId.size());
		while (!ready.isEmpty()) {
			Skill next = ready.poll();
			path.add(next);
			for (String unlocked : unlocks.getOrDefault(next.id(), List.of())) {
				if (missing.merge(unlocked, -1, Integer::sum) == 0 && byId.containsKey(unlocked)) {
					ready.add(byId.get(unlocked));
				}
			}
		}
		return path;
	}

}
