package dev.skillpath.content.skill;

import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.BatchLoaderRegistry;

/**
 * A data loader for resources, because {@code Skill.resources} takes an argument and so
 * cannot be a {@code @BatchMapping}; the filter is applied per skill after one batched
 * load.
 */
@Configuration(proxyBeanMethods = false)
class ResourceLoaderRegistration {

	ResourceLoaderRegistration(BatchLoaderRegistry registry, SkillRepository skills) {
		registry.<String, List<Resource>>forName("resourcesLoader")
			.registerMappedBatchLoader((ids, env) -> skills.resourcesOf(ids).map((found) -> {
				Map<String, List<Resource>> complete = new java.util.HashMap<>(found);
				ids.forEach((id) -> complete.putIfAbsent(id, List.of()));
				return complete;
			}).defaultIfEmpty(Map.of()));
	}

}
