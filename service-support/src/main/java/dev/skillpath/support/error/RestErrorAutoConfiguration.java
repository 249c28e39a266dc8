package dev.skillpath.support.error;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Problem bodies with {@code code} for REST endpoints of every service and the gateway.
 */
@AutoConfiguration
public class RestErrorAutoConfiguration {

	@Bean
	RestExceptionHandler restExceptionHandler() {
		return new RestExceptionHandler();
	}

}
