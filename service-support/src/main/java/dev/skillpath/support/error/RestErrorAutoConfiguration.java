package dev.skillpath.support.error;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * Problem bodies with {@code code} for REST endpoints of every service and the gateway,
 * and a 500 problem body for an {@link Error} thrown while handling a request.
 */
@AutoConfiguration
public class RestErrorAutoConfiguration {

	@Bean
	RestExceptionHandler restExceptionHandler() {
		return new RestExceptionHandler();
	}

	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	RequestErrorWebFilter requestErrorWebFilter() {
		return new RequestErrorWebFilter();
	}

}
