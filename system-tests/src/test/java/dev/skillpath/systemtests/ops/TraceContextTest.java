package dev.skillpath.systemtests.ops;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.skillpath.gateway.GatewayApplication;
import dev.skillpath.support.observability.GraphQlRequestLog;
import dev.skillpath.support.security.Role;
import dev.skillpath.support.testing.TestClients;
import dev.skillpath.systemtests.SuiteGatewayTest;
import dev.skillpath.systemtests.SuiteServices;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.r2dbc.proxy.observation.QueryContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A W3C trace context sent by a client runs through the gateway to the subgraph that
 * serves the request and on to its database statements, and the subgraph's log lines
 * carry the trace id. The real services run in this JVM ({@link SuiteServices}): the test
 * watches progress-service's own observations and reads its log output.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + GatewayApplication.NAME, "skillpath.gateway.poll-interval=1s",
				SuiteServices.GATEWAY_EXCLUSIONS })
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class TraceContextTest extends SuiteGatewayTest {

	@DynamicPropertySource
	static void subgraphs(DynamicPropertyRegistry registry) {
		SuiteServices.register(registry);
	}

	private final LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());

	@AfterEach
	void quietRequestLog() {
		this.logging.setLogLevel(GraphQlRequestLog.class.getName(), null);
	}

	@Test
	void aClientsTraceIdReachesTheSubgraphItsDatabaseCallsAndItsLog(CapturedOutput output) {
		String traceId = UUID.randomUUID().toString().replace("-", "");
		String clientSpanId = traceId.substring(0, 16);
		SubgraphWatch progress = SubgraphWatch
			.on(SuiteServices.get().progress.context().getBean(ObservationRegistry.class), traceId);
		// successful answers are logged at DEBUG
		this.logging.setLogLevel(GraphQlRequestLog.class.getName(), LogLevel.DEBUG);

		awaitSupergraph();
		String body = TestClients.okText(gateway().post()
			.uri("/graphql")
			.header("Authorization", "Bearer " + token("trace-learner", Role.LEARNER))
			.header("traceparent", "00-" + traceId + "-" + clientSpanId + "-01")
			.bodyValue(Map.of("query", "{ me { completedSkillIds } }")));
		assertThat(body).contains("\"completedSkillIds\"").doesNotContain("\"errors\"");

		// the subgraph continued the client's trace from a span of the gateway's own (its
		// call to
		// the subgraph), not from the client's span: the gateway traced the request, not
		// just
		// copied the header
		assertThat(progress.receivedTraceparents).singleElement().satisfies((traceparent) -> {
			assertThat(traceparent).startsWith("00-" + traceId + "-").endsWith("-01");
			assertThat(traceparent.split("-")[2]).isNotEqualTo(clientSpanId);
		});
		// progress-service's SQL statements were spans of the same trace
		assertThat(progress.queryTraceIds).isNotEmpty().containsOnly(traceId);
		// and its log line for the request carries the trace id
		assertThat(output.getOut()
			.lines()
			.filter((line) -> line.contains("progress-service answered operation") && line.contains(traceId)))
			.as("progress-service's log line with trace id %s in:%n%s", traceId, output.getOut())
			.hasSize(1);
	}

	/**
	 * Listens to a subgraph's observations of one trace: the {@code traceparent} its HTTP
	 * server received, and the trace id of each database statement it ran. Stays
	 * registered (observation handlers cannot be removed) but ignores every other trace.
	 */
	static final class SubgraphWatch implements ObservationHandler<Observation.Context> {

		final Queue<String> receivedTraceparents = new ConcurrentLinkedQueue<>();

		final Queue<String> queryTraceIds = new ConcurrentLinkedQueue<>();

		private final String traceId;

		private SubgraphWatch(String traceId) {
			this.traceId = traceId;
		}

		static SubgraphWatch on(ObservationRegistry registry, String traceId) {
			SubgraphWatch watch = new SubgraphWatch(traceId);
			registry.observationConfig().observationHandler(watch);
			return watch;
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return context instanceof ServerRequestObservationContext || context instanceof QueryContext;
		}

		@Override
		public void onStart(Observation.Context context) {
			if (context instanceof ServerRequestObservationContext server) {
				List<String> traceparent = server.getCarrier().getHeaders().get("traceparent");
				if (traceparent != null && traceparent.get(0).contains(this.traceId)) {
					this.receivedTraceparents.add(traceparent.get(0));
				}
			}
		}

		@Override
		public void onStop(Observation.Context context) {
			// the tracing handler, registered before this one, has opened the statement's
			// span by now
			TracingObservationHandler.TracingContext tracing = context
				.get(TracingObservationHandler.TracingContext.class);
			if (context instanceof QueryContext && tracing != null && tracing.getSpan() != null) {
				String queryTrace = tracing.getSpan().context().traceId();
				if (queryTrace.equals(this.traceId) || !this.receivedTraceparents.isEmpty()) {
					this.queryTraceIds.add(queryTrace);
				}
			}
		}

	}

}
