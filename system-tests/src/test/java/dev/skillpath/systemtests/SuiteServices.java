package dev.skillpath.systemtests;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.skillpath.content.ContentServiceApplication;
import dev.skillpath.jobs.JobsServiceApplication;
import dev.skillpath.progress.ProgressServiceApplication;
import dev.skillpath.support.testing.RunningService;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The three real services, started once per test JVM (each with its own fresh PostgreSQL
 * database) and shared by every gateway test that needs the whole suite; they stop when
 * the JVM exits. Tests use their own subjects and ids, so sharing costs them nothing.
 */
public final class SuiteServices {

	/**
	 * Auto-configurations a gateway test context must leave out: the services' libraries
	 * are on the test class path, but the gateway has no database and no schema of its
	 * own.
	 */
	public static final String GATEWAY_EXCLUSIONS = "spring.autoconfigure.exclude="
			+ "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration,"
			+ "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration,"
			+ "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
			+ "org.springframework.boot.graphql.autoconfigure.GraphQlAutoConfiguration";

	private static SuiteServices instance;

	public final RunningService content;

	public final RunningService progress;

	public final RunningService jobs;

	private SuiteServices() {
		this.content = RunningService.start(ContentServiceApplication.class, ContentServiceApplication.NAME,
				withoutGateway(Map.of()));
		// progress and jobs only need content-service: start them side by side
		CompletableFuture<RunningService> progress = CompletableFuture
			.supplyAsync(() -> RunningService.start(ProgressServiceApplication.class, ProgressServiceApplication.NAME,
					withoutGateway(Map.of("skillpath.progress.content-url", this.content.graphqlUrl()))));
		this.jobs = RunningService.start(JobsServiceApplication.class, JobsServiceApplication.NAME,
				withoutGateway(Map.of("skillpath.jobs.content.graphql-url", this.content.graphqlUrl(),
						"skillpath.jobs.feeds.poll-interval", "0s")));
		this.progress = progress.join();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			this.jobs.close();
			this.progress.close();
			this.content.close();
		}, "suite-services-stop"));
	}

	public static synchronized SuiteServices get() {
		if (instance == null) {
			instance = new SuiteServices();
		}
		return instance;
	}

	/**
	 * Points the gateway under test at the three services and the partner route at
	 * jobs-service.
	 */
	public static void register(DynamicPropertyRegistry registry) {
		registry.add("skillpath.gateway.subgraphs.content", () -> get().content.graphqlUrl());
		registry.add("skillpath.gateway.subgraphs.progress", () -> get().progress.graphqlUrl());
		registry.add("skillpath.gateway.subgraphs.jobs", () -> get().jobs.graphqlUrl());
		registry.add("JOBS_BASE_URL", () -> get().jobs.baseUrl());
	}

	/**
	 * The gateway's libraries are on this class path too; the services must not act as
	 * gateways.
	 */
	public static Map<String, Object> withoutGateway(Map<String, Object> properties) {
		Map<String, Object> all = new LinkedHashMap<>(properties);
		all.put("spring.cloud.gateway.server.webflux.enabled", false);
		// people's tokens from the identity provider (read on the first one), beside the
		// development tokens of the other tests
		all.put("skillpath.security.jwt.issuer-uri", IdentityProvider.issuer());
		all.put("spring.autoconfigure.exclude",
				"org.springframework.cloud.gateway.config.GatewayRedisAutoConfiguration");
		return all;
	}

}
