package dev.skillpath.progress;

import java.util.Map;
import java.util.UUID;

import dev.skillpath.progress.content.SkillCatalog;
import dev.skillpath.support.security.Role;
import dev.skillpath.support.testing.ServiceTest;
import dev.skillpath.support.testing.SqlCountingConfiguration;
import dev.skillpath.support.testing.UsesTestDatabase;
import reactor.core.publisher.Mono;
import org.junit.jupiter.api.AfterEach;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of progress-service tests: the real service on a random port with a real
 * PostgreSQL, and the real content-service (started once per JVM) behind a proxy the
 * tests can cut. Every test works with learners of its own (random subjects), so tests
 * never see each other's progress.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.config.name=" + ProgressServiceApplication.NAME)
@ActiveProfiles("test")
@UsesTestDatabase
@Import({ SqlCountingConfiguration.class, ProgressServiceTest.TestClock.class })
public abstract class ProgressServiceTest extends ServiceTest {

	/**
	 * content-service behind the proxy; a test class may put something of its own in
	 * between by setting {@code skillpath.test.content-url} (a subclass's dynamic
	 * properties are registered before these, so it cannot set content-url itself).
	 */
	@DynamicPropertySource
	static void contentService(DynamicPropertyRegistry registry) {
		registry.add("skillpath.progress.content-url",
				() -> "${skillpath.test.content-url:" + ContentService.graphqlUrl() + "}");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class TestClock {

		@Bean
		@Primary
		MutableClock mutableClock() {
			return new MutableClock();
		}

	}

	@Autowired
	protected MutableClock clock;

	@Autowired
	protected DatabaseClient db;

	@Autowired
	protected SkillCatalog catalog;

	@AfterEach
	void restoreTimeAndContent() {
		this.clock.useSystemTime();
		ContentService.proxy().start();
	}

	/**
	 * A new learner's subject, unique to this run, so no other test touches their data.
	 */
	protected static String newLearner(String name) {
		return name + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/**
	 * {@code setSkillStatus} as {@code learner}, not yet sent: for tests that send many
	 * at once (a GraphQlTester call blocks until its answer).
	 */
	protected Mono<Map<String, Object>> setStatusConcurrently(String learner, Map<String, Object> input) {
		return WebClient.create(baseUrl() + "/graphql")
			.post()
			.header("Authorization", bearer(learner))
			.bodyValue(Map.of("query", SetSkillStatusTest.SET, "variables", Map.of("input", input)))
			.retrieve()
			.bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {
			});
	}

	protected String bearer(String subject) {
		return "Bearer " + this.tokens.issue(subject, Role.LEARNER);
	}

	protected long count(String sql, String learner) {
		return this.db.sql(sql).bind("learner", learner).map((row) -> row.get(0, Long.class)).one().block();
	}

}
