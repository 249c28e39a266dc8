package dev.skillpath.support.observability;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.observation.DataFetcherObservationConvention;
import org.springframework.graphql.observation.DataLoaderObservationConvention;
import org.springframework.graphql.observation.ExecutionRequestObservationConvention;

/**
 * Observability every service shares beyond Boot's own: a log line per GraphQL request
 * (with the trace id), and GraphQL observations of root fields only
 * ({@link RootFieldObservationInstrumentation}, in place of Boot's instrumentation).
 * Tracing itself (Micrometer Tracing, OpenTelemetry bridge, W3C propagation, OTLP export
 * when configured), R2DBC query observations and structured logs are Boot's, switched on
 * by the dependencies and the shared defaults
 * ({@code META-INF/skillpath/skillpath-defaults*.properties}).
 */
@AutoConfiguration(
		beforeName = "org.springframework.boot.graphql.autoconfigure.observation.GraphQlObservationAutoConfiguration")
public class ObservabilityAutoConfiguration {

	/**
	 * Only in services that serve GraphQL themselves (not in the gateway, which routes
	 * it).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.graphql.server.WebGraphQlInterceptor")
	static class GraphQlRequestLogging {

		@Bean
		GraphQlRequestLog graphQlRequestLog(@Value("${spring.application.name:service}") String service) {
			return new GraphQlRequestLog(service);
		}

		@Bean
		RootFieldObservationInstrumentation rootFieldObservationInstrumentation(
				ObjectProvider<ObservationRegistry> registry,
				ObjectProvider<ExecutionRequestObservationConvention> requestConvention,
				ObjectProvider<DataFetcherObservationConvention> dataFetcherConvention,
				ObjectProvider<DataLoaderObservationConvention> dataLoaderConvention) {
			return new RootFieldObservationInstrumentation(registry.getIfAvailable(() -> ObservationRegistry.NOOP),
					requestConvention.getIfAvailable(), dataFetcherConvention.getIfAvailable(),
					dataLoaderConvention.getIfAvailable());
		}

	}

}
