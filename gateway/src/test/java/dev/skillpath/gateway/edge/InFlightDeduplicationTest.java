package dev.skillpath.gateway.edge;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import com.sun.net.httpserver.HttpServer;
import dev.skillpath.gateway.GatewayApplication;
import dev.skillpath.support.security.DevTokenIssuer;
import dev.skillpath.support.security.Role;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Identical subgraph queries in flight at the same time share one call, over real HTTP:
 * the subgraph holds every query until the test has seen the requests it expects arrive
 * (joined calls in the metric, or calls at the subgraph), then answers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + GatewayApplication.NAME, "skillpath.gateway.subgraph-timeout=20s" })
@ActiveProfiles("test")
class InFlightDeduplicationTest {

	static HeldSubgraph subgraph;

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@Autowired
	DevTokenIssuer tokens;

	WebClient client;

	@DynamicPropertySource
	static void subgraphs(DynamicPropertyRegistry registry) throws IOException {
		subgraph = new HeldSubgraph();
		registry.add("skillpath.gateway.subgraphs.content", subgraph::url);
		registry.add("skillpath.gateway.subgraphs.progress", () -> "");
		registry.add("skillpath.gateway.subgraphs.jobs", () -> "");
	}

	@AfterAll
	static void stop() {
		subgraph.server.stop(0);
	}

	@BeforeEach
	void ready() throws InterruptedException {
		EdgeClients.awaitReady(EdgeClients.http(this.port), Duration.ofSeconds(30), "supergraph composed");
		this.client = WebClient.create("http://localhost:" + this.port);
		subgraph.failing.set(false);
	}

	@Test
	void identicalConcurrentAnonymousQueriesMakeOneSubgraphCall() throws Exception {
		double joinedBefore = joined();
		int callsBefore = subgraph.calls.get();
		CompletableFuture<List<Map<String, Object>>> answers = ask(8, "{ whoami }", null);

		subgraph.releaseWhen(() -> joined() - joinedBefore >= 7 && subgraph.calls.get() - callsBefore >= 1);

		assertThat(answers.get(20, TimeUnit.SECONDS)).hasSize(8)
			.allSatisfy((answer) -> assertThat(answer).containsEntry("data", Map.of("whoami", "anonymous")));
		assertThat(subgraph.calls.get() - callsBefore).isEqualTo(1);
	}

	@Test
	void twoLearnersWithTheSameQueryMakeTwoCallsAndEachGetsTheirOwnAnswer() throws Exception {
		int callsBefore = subgraph.calls.get();
		String adaToken = "Bearer " + this.tokens.issue("ada", Role.LEARNER);
		String graceToken = "Bearer " + this.tokens.issue("grace", Role.LEARNER);
		CompletableFuture<List<Map<String, Object>>> ada = ask(3, "{ whoami }", adaToken);
		CompletableFuture<List<Map<String, Object>>> grace = ask(3, "{ whoami }", graceToken);

		double joinedBefore = joined();
		subgraph.releaseWhen(() -> subgraph.calls.get() - callsBefore >= 2 && joined() - joinedBefore >= 4);

		assertThat(ada.get(20, TimeUnit.SECONDS)).hasSize(3)
			.allSatisfy((answer) -> assertThat(answer).containsEntry("data", Map.of("whoami", adaToken)));
		assertThat(grace.get(20, TimeUnit.SECONDS)).hasSize(3)
			.allSatisfy((answer) -> assertThat(answer).containsEntry("data", Map.of("whoami", graceToken)));
		assertThat(subgraph.calls.get() - callsBefore).isEqualTo(2);
	}

	@Test
	void identicalConcurrentMutationsEachReachTheSubgraph() throws Exception {
		int callsBefore = subgraph.calls.get();
		CompletableFuture<List<Map<String, Object>>> answers = ask(3, "mutation { touch }", null);

		subgraph.releaseWhen(() -> subgraph.calls.get() - callsBefore >= 3);

		assertThat(answers.get(20, TimeUnit.SECONDS)).hasSize(3)
			.allSatisfy((answer) -> assertThat(answer).containsEntry("data", Map.of("touch", "touched")));
		assertThat(subgraph.calls.get() - callsBefore).isEqualTo(3);
	}

	@Test
	@SuppressWarnings("unchecked")
	void aFailedSharedCallFailsEveryWaitingRequestWithItsOwnError() throws Exception {
		subgraph.failing.set(true);
		double joinedBefore = joined();
		int callsBefore = subgraph.calls.get();
		CompletableFuture<List<Map<String, Object>>> answers = ask(4, "{ whoami }", null);

		subgraph.releaseWhen(() -> joined() - joinedBefore >= 3 && subgraph.calls.get() - callsBefore >= 1);

		List<Map<String, Object>> all = answers.get(20, TimeUnit.SECONDS);
		assertThat(all).hasSize(4).allSatisfy((answer) -> {
			assertThat((Map<String, Object>) answer.get("data")).containsEntry("whoami", null);
			List<Map<String, Object>> errors = (List<Map<String, Object>>) answer.get("errors");
			assertThat(errors).singleElement().satisfies((error) -> {
				assertThat(error).containsEntry("path", List.of("whoami"));
				assertThat((Map<String, Object>) error.get("extensions")).containsEntry("code", "SERVICE_UNAVAILABLE")
					.containsEntry("service", "content");
			});
		});
		// each answer is its own: no two requests were handed one error list
		assertThat(all.stream().map((answer) -> System.identityHashCode(answer.get("errors"))).distinct()).hasSize(4);
		assertThat(subgraph.calls.get() - callsBefore).isEqualTo(1);
	}

	private CompletableFuture<List<Map<String, Object>>> ask(int times, String query, String authorization) {
		return Flux.range(0, times)
			.flatMap((i) -> this.client.post()
				.uri("/graphql")
				.contentType(MediaType.APPLICATION_JSON)
				.headers((headers) -> {
					if (authorization != null) {
						headers.set(HttpHeaders.AUTHORIZATION, authorization);
					}
				})
				.bodyValue(Map.of("query", query))
				.retrieve()
				.bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {
				}))
			.collectList()
			.toFuture();
	}

	private double joined() {
		Counter counter = this.meters.find("skillpath.gateway.subgraph.deduplicated")
			.tag("service", "content")
			.counter();
		return counter == null ? 0 : counter.count();
	}

	/**
	 * A subgraph that holds every query until the test releases it: {@code whoami}
	 * answers the Authorization header it got, {@code touch} is a mutation.
	 */
	static final class HeldSubgraph {

		private static final String SDL = "extend schema @link(url: \\\"https://specs.apollo.dev/federation/v2.7\\\", "
				+ "import: [\\\"@key\\\"]) type Query { whoami: String } type Mutation { touch: String }";

		final HttpServer server;

		final AtomicInteger calls = new AtomicInteger();

		final AtomicBoolean failing = new AtomicBoolean();

		private volatile CountDownLatch gate = new CountDownLatch(1);

		HeldSubgraph() throws IOException {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			this.server.createContext("/graphql", (exchange) -> {
				String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
				String answer;
				int status = 200;
				if (body.contains("_service")) {
					answer = "{\"data\":{\"_service\":{\"sdl\":\"" + SDL + "\"}}}";
				}
				else {
					// the gate first: a call counted is one the next release lets go
					CountDownLatch held = this.gate;
					this.calls.incrementAndGet();
					try {
						held.await(20, TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					String authorization = exchange.getRequestHeaders().getFirst("Authorization");
					if (this.failing.get()) {
						status = 500;
						answer = "{}";
					}
					else if (body.contains("touch")) {
						answer = "{\"data\":{\"touch\":\"touched\"}}";
					}
					else {
						answer = "{\"data\":{\"whoami\":\"" + (authorization == null ? "anonymous" : authorization)
								+ "\"}}";
					}
				}
				byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(status, bytes.length);
				exchange.getResponseBody().write(bytes);
				exchange.close();
			});
			this.server.setExecutor(Executors.newCachedThreadPool());
			this.server.start();
		}

		/**
		 * Answers the held queries once {@code arrived} holds (every request the test
		 * expects has reached the gateway, and every call it expects the subgraph), or
		 * after 10 s (the test's assertions then say what was missing); later queries are
		 * held again.
		 */
		void releaseWhen(BooleanSupplier arrived) throws InterruptedException {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (!arrived.getAsBoolean() && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			CountDownLatch held = this.gate;
			this.gate = new CountDownLatch(1);
			held.countDown();
		}

		String url() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/graphql";
		}

	}

}
