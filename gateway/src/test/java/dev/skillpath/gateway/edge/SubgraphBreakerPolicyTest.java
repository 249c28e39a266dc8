package dev.skillpath.gateway.edge;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import dev.skillpath.router.execution.RequestContext;
import dev.skillpath.router.execution.SubgraphFailure;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.micrometer.observation.ObservationRegistry;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The subgraph circuit breaker's policy ({@link PartnerRouteConfiguration#breakerConfig})
 * on the gateway's real subgraph client, over real HTTP to a local subgraph server: a
 * subgraph's own "overloaded, retry" answers never open it, a burst of failures among
 * many answers does not either, a subgraph that is down opens it, and it closes again
 * through trial calls shortly after the subgraph is back.
 */
class SubgraphBreakerPolicyTest {

	private static final String OVERLOADED = """
			{"data":{"setSkillStatus":null},"errors":[{"message":"progress-service is overloaded; retry in a moment",
			"path":["setSkillStatus"],"extensions":{"code":"SERVICE_UNAVAILABLE","retryable":true,"reason":"OVERLOADED"}}]}""";

	private static final Duration OPEN_FOR = Duration.ofSeconds(1);

	private HttpServer server;

	/** The status and body the subgraph answers now. */
	private final AtomicReference<Answer> answer = new AtomicReference<>(new Answer(200, "{\"data\":{\"ok\":true}}"));

	private final AtomicInteger hits = new AtomicInteger();

	private CircuitBreaker breaker;

	private NettySubgraphClient client;

	private final HttpClient http = HttpClient.create();

	private record Answer(int status, String body) {
	}

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setExecutor(Executors.newFixedThreadPool(8));
		this.server.createContext("/graphql", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			this.hits.incrementAndGet();
			Answer now = this.answer.get();
			byte[] body = now.body().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(now.status(), body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.server.start();
		this.breaker = CircuitBreaker.of("subgraph-progress", PartnerRouteConfiguration.breakerConfig(OPEN_FOR));
		this.client = new NettySubgraphClient(() -> this.http, JsonMapper.builder().build(), ObservationRegistry.NOOP,
				(name) -> this.breaker, Duration.ofSeconds(5));
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void aSubgraphsOwnOverloadedAnswersNeverOpenTheCircuit() {
		this.answer.set(new Answer(200, OVERLOADED));
		List<Map<String, Object>> answers = Flux.range(0, 200).flatMap((i) -> call(), 50).collectList().block();

		assertThat(answers).hasSize(200).allSatisfy((answer) -> assertThat(answer).containsKey("errors"));
		assertThat(this.hits.get()).as("every call reached the subgraph").isEqualTo(200);
		assertThat(this.breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void aBurstOfFailuresAmongManyAnswersDoesNotOpenTheCircuitButMostlyFailuresDo() {
		Flux.range(0, 40).concatMap((i) -> call()).blockLast();
		// a count window of the last 20 calls would see 15 failures in 20 and open
		this.answer.set(new Answer(500, "boom"));
		assertThat(failures(15)).isEqualTo(15);
		assertThat(this.breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);

		// past half of the window's calls: open, and calls stop reaching the subgraph
		assertThat(failures(30)).isEqualTo(30);
		assertThat(this.breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
		int reached = this.hits.get();
		assertThat(failureMessage(call())).contains("circuit open");
		assertThat(this.hits.get()).isEqualTo(reached);
	}

	@Test
	void aDownSubgraphOpensTheCircuitBrieflyAndTrialCallsCloseItOnceItIsBack() throws InterruptedException {
		this.answer.set(new Answer(503, "no backend"));
		failures(10);
		assertThat(this.breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(failureMessage(call())).contains("circuit open");

		this.answer.set(new Answer(200, "{\"data\":{\"ok\":true}}"));
		long until = System.nanoTime() + OPEN_FOR.plusSeconds(2).toNanos();
		while (this.breaker.getState() == CircuitBreaker.State.OPEN && System.nanoTime() < until) {
			Thread.sleep(50);
		}
		assertThat(this.breaker.getState()).as("open only for circuit-open-for")
			.isEqualTo(CircuitBreaker.State.HALF_OPEN);
		int reached = this.hits.get();
		for (int i = 0; i < PartnerRouteConfiguration.TRIAL_CALLS; i++) {
			assertThat(call().block()).doesNotContainKey("errors");
		}
		assertThat(this.hits.get() - reached).isEqualTo(PartnerRouteConfiguration.TRIAL_CALLS);
		assertThat(this.breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void trialCallsThatStillFailOpenItAgain() throws InterruptedException {
		this.answer.set(new Answer(500, "boom"));
		failures(10);
		assertThat(this.breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
		Thread.sleep(OPEN_FOR.plusMillis(300).toMillis());
		assertThat(this.breaker.getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
		failures(PartnerRouteConfiguration.TRIAL_CALLS);
		assertThat(this.breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
	}

	private Mono<Map<String, Object>> call() {
		return this.client.execute("progress", "http://127.0.0.1:" + this.server.getAddress().getPort() + "/graphql",
				"mutation { setSkillStatus }", Map.of(), RequestContext.EMPTY);
	}

	/** Makes {@code n} calls one after the other and counts those that failed. */
	private int failures(int n) {
		int failed = 0;
		for (int i = 0; i < n; i++) {
			if (failureMessage(call()) != null) {
				failed++;
			}
		}
		return failed;
	}

	private static String failureMessage(Mono<Map<String, Object>> call) {
		try {
			call.block(Duration.ofSeconds(10));
			return null;
		}
		catch (SubgraphFailure ex) {
			return ex.getMessage();
		}
	}

}
