package dev.skillpath.gateway.edge;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.skillpath.gateway.router.execution.SubgraphClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/** Wires the router into the gateway: subgraph client, supergraph, endpoint, health. */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

	@Bean
	WebClient subgraphWebClient(WebClient.Builder builder) {
		return builder.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build();
	}

	@Bean
	SubgraphClient subgraphClient(WebClient subgraphWebClient, GatewayProperties properties) {
		return new WebClientSubgraphClient(subgraphWebClient, properties.subgraphTimeout());
	}

	@Bean
	SupergraphManager supergraphManager(GatewayProperties properties, WebClient subgraphWebClient,
			SubgraphClient subgraphClient) {
		return new SupergraphManager(properties, subgraphWebClient, subgraphClient);
	}

	@Bean
	PersistedQueryStore persistedQueryStore(GatewayProperties properties, JsonMapper json) {
		return PersistedQueryStore.from(properties.persistedQueries(), json);
	}

	@Bean
	GraphQlHttpHandler graphQlHttpHandler(SupergraphManager supergraphs, GatewayProperties properties,
			PersistedQueryStore persistedQueries, JsonMapper json) {
		return new GraphQlHttpHandler(supergraphs, properties, persistedQueries, json);
	}

	@Bean
	RouterFunction<ServerResponse> graphQlRoutes(GraphQlHttpHandler handler) {
		return route(POST("/graphql"), handler::post).andRoute(GET("/graphql"), handler::get);
	}

	/** Ready only with a supergraph; the details say where it came from and the last failure. */
	@Bean
	HealthIndicator supergraph(SupergraphManager supergraphs) {
		return () -> {
			SupergraphManager.Status status = supergraphs.status();
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("source", status.source());
			details.put("subgraphs", status.subgraphs());
			if (status.composedAt() != null) {
				details.put("composedAt", status.composedAt().toString());
			}
			if (status.lastError() != null) {
				details.put("lastError", status.lastError());
				details.put("lastErrorAt", String.valueOf(status.lastErrorAt()));
			}
			return (status.ready() ? Health.up() : Health.outOfService()).withDetails(details).build();
		};
	}


}
