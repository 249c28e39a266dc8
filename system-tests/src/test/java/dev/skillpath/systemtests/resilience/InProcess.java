package dev.skillpath.systemtests.resilience;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.skillpath.support.app.ServiceLauncher;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts a Skillpath application in the test JVM with its own settings, given as
 * command-line arguments (they win over its configuration file), for tests that need a
 * service set up unlike the shared ones: a gateway in another profile, a service on its
 * own PostgreSQL.
 */
final class InProcess {

	private InProcess() {
	}

	static ConfigurableApplicationContext start(Class<?> application, String serviceName,
			Map<String, Object> properties) {
		List<String> args = new ArrayList<>();
		properties.forEach((key, value) -> args.add("--" + key + "=" + value));
		return ServiceLauncher.builder(application, serviceName).run(args.toArray(String[]::new));
	}

	static String baseUrl(ConfigurableApplicationContext context) {
		return "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}
