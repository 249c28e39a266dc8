package dev.skillpath.progress.skill;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.skillpath.support.security.Callers;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.federation.EntityMapping;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * {@code Skill.myProgress}, and the federation lookup of the skills content-service owns.
 */
@Controller
public class SkillProgressController {

	private final ProgressReader progress;

	public SkillProgressController(ProgressReader progress) {
		this.progress = progress;
	}

	/**
	 * {@code _entities} for Skill: nothing to load here (content-service owns skills);
	 * the caller's progress on the whole batch is then read by {@link #myProgress} in one
	 * statement.
	 */
	@EntityMapping
	public Mono<List<Skill>> skill(@Argument List<String> idList) {
		return Mono.just(idList.stream().map(Skill::new).toList());
	}

	/**
	 * The caller's progress on every skill of the response, in one statement; null for
	 * anonymous callers.
	 */
	@BatchMapping(typeName = "Skill", field = "myProgress")
	public Mono<Map<Skill, SkillProgress>> myProgress(List<Skill> skills) {
		return Callers.current().flatMap((caller) -> {
			if (!caller.isAuthenticated()) {
				return Mono.just(Map.<Skill, SkillProgress>of());
			}
			return this.progress.ofSkills(caller.subject(), skills.stream().map(Skill::id).toList())
				.map((found) -> skills.stream()
					.distinct()
					.filter((skill) -> found.containsKey(skill.id()))
					.collect(Collectors.toMap(Function.identity(), (skill) -> found.get(skill.id()))));
		});
	}

	@SchemaMapping(typeName = "SkillProgress", field = "skill")
	public Skill skill(SkillProgress progress) {
		return new Skill(progress.skillId());
	}

	@SchemaMapping(typeName = "SkillProgress", field = "updatedAt")
	public String updatedAt(SkillProgress progress) {
		return progress.updatedAt().toString();
	}

}
