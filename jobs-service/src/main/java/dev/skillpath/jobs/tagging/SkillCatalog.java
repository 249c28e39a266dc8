package dev.skillpath.jobs.tagging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.skillpath.jobs.JobsProperties;
import dev.skillpath.jobs.RepeatedWork;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The roadmap's skills and aliases and the source article's reference figures, fetched
 * over HTTP from content-service's GraphQL API at start and again every refresh interval.
 * When the skills change a {@link SkillsChanged} event asks for listings to be tagged
 * again.
 */
@Component
public class SkillCatalog implements org.springframework.beans.factory.DisposableBean {

	private static final Log logger = LogFactory.getLog(SkillCatalog.class);

	private static final String QUERY = """
			query($after: String) {
			  skills(first: 100, after: $after) {
			    edges { node { id name aliases alternativeOf { id } } }
			    pageInfo { hasNextPage endCursor }
			  }
			  careerFacts { id statement figure unit }
			}""";

	/**
	 * Skills as fetched: the tagger built from them, the career figures, which choice
	 * each option skill belongs to ("Pick a relational database" for PostgreSQL), and a
	 * version to detect change.
	 */
	public record Snapshot(SkillTagger tagger, List<CareerFigure> figures, int skillCount, String version,
			Map<String, String> choiceOf) {

		static final Snapshot EMPTY = new Snapshot(new SkillTagger(List.of()), List.of(), 0, "", Map.of());

		/** The choices that an option among {@code done} settles. */
		public java.util.Set<String> choicesSettledBy(java.util.Collection<String> done) {
			java.util.Set<String> settled = new java.util.HashSet<>();
			for (String skill : done) {
				String choice = this.choiceOf.get(skill);
				if (choice != null) {
					settled.add(choice);
				}
			}
			return settled;
		}

	}

	/** Published when the skills differ from the ones listings were tagged with. */
	public record SkillsChanged(Snapshot snapshot) {
	}

	private final AtomicReference<Snapshot> current = new AtomicReference<>(Snapshot.EMPTY);

	private final WebClient client;

	private final JsonMapper json;

	private final JobsProperties.Content settings;

	private final ApplicationEventPublisher events;

	private final RepeatedWork refreshing;

	public SkillCatalog(WebClient.Builder builder, JsonMapper json, JobsProperties properties,
			ApplicationEventPublisher events) {
		this.client = builder.build();
		this.json = json;
		this.settings = properties.content();
		this.events = events;
		this.refreshing = new RepeatedWork(logger, "Could not fetch skills from " + this.settings.graphqlUrl() + ": ");
	}

	public Snapshot current() {
		return this.current.get();
	}

	/**
	 * The skills, fetched first if none were yet (a push right after start tags like
	 * every later one).
	 */
	public Mono<Snapshot> ready() {
		Snapshot now = this.current.get();
		return now.skillCount() > 0 ? Mono.just(now) : refresh().onErrorResume((ex) -> Mono.just(this.current.get()));
	}

	@EventListener(ApplicationReadyEvent.class)
	public void startRefreshing() {
		// a content-service that is not up yet (or has no skills yet) is asked again
		// soon, backing
		// off, until the first load succeeds; after that every refresh interval
		Mono<Snapshot> firstLoad = Mono
			.defer(() -> this.current.get().skillCount() > 0 ? Mono.just(this.current.get()) : refresh())
			.retryWhen(
					Retry.backoff(Long.MAX_VALUE, this.settings.firstLoadRetry())
						.maxBackoff(this.settings.firstLoadMaxRetry())
						.doBeforeRetry((signal) -> logger.warn("No skills from " + this.settings.graphqlUrl()
								+ " yet (attempt " + (signal.totalRetries() + 1) + "): " + signal.failure().getMessage()
								+ "; asking again soon")));
		this.refreshing.start(
				firstLoad.thenMany(Flux.interval(this.settings.refreshInterval(), this.settings.refreshInterval())),
				this::refresh);
	}

	@Override
	public void destroy() {
		this.refreshing.stop();
	}

	/**
	 * Fetches every page of skills; publishes {@link SkillsChanged} when they differ from
	 * the last fetch.
	 */
	public Mono<Snapshot> refresh() {
		return fetchPage(null, new ArrayList<>(), List.of(), new java.util.HashMap<>()).map((snapshot) -> {
			Snapshot previous = this.current.getAndSet(snapshot);
			if (!previous.version().equals(snapshot.version())) {
				logger.info("Tagging with " + snapshot.skillCount() + " skills from content-service");
				this.events.publishEvent(new SkillsChanged(snapshot));
			}
			return snapshot;
		});
	}

	private Mono<Snapshot> fetchPage(String after, List<SkillTerm> terms, List<CareerFigure> figures,
			Map<String, String> choiceOf) {
		java.util.Map<String, Object> variables = new java.util.HashMap<>();
		variables.put("after", after);
		return this.client.post()
			.uri(this.settings.graphqlUrl())
			.bodyValue(Map.of("query", QUERY, "variables", variables))
			.retrieve()
			.bodyToMono(String.class)
			.timeout(Duration.ofSeconds(10))
			.retryWhen(Retry.backoff(2, Duration.ofMillis(200)))
			.flatMap((body) -> {
				JsonNode root = this.json.readTree(body);
				JsonNode skills = root.path("data").path("skills");
				if (skills.isMissingNode() || skills.isNull()) {
					return Mono.error(new IllegalStateException("content-service answered no skills: " + body));
				}
				for (JsonNode edge : skills.path("edges")) {
					JsonNode node = edge.path("node");
					List<String> aliases = new ArrayList<>();
					node.path("aliases").forEach((alias) -> aliases.add(alias.asString()));
					terms
						.addAll(SkillTagger.termsOf(node.path("id").asString(), node.path("name").asString(), aliases));
					JsonNode choice = node.path("alternativeOf").path("id");
					if (choice.isString()) {
						choiceOf.put(node.path("id").asString(), choice.asString());
					}
				}
				List<CareerFigure> facts = figures;
				if (facts.isEmpty()) {
					facts = new ArrayList<>();
					for (JsonNode fact : root.path("data").path("careerFacts")) {
						if (fact.path("figure").isNumber()) {
							facts.add(new CareerFigure(fact.path("id").asString(), fact.path("statement").asString(),
									fact.path("figure").asDouble(), fact.path("unit").asString()));
						}
					}
				}
				JsonNode pageInfo = skills.path("pageInfo");
				if (pageInfo.path("hasNextPage").asBoolean()) {
					return fetchPage(pageInfo.path("endCursor").asString(), terms, facts, choiceOf);
				}
				long skillCount = terms.stream().map(SkillTerm::skillId).distinct().count();
				if (skillCount == 0) {
					// content-service answers before its shipped roadmap is loaded: keep
					// what we have, ask again
					return Mono.error(new IllegalStateException("content-service has no skills yet"));
				}
				String version = Integer.toHexString(terms.hashCode());
				return Mono.just(new Snapshot(new SkillTagger(terms), List.copyOf(facts), (int) skillCount, version,
						Map.copyOf(choiceOf)));
			});
	}

}
