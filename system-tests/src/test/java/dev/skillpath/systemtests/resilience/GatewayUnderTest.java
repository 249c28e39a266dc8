package dev.skillpath.systemtests.resilience;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.skillpath.gateway.GatewayApplication;
import dev.skillpath.systemtests.SuiteServices;
import dev.skillpath.support.security.DevTokenIssuer;
import dev.skillpath.support.security.Role;
import dev.skillpath.support.testing.Actuator;
import dev.skillpath.support.testing.TestClients;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A gateway started in the test JVM on a free port in front of the shared
 * {@link SuiteServices}, in the profile a resilience test needs (prod for the attack
 * tests), with rate limits raised so that a bounded load or a fuzz corpus is judged on
 * its answers, not refused with 429s. Properties given to {@link #get} win, e.g. a
 * subgraph URL pointing at a proxy.
 * <p>
 * Gateways are kept per configuration and stop when the JVM exits, like
 * {@link SuiteServices}: closing a WebFlux context disposes Reactor Netty's global event
 * loops, which the services sharing this JVM serve on.
 */
final class GatewayUnderTest {

	private static final Map<String, GatewayUnderTest> running = new LinkedHashMap<>();

	/**
	 * The key the services' test profile signs tokens with; a prod gateway must accept
	 * them too.
	 */
	private static final String TEST_SECRET_PROPERTY = "skillpath.security.jwt.hmac-secret";

	private final ConfigurableApplicationContext context;

	private final String baseUrl;

	private GatewayUnderTest(ConfigurableApplicationContext context) {
		this.context = context;
		this.baseUrl = InProcess.baseUrl(context);
	}

	/** The gateway for this profile and these properties, started on first use. */
	static synchronized GatewayUnderTest get(String profile, Map<String, Object> properties) {
		String key = profile + properties;
		GatewayUnderTest gateway = running.get(key);
		if (gateway == null) {
			gateway = start(profile, properties);
			running.put(key, gateway);
			ConfigurableApplicationContext context = gateway.context;
			Runtime.getRuntime().addShutdownHook(new Thread(context::close, "gateway-under-test-stop"));
		}
		return gateway;
	}

	private static GatewayUnderTest start(String profile, Map<String, Object> properties) {
		SuiteServices suite = SuiteServices.get();
		Map<String, Object> all = new LinkedHashMap<>();
		all.put("server.port", 0);
		all.put("spring.profiles.active", profile);
		all.put("skillpath.gateway.subgraphs.content", suite.content.graphqlUrl());
		all.put("skillpath.gateway.subgraphs.progress", suite.progress.graphqlUrl());
		all.put("skillpath.gateway.subgraphs.jobs", suite.jobs.graphqlUrl());
		all.put("JOBS_BASE_URL", suite.jobs.baseUrl());
		all.put("skillpath.gateway.poll-interval", "1s");
		all.put("skillpath.gateway.rate-limit.learner-per-window", 1_000_000);
		all.put("skillpath.gateway.rate-limit.anonymous-per-window", 1_000_000);
		all.put("skillpath.gateway.rate-limit.partner-per-window", 1_000_000);
		all.put(TEST_SECRET_PROPERTY, suite.progress.context().getEnvironment().getProperty(TEST_SECRET_PROPERTY));
		String[] exclusions = SuiteServices.GATEWAY_EXCLUSIONS.split("=", 2);
		all.put(exclusions[0], exclusions[1]);
		all.putAll(properties);
		GatewayUnderTest gateway = new GatewayUnderTest(
				InProcess.start(GatewayApplication.class, GatewayApplication.NAME, all));
		// ready means the supergraph is composed; until then every query would be refused
		Actuator.awaitReady(gateway.http(), Duration.ofSeconds(60));
		return gateway;
	}

	String baseUrl() {
		return this.baseUrl;
	}

	WebTestClient http() {
		return TestClients.http(this.baseUrl);
	}

	/**
	 * A bearer token the gateway and the services accept, minted by a service's
	 * development issuer.
	 */
	static String token(String subject, Role... roles) {
		return SuiteServices.get().progress.context().getBean(DevTokenIssuer.class).issue(subject, roles);
	}

}
