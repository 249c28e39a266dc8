package dev.skillpath.support.app;

import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Starts a Skillpath service with its own configuration file, {@code <service-name>.yaml}
 * instead of {@code application.yaml}, so that several services can share one class path
 * (the gateway's and the cross-service integration tests start them in one JVM).
 */
public final class ServiceLauncher {

	private ServiceLauncher() {
	}

	/** The builder every service's {@code main} and every in-process test start from. */
	public static SpringApplicationBuilder builder(Class<?> application, String serviceName) {
		return new SpringApplicationBuilder(application).properties(Map.of("spring.config.name", serviceName));
	}

}
