package dev.skillpath.gateway.edge;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.skillpath.gateway.GatewayApplication;
import dev.skillpath.support.security.DevTokenIssuer;
import dev.skillpath.support.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The edge on its own: persisted queries, rate limits counted in the real Redis, CORS,
 * and the partner route's size limit and circuit breaker. The supergraph comes from the
 * Apollo-composed fixture file; the operations used here need no subgraph.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + GatewayApplication.NAME,
				// any supergraph does; the router's Apollo-composed fixture is the one at
				// hand
				"skillpath.gateway.supergraph-file=../router/src/test/resources/fixtures/supergraph.graphql",
				"skillpath.gateway.rate-limit.store=redis", "skillpath.gateway.rate-limit.learner-per-window=3",
				// windows are fixed and aligned to the epoch: with a minute's, a test's
				// requests
				// could straddle two and see a fresh budget
				"skillpath.gateway.rate-limit.window=1d", "skillpath.gateway.rate-limit.anonymous-per-window=1000",
				"skillpath.gateway.rate-limit.partner-per-window=2", "PARTNER_MAX_REQUEST_SIZE=1KB",
				// nothing listens there: the partner route's circuit breaker answers
				// instead
				"JOBS_BASE_URL=http://127.0.0.1:9", "CORS_ALLOWED_ORIGINS=https://app.skillpath.dev" })
@ActiveProfiles("test")
class GatewayEdgeTest {

	/**
	 * Each run counts under its own Redis keys, so runs within one window do not meet.
	 */
	static final String RUN = UUID.randomUUID().toString();

	@LocalServerPort
	int port;

	@Autowired
	DevTokenIssuer tokens;

	@Autowired
	ReactiveStringRedisTemplate redis;

	WebTestClient http;

	@BeforeEach
	void client() {
		this.http = EdgeClients.http(this.port);
	}

	String token() {
		return "Bearer " + this.tokens.issue("edge-" + UUID.randomUUID(), Role.LEARNER);
	}

	WebTestClient.ResponseSpec post(String token, Map<String, Object> body) {
		return this.http.post()
			.uri("/graphql")
			.header(HttpHeaders.AUTHORIZATION, token)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	/** A body sent to /graphql as JSON with no token, as it is written. */
	WebTestClient.ResponseSpec postJson(String body) {
		return this.http.post().uri("/graphql").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
	}

	WebTestClient.ResponseSpec postPartner(String key, String body) {
		return this.http.post()
			.uri("/partner/v1/jobs")
			.header("X-Api-Key", key)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	@Test
	void graphiQlIsServedForDevelopersInTheLocalAndTestProfiles() {
		String page = this.http.get()
			.uri("/graphiql")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(page).containsIgnoringCase("graphiql");
	}

	@Test
	void automaticPersistedQueriesFollowApollosProtocol() {
		String token = token();
		String query = "{ __typename }";
		String hash = PersistedQueryStore.sha256(query);
		Map<String, Object> byHash = Map.of("extensions",
				Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash)));
		post(token, byHash).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("PERSISTED_QUERY_NOT_FOUND");
		post(token, Map.of("query", query, "extensions", byHash.get("extensions"))).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.data.__typename")
			.isEqualTo("Query");
		post(this.token(), byHash).expectStatus().isOk().expectBody().jsonPath("$.data.__typename").isEqualTo("Query");
		post(this.token(), Map.of("query", "{ __typename __typename }", "extensions", byHash.get("extensions")))
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("BAD_USER_INPUT");
	}

	@Test
	void eachLearnerGetsTheirOwnBudgetInRedisAndIsToldWhenToRetry() {
		String ada = token();
		for (int i = 0; i < 3; i++) {
			post(ada, Map.of("query", "{ __typename }")).expectStatus().isOk().expectBody(Void.class);
		}
		post(ada, Map.of("query", "{ __typename }")).expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.exists(HttpHeaders.RETRY_AFTER)
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("RATE_LIMITED");
		// another learner is not affected
		post(token(), Map.of("query", "{ __typename }")).expectStatus().isOk().expectBody(Void.class);
		Long keys = this.redis.keys("skillpath:ratelimit:learner:*").count().block(Duration.ofSeconds(5));
		assertThat(keys).isGreaterThanOrEqualTo(2);
	}

	@Test
	void partnersAreLimitedPerKeyAndTheRouteFailsClosedWithAProblem() {
		String key = "pk_" + RUN;
		for (int i = 0; i < 2; i++) {
			postPartner(key, "[]").expectStatus()
				.isEqualTo(503)
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.code")
				.isEqualTo("SERVICE_UNAVAILABLE");
		}
		postPartner(key, "[]").expectStatus().isEqualTo(429).expectBody().jsonPath("$.code").isEqualTo("RATE_LIMITED");
	}

	@Test
	void graphQlBodiesOverTheSizeLimitAreRefusedAndBadJsonIsNamed() {
		String padding = "x".repeat(300 * 1024);
		postJson("{\"query\": \"{ __typename }\", \"operationName\": \"" + padding + "\"}").expectStatus()
			.isEqualTo(413)
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("PAYLOAD_TOO_LARGE");
		postJson("{\"query\": ").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].message")
			.value((String message) -> assertThat(message).startsWith("The body is not valid JSON: "));
	}

	@Test
	void partnerBodiesOverTheSizeLimitAreRefusedAtTheEdge() {
		postPartner("pk_big_" + RUN, "[" + "\"x\",".repeat(1000) + "\"x\"]").expectStatus()
			.isEqualTo(413)
			.expectBody(Void.class);
	}

	/**
	 * A browser's CORS preflight for a POST to /graphql from a page of {@code origin}.
	 */
	WebTestClient.ResponseSpec preflightFrom(String origin) {
		return this.http.options()
			.uri("/graphql")
			.header(HttpHeaders.ORIGIN, origin)
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.exchange();
	}

	@Test
	void browsersFromAllowedOriginsOnly() {
		preflightFrom("https://app.skillpath.dev").expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://app.skillpath.dev")
			.expectBody(Void.class);
		preflightFrom("https://evil.example").expectStatus().isForbidden().expectBody(Void.class);
	}

	@Test
	void batchedRequestsAreAnsweredInOrderUpToTheLimit() {
		String token = token();
		this.http.post()
			.uri("/graphql")
			.header(HttpHeaders.AUTHORIZATION, token)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(java.util.List.of(Map.of("query", "{ __typename }"), Map.of("query", "{ a: __typename }")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[0].data.__typename")
			.isEqualTo("Query")
			.jsonPath("$[1].data.a")
			.isEqualTo("Query");
		this.http.post()
			.uri("/graphql")
			.header(HttpHeaders.AUTHORIZATION, token)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(java.util.Collections.nCopies(11, Map.of("query", "{ __typename }")))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].message")
			.value((String m) -> assertThat(m).contains("1 to 10"));
	}

	@Test
	void bodiesThatAreNotGraphQlRequestsAreRefusedWith400() {
		postJson("{\"query\": ").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("BAD_REQUEST");
		postJson("{\"query\": 42}").expectStatus().isBadRequest().expectBody(Void.class);
		postJson("\"just a string\"").expectStatus().isBadRequest().expectBody(Void.class);
	}

	@Test
	void federationMetricsAreExposed() {
		post(token(), Map.of("query", "{ __typename }")).expectStatus().isOk().expectBody(Void.class);
		String scrape = this.http.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(scrape).contains("skillpath_gateway_plan_cache_hit_ratio", "skillpath_gateway_subgraph_calls",
				"skillpath_gateway_supergraph_ready");
	}

}
