package dev.skillpath.content.skill;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.skillpath.support.error.ApiException;
import dev.skillpath.support.graphql.Connection;
import dev.skillpath.support.graphql.Cursors;
import org.dataloader.DataLoader;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.federation.EntityMapping;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

/** Queries and fields of {@code Skill}, and the federation entity lookup for it. */
@Controller
public class SkillController {

	private static final String CURSOR_KIND = "skill";

	private static final String ENTITY_LOADER = "skillEntityLoader";

	private final SkillRepository skills;

	public SkillController(SkillRepository skills, BatchLoaderRegistry loaders) {
		this.skills = skills;
		// _entities keys of one request are collected by this loader and resolved in one
		// statement
		loaders.<String, Skill>forName(ENTITY_LOADER).registerMappedBatchLoader((ids, env) -> skills.resolve(ids));
	}

	@QueryMapping
	public Mono<Skill> skill(@Argument String id) {
		return this.skills.resolve(List.of(id)).mapNotNull((found) -> found.get(id));
	}

	/**
	 * {@code _entities} for Skill. One key per call, so that an unknown key answers null
	 * with its own NOT_FOUND error (the list form of {@code @EntityMapping} returns nulls
	 * without errors); the data loader still resolves all keys of the request in one
	 * statement.
	 */
	@EntityMapping
	public Mono<Skill> skill(@Argument String id, DataLoader<String, Skill> skillEntityLoader) {
		return Mono.fromFuture(skillEntityLoader.load(id))
			.switchIfEmpty(Mono.error(() -> ApiException.notFound("No skill with id '" + id + "'")));
	}

	@QueryMapping
	public Mono<Connection<Skill>> skills(@Argument SkillFilter filter, @Argument Integer first,
			@Argument String after) {
		SkillFilter effective = filter == null ? SkillFilter.NONE : filter;
		int size = Cursors.pageSize(first, 20, 100);
		String afterId = Cursors.decode(CURSOR_KIND, after);
		return Mono.zip(this.skills.page(effective, afterId, size + 1).collectList(), this.skills.count(effective))
			.map((page) -> Connection.of(page.getT1(), size, afterId != null,
					(skill) -> Cursors.encode(CURSOR_KIND, skill.id()), page.getT2()));
	}

	/**
	 * When {@code skills} fails (a bad cursor, say), Spring for GraphQL answers the
	 * non-null field with an empty connection of its own, which has no count; 0 keeps
	 * that from adding a second, internal error next to the client's BAD_USER_INPUT.
	 */
	@SchemaMapping(typeName = "SkillConnection", field = "totalCount")
	public int totalCount(Object connection) {
		return connection instanceof Connection<?> page && page.totalCount() != null ? page.totalCount() : 0;
	}

	@QueryMapping
	public Mono<List<SkillMatch>> searchSkills(@Argument String text, @Argument Integer first) {
		String key = SearchKeys.of(text);
		if (key.isEmpty()) {
			return Mono.error(ApiException.badUserInput("Search text must not be blank", Map.of("field", "text")));
		}
		if (key.length() > 100) {
			return Mono
				.error(ApiException.badUserInput("Search text is limited to 100 characters", Map.of("field", "text")));
		}
		return this.skills.search(key, Cursors.pageSize(first, 10, 50)).collectList();
	}

	@BatchMapping(typeName = "Skill", field = "requires")
	public Mono<Map<Skill, List<Skill>>> requires(List<Skill> batch) {
		return related(batch, Skill::requiresIds);
	}

	@BatchMapping(typeName = "Skill", field = "alternativeOf")
	public Mono<Map<Skill, Skill>> alternativeOf(List<Skill> batch) {
		Set<String> ids = batch.stream()
			.map(Skill::alternativeOfId)
			.filter(java.util.Objects::nonNull)
			.collect(Collectors.toSet());
		return byId(ids).map((found) -> batch.stream()
			.filter((skill) -> skill.alternativeOfId() != null && found.containsKey(skill.alternativeOfId()))
			.collect(Collectors.toMap(Function.identity(), (skill) -> found.get(skill.alternativeOfId()))));
	}

	@BatchMapping(typeName = "Skill", field = "unlocks")
	public Mono<Map<Skill, List<Skill>>> unlocks(List<Skill> batch) {
		return this.skills.unlocking(ids(batch)).map((found) -> perSkill(batch, found));
	}

	@BatchMapping(typeName = "Skill", field = "alternatives")
	public Mono<Map<Skill, List<Skill>>> alternatives(List<Skill> batch) {
		return this.skills.alternativesOf(ids(batch)).map((found) -> perSkill(batch, found));
	}

	@SchemaMapping(typeName = "Skill", field = "resources")
	public Mono<List<Resource>> resources(Skill skill, @Argument Boolean freeOnly,
			org.dataloader.DataLoader<String, List<Resource>> resourcesLoader) {
		return Mono.fromFuture(resourcesLoader.load(skill.id()))
			.map((all) -> Boolean.TRUE.equals(freeOnly) ? all.stream().filter(Resource::free).toList() : all);
	}

	@SchemaMapping(typeName = "Skill", field = "updatedAt")
	public String updatedAt(Skill skill) {
		return skill.updatedAt() == null ? null : skill.updatedAt().toString();
	}

	/**
	 * Skills related by a list of ids on each skill, loaded in one statement for the
	 * batch.
	 */
	public Mono<Map<Skill, List<Skill>>> related(List<Skill> batch, Function<Skill, List<String>> idsOf) {
		Set<String> ids = batch.stream().flatMap((s) -> idsOf.apply(s).stream()).collect(Collectors.toSet());
		return byId(ids).map((found) -> batch.stream()
			.collect(Collectors.toMap(Function.identity(),
					(skill) -> idsOf.apply(skill).stream().map(found::get).filter(java.util.Objects::nonNull).toList(),
					(a, b) -> a)));
	}

	private Mono<Map<String, Skill>> byId(Collection<String> ids) {
		return this.skills.findByIds(ids).collectMap(Skill::id);
	}

	private static List<String> ids(List<Skill> batch) {
		return batch.stream().map(Skill::id).distinct().toList();
	}

	private static Map<Skill, List<Skill>> perSkill(List<Skill> batch, Map<String, List<Skill>> found) {
		return batch.stream()
			.collect(Collectors.toMap(Function.identity(), (skill) -> found.getOrDefault(skill.id(), List.of()),
					(a, b) -> a));
	}

}
