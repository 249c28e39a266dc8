package dev.skillpath.gateway.webapp;

import java.util.Map;

import dev.skillpath.support.security.DevTokenIssuer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * The learner web app is static files (classpath:/static, served by Spring Boot at
 * {@code /}); this tells it what the running profile offers, so that the demo sign-in is
 * only shown where {@code POST /dev/tokens} exists (local and test, never prod).
 */
@Configuration(proxyBeanMethods = false)
class WebAppConfiguration {

	@Bean
	RouterFunction<ServerResponse> webAppSettings(ObjectProvider<DevTokenIssuer> devTokens) {
		Map<String, Object> settings = Map.of("devSignIn", devTokens.getIfAvailable() != null);
		return route(GET("/webapp/settings"),
				(request) -> ServerResponse.ok().cacheControl(CacheControl.noCache()).bodyValue(settings));
	}

}
