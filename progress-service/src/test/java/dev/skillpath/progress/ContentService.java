package dev.skillpath.progress;

import java.util.List;
import java.util.Map;

import dev.skillpath.content.ContentServiceApplication;
import dev.skillpath.support.testing.RunningService;
import dev.skillpath.support.testing.TcpProxy;

/**
 * The real content-service, started once per test JVM (with the shipped backend roadmap
 * in its own fresh database), reached through a {@link TcpProxy} that tests can cut.
 */
final class ContentService {

	private static RunningService service;

	private static TcpProxy proxy;

	private static List<String> backendSkillIds;

	private ContentService() {
	}

	static synchronized RunningService service() {
		if (service == null) {
			service = RunningService.start(ContentServiceApplication.class, ContentServiceApplication.NAME, Map.of());
			proxy = TcpProxy.to(service.port());
		}
		return service;
	}

	/**
	 * The URL progress-service is configured with: content's GraphQL endpoint behind the
	 * proxy.
	 */
	static String graphqlUrl() {
		service();
		return proxy.baseUrl() + "/graphql";
	}

	/** The shipped backend roadmap's skill ids, asked of the real content-service. */
	static synchronized List<String> backendSkillIds() {
		if (backendSkillIds == null) {
			backendSkillIds = org.springframework.graphql.test.tester.HttpGraphQlTester
				.create(org.springframework.test.web.reactive.server.WebTestClient.bindToServer()
					.baseUrl(service().graphqlUrl())
					.build())
				.document("{ roadmap(id: \"backend\") { skillIds } }")
				.execute()
				.path("roadmap.skillIds")
				.entityList(String.class)
				.get();
		}
		return backendSkillIds;
	}

	static TcpProxy proxy() {
		service();
		return proxy;
	}

}
