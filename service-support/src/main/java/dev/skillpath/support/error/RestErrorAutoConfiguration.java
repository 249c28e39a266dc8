package dev.skillpath.support.error;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * Problem bodies with {@code code} for REST endpoints of every service and the gateway,
 * and a 500 problem body for an {@link Error} thrown while handling a request. WebFlux
 * only: identity-service, on servlets, has Spring Security's and Boot's own error pages.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class RestErrorAutoConfiguration {

	@Bean
	RestExceptionHandler restExceptionHandler() {
		return new RestExceptionHandler();
	}

	@Bean
	RequestErrorWebFilter requestErrorWebFilter() {
		return new RequestErrorWebFilter();
	}

}
