package dev.skillpath.progress.roadmap;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.skillpath.progress.skill.ProgressReader;
import dev.skillpath.progress.skill.Skill;
import dev.skillpath.support.error.ApiException;
import dev.skillpath.support.graphql.Cursors;
import dev.skillpath.support.security.Callers;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.federation.EntityMapping;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * {@code Roadmap.myCompletion} and {@code Roadmap.myNextSkills}, computed from the fields
 * the router sends with each roadmap ({@code @requires}) and the caller's progress.
 */
@Controller
public class RoadmapProgressController {

	private final ProgressReader progress;

	public RoadmapProgressController(ProgressReader progress) {
		this.progress = progress;
	}

	@EntityMapping
	public Mono<List<Roadmap>> roadmap(List<Map<String, Object>> representations) {
		return Mono.fromCallable(() -> representations.stream().map(Roadmap::fromRepresentation).toList());
	}

	/**
	 * Completion of every roadmap in the batch, from one read of the caller's progress;
	 * null for anonymous callers.
	 */
	@BatchMapping(typeName = "Roadmap", field = "myCompletion")
	public Mono<Map<Roadmap, Completion>> myCompletion(List<Roadmap> roadmaps) {
		for (Roadmap roadmap : roadmaps) {
			if (roadmap.skillIds() == null) {
				return Mono.error(missing("skillIds", roadmap));
			}
		}
		return Callers.current().flatMap((caller) -> {
			if (!caller.isAuthenticated()) {
				return Mono.just(Map.<Roadmap, Completion>of());
			}
			Set<String> all = roadmaps.stream().flatMap((r) -> r.skillIds().stream()).collect(Collectors.toSet());
			return this.progress.ofSkills(caller.subject(), all)
				.map((found) -> roadmaps.stream()
					.distinct()
					.collect(Collectors.toMap(Function.identity(), (r) -> Completion.of(r.skillIds(), found))));
		});
	}

	@SchemaMapping(typeName = "Roadmap", field = "myNextSkills")
	public Mono<List<Skill>> myNextSkills(Roadmap roadmap, @Argument Integer first) {
		int size = Cursors.pageSize(first, 5, 100);
		if (roadmap.skills() == null) {
			return Mono.error(missing("skills { id requires { id } alternativeOf { id } }", roadmap));
		}
		return Callers.current().flatMap((caller) -> {
			if (!caller.isAuthenticated()) {
				return Mono.just(List.<Skill>of());
			}
			Set<String> ids = new LinkedHashSet<>(NextSkills.idsToLookUp(roadmap.skills()));
			return this.progress.ofSkills(caller.subject(), ids)
				.map((found) -> NextSkills.of(roadmap.skills(), found, size).stream().map(Skill::new).toList());
		});
	}

	private static ApiException missing(String fields, Roadmap roadmap) {
		return ApiException.badUserInput("The representation of Roadmap '" + roadmap.id() + "' lacks the required "
				+ "fields " + fields + " (a federation router sends them; see @requires)", Map.of("field", fields));
	}

}
