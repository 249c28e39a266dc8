package dev.skillpath.gateway.edge;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * GraphiQL at {@code /graphiql} for developers: on in the local (and test) profile,
 * absent otherwise. The page loads GraphiQL from a CDN and explores the schema by
 * introspection, which is off outside local as well.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "skillpath.gateway.graphiql.enabled", havingValue = "true")
class GraphiQlConfiguration {

	@Bean
	RouterFunction<ServerResponse> graphiQlRoute() {
		ClassPathResource page = new ClassPathResource("graphiql/index.html");
		return route(GET("/graphiql"),
				(request) -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue(page));
	}

}
