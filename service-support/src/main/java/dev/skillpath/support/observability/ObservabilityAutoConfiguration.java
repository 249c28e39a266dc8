package dev.skillpath.support.observability;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Observability every service shares beyond Boot's own: a log line per GraphQL request (with the
 * trace id). Tracing itself (Micrometer Tracing, OpenTelemetry bridge, W3C propagation, OTLP
 * export when configured), R2DBC query observations and structured logs are Boot's, switched on
 * by the dependencies and the shared defaults ({@code META-INF/skillpath/skillpath-defaults*.properties}).
 */
@AutoConfiguration
public class ObservabilityAutoConfiguration {

	/** Only in services that serve GraphQL themselves (not in the gateway, which routes it). */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.graphql.server.WebGraphQlInterceptor")
	static class GraphQlRequestLogging {

		@Bean
		GraphQlRequestLog graphQlRequestLog(@Value("${spring.application.name:service}") String service) {
			return new GraphQlRequestLog(service);
		}

	}

}
