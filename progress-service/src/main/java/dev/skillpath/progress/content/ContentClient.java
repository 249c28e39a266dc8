package dev.skillpath.progress.content;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.skillpath.progress.ProgressProperties;
import dev.skillpath.support.error.ApiException;
import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelOption;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Asks content-service (over its public GraphQL endpoint) which skills and roadmaps
 * exist. Any failure to get an answer becomes a retryable {@code SERVICE_UNAVAILABLE}, so
 * a write that needs the answer stores nothing and the client knows it may try again.
 */
@Component
public class ContentClient {

	private static final Log logger = LogFactory.getLog(ContentClient.class);

	private static final String SKILLS_QUERY = """
			query($r: [_Any!]!) { _entities(representations: $r) { ... on Skill { id } } }""";

	private static final String ROADMAP_QUERY = "query($id: ID!) { roadmap(id: $id) { skillIds } }";

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	private final WebClient web;

	private final Duration timeout;

	public ContentClient(ProgressProperties properties, ObjectProvider<ObservationRegistry> observations) {
		int connectMillis = (int) Math.min(properties.contentTimeout().toMillis(), 2000);
		HttpClient http = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectMillis)
			.responseTimeout(properties.contentTimeout());
		this.web = WebClient.builder()
			.baseUrl(properties.contentUrl().toString())
			.clientConnector(new ReactorClientHttpConnector(http))
			// metrics of the calls, and the trace context passed on to content-service
			.observationRegistry(observations.getIfAvailable(() -> ObservationRegistry.NOOP))
			.build();
		this.timeout = properties.contentTimeout();
	}

	/**
	 * For each id asked for, in order, the id content-service knows the skill by (a
	 * merged skill's old id answers the id it was merged into), or null when there is no
	 * such skill.
	 */
	public Mono<List<String>> resolveSkills(List<String> ids) {
		List<Map<String, Object>> representations = ids.stream()
			.map((id) -> Map.<String, Object>of("__typename", "Skill", "id", id))
			.toList();
		return post(SKILLS_QUERY, Map.of("r", representations), true).map((data) -> {
			if (!(data.get("_entities") instanceof List<?> entities) || entities.size() != ids.size()) {
				throw unavailable("content-service answered the skill lookup without one entity per id", null);
			}
			List<String> resolved = new ArrayList<>(ids.size());
			for (Object entity : entities) {
				resolved.add(entity instanceof Map<?, ?> skill && skill.get("id") instanceof String id ? id : null);
			}
			return Collections.unmodifiableList(resolved);
		});
	}

	/**
	 * The current skill ids of a roadmap, or empty when content-service has no such
	 * roadmap.
	 */
	public Mono<Optional<List<String>>> roadmapSkillIds(String roadmapId) {
		return post(ROADMAP_QUERY, Map.of("id", roadmapId), false).map((data) -> {
			if (!(data.get("roadmap") instanceof Map<?, ?> roadmap)) {
				return Optional.empty();
			}
			if (!(roadmap.get("skillIds") instanceof List<?> skillIds)) {
				throw unavailable("content-service answered a roadmap without skillIds", null);
			}
			return Optional.of(skillIds.stream().map(String::valueOf).toList());
		});
	}

	/**
	 * The {@code data} of content-service's answer. Errors are tolerated only when they
	 * say a key was not found ({@code notFoundIsAnAnswer}); any other error means no
	 * reliable answer.
	 */
	private Mono<Map<String, Object>> post(String query, Map<String, Object> variables, boolean notFoundIsAnAnswer) {
		return this.web.post()
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_GRAPHQL_RESPONSE)
			.bodyValue(Map.of("query", query, "variables", variables))
			.retrieve()
			.bodyToMono(JSON_OBJECT)
			.timeout(this.timeout)
			.onErrorMap((ex) -> !(ex instanceof ApiException),
					(ex) -> unavailable(ex instanceof java.util.concurrent.TimeoutException
							? "content-service did not answer within " + this.timeout.toMillis() + " ms"
							: "content-service is unreachable", ex))
			.map((body) -> {
				boolean reliable = !(body.get("errors") instanceof List<?> errors)
						|| notFoundIsAnAnswer && errors.stream().allMatch(ContentClient::isNotFound);
				if (reliable && body.get("data") instanceof Map<?, ?> data) {
					@SuppressWarnings("unchecked")
					Map<String, Object> typed = (Map<String, Object>) data;
					return typed;
				}
				throw unavailable("content-service answered with errors: " + body.get("errors"), null);
			});
	}

	private static boolean isNotFound(Object error) {
		return error instanceof Map<?, ?> map && map.get("extensions") instanceof Map<?, ?> extensions
				&& "NOT_FOUND".equals(extensions.get("code"));
	}

	private static ApiException unavailable(String reason, Throwable cause) {
		logger.warn(reason + (cause == null ? "" : ": " + cause));
		return ApiException.unavailable(
				"Could not check the ids with content-service (" + reason + "); nothing was stored, retry shortly");
	}

}
