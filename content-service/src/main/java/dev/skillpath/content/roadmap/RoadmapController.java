package dev.skillpath.content.roadmap;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.skillpath.content.skill.Skill;
import dev.skillpath.content.skill.SkillRepository;
import dev.skillpath.support.error.ApiException;
import org.dataloader.DataLoader;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.federation.EntityMapping;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

/** Queries and fields of {@code Roadmap} and {@code Stage}, and the federation lookup. */
@Controller
public class RoadmapController {

	private final RoadmapRepository roadmaps;

	private final SkillRepository skills;

	public RoadmapController(RoadmapRepository roadmaps, SkillRepository skills, BatchLoaderRegistry loaders) {
		this.roadmaps = roadmaps;
		this.skills = skills;
		// _entities keys of one request are collected by this loader and read in one
		// statement
		loaders.<String, Roadmap>forName("roadmapEntityLoader")
			.registerMappedBatchLoader((ids, env) -> roadmaps.findByIds(ids).collectMap(Roadmap::id));
	}

	@QueryMapping
	public Flux<Roadmap> roadmaps() {
		return this.roadmaps.findAll();
	}

	@QueryMapping
	public Mono<Roadmap> roadmap(@Argument String id) {
		return this.roadmaps.findByIds(List.of(id)).next();
	}

	/**
	 * {@code _entities} for Roadmap, one key per call so that an unknown key answers null
	 * with its own NOT_FOUND error; the data loader reads all keys of the request in one
	 * statement.
	 */
	@EntityMapping
	public Mono<Roadmap> roadmap(@Argument String id, DataLoader<String, Roadmap> roadmapEntityLoader) {
		return Mono.fromFuture(roadmapEntityLoader.load(id))
			.switchIfEmpty(Mono.error(() -> ApiException.notFound("No roadmap with id '" + id + "'")));
	}

	@BatchMapping(typeName = "Roadmap", field = "stages")
	public Mono<Map<Roadmap, List<Stage>>> stages(List<Roadmap> batch) {
		return stagesByRoadmap(batch);
	}

	@BatchMapping(typeName = "Roadmap", field = "skillIds")
	public Mono<Map<Roadmap, List<String>>> skillIds(List<Roadmap> batch) {
		return stagesByRoadmap(batch).map((stages) -> transform(stages, RoadmapController::skillIdsOf));
	}

	@BatchMapping(typeName = "Roadmap", field = "skills")
	public Mono<Map<Roadmap, List<Skill>>> skills(List<Roadmap> batch) {
		return stagesByRoadmap(batch).flatMap((stages) -> {
			List<String> all = stages.values().stream().flatMap((s) -> skillIdsOf(s).stream()).distinct().toList();
			return this.skills.findByIds(all)
				.collectMap(Skill::id)
				.map((found) -> transform(stages,
						(list) -> skillIdsOf(list).stream()
							.map(found::get)
							.filter(java.util.Objects::nonNull)
							.toList()));
		});
	}

	@BatchMapping(typeName = "Stage", field = "skills")
	public Mono<Map<Stage, List<Skill>>> stageSkills(List<Stage> batch) {
		List<String> all = batch.stream().flatMap((s) -> s.skillIds().stream()).distinct().toList();
		return this.skills.findByIds(all)
			.collectMap(Skill::id)
			.map((found) -> batch.stream()
				.collect(Collectors.toMap(Function.identity(), (
						stage) -> stage.skillIds().stream().map(found::get).filter(java.util.Objects::nonNull).toList(),
						(a, b) -> a)));
	}

	private Mono<Map<Roadmap, List<Stage>>> stagesByRoadmap(List<Roadmap> batch) {
		return this.roadmaps.stagesOf(batch.stream().map(Roadmap::id).distinct().toList())
			.map((found) -> batch.stream()
				.collect(Collectors.toMap(Function.identity(), (r) -> found.getOrDefault(r.id(), List.of()),
						(a, b) -> a)));
	}

	private static List<String> skillIdsOf(List<Stage> stages) {
		return stages.stream().flatMap((s) -> s.skillIds().stream()).toList();
	}

	private static <T> Map<Roadmap, T> transform(Map<Roadmap, List<Stage>> stages, Function<List<Stage>, T> f) {
		return stages.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, (e) -> f.apply(e.getValue())));
	}

}
