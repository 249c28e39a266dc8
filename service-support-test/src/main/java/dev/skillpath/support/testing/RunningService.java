package dev.skillpath.support.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.skillpath.support.app.ServiceLauncher;
import dev.skillpath.support.database.DatabaseCoordinates;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real service started inside the test JVM on a free port, with its own database, for
 * tests that cross services over HTTP (for example progress-service asking
 * content-service whether a skill exists, or the gateway joining all subgraphs).
 */
public final class RunningService implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private RunningService(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Starts {@code application} in the test profile, in a fresh database of the run's
	 * test server, with {@code properties} given as command-line arguments (highest
	 * precedence).
	 */
	public static RunningService start(Class<?> application, String serviceName, Map<String, Object> properties) {
		DatabaseCoordinates database = TestDatabase.get().createDatabase(serviceName.replace('-', '_'));
		Map<String, Object> all = new LinkedHashMap<>(database.springProperties());
		all.put("server.port", 0);
		all.put("spring.profiles.active", "test");
		all.putAll(properties);
		List<String> args = new ArrayList<>();
		all.forEach((key, value) -> args.add("--" + key + "=" + value));
		return new RunningService(ServiceLauncher.builder(application, serviceName).run(args.toArray(String[]::new)));
	}

	public int port() {
		return ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	public String baseUrl() {
		return "http://localhost:" + port();
	}

	public String graphqlUrl() {
		return baseUrl() + "/graphql";
	}

	public ConfigurableApplicationContext context() {
		return this.context;
	}

	@Override
	public void close() {
		this.context.close();
	}

}
