package dev.skillpath.support.server;

import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * A WebFlux server on Reactor Netty with the auto-configuration every service and the
 * gateway get from service-support (no database; a two-field GraphQL schema), and routes
 * for the server's tests: one answered after a delay from a timer thread, one at once,
 * one that reads the request's body.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = { "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
		"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration" })
class TestServer {

	/** Starts one on a free port; {@code arguments} are {@code --name=value} settings. */
	static ConfigurableApplicationContext start(String... arguments) {
		String[] all = new String[arguments.length + 5];
		all[0] = "--server.port=0";
		all[1] = "--spring.application.name=server-test";
		all[2] = "--skillpath.database.embedded.enabled=false";
		all[3] = "--management.endpoint.health.group.readiness.include=readinessState";
		all[4] = "--spring.graphql.schema.locations=classpath:graphql/servertest/";
		System.arraycopy(arguments, 0, all, 5, arguments.length);
		return new SpringApplicationBuilder(TestServer.class).profiles("test").run(all);
	}

	static int port(ConfigurableApplicationContext server) {
		return ((WebServerApplicationContext) server).getWebServer().getPort();
	}

	@Bean
	RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route()
			.GET("/slow", (request) -> Mono.delay(Duration.ofMillis(20)).then(ServerResponse.ok().bodyValue("slow")))
			.GET("/fast", (request) -> ServerResponse.ok().bodyValue("fast"))
			.POST("/echo", (request) -> request.bodyToMono(String.class).flatMap(ServerResponse.ok()::bodyValue))
			.GET("/overflow", (request) -> ServerResponse.ok().bodyValue(depth(0)))
			.build();
	}

	/** Recurses until the thread's stack overflows: a {@link StackOverflowError}. */
	static int depth(int level) {
		return depth(level + 1) + 1;
	}

	/**
	 * An annotated controller method that overflows the stack (a member class: Spring
	 * registers it).
	 */
	@RestController
	static class OverflowingController {

		@GetMapping("/overflow-annotated")
		Mono<String> overflow() {
			return Mono.just(Integer.toString(depth(0)));
		}

	}

	/** GraphQL fields, one of which overflows the stack. */
	@Controller
	static class OverflowingFields {

		@QueryMapping
		String hello() {
			return "world";
		}

		@QueryMapping("overflow")
		int overflowField() {
			return depth(0);
		}

	}

}
