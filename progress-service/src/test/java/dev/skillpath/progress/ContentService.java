package dev.skillpath.progress;

import java.util.Map;

import dev.skillpath.content.ContentServiceApplication;
import dev.skillpath.support.testing.RunningService;

/**
 * The real content-service, started once per test JVM (with the shipped backend roadmap in its
 * own fresh database), reached through a {@link TcpProxy} that tests can cut.
 */
final class ContentService {

	private static RunningService service;

	private static TcpProxy proxy;

	private ContentService() {
	}

	static synchronized RunningService service() {
		if (service == null) {
			service = RunningService.start(ContentServiceApplication.class, ContentServiceApplication.NAME, Map.of());
			proxy = TcpProxy.to(service.port());
		}
		return service;
	}

	/** The URL progress-service is configured with: content's GraphQL endpoint behind the proxy. */
	static String graphqlUrl() {
		service();
		return "http://localhost:" + proxy.port() + "/graphql";
	}

	static TcpProxy proxy() {
		service();
		return proxy;
	}

}
