package dev.skillpath.support.graphql;

import dev.skillpath.support.error.ErrorCodeInterceptor;
import dev.skillpath.support.error.GraphQlExceptionResolver;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.graphql.data.federation.FederationSchemaFactory;

/**
 * What makes a Skillpath service a federation v2 subgraph with uniform errors: the
 * federation schema factory (so {@code _service} and {@code _entities} exist and
 * {@code @EntityMapping} methods answer them), the exception resolver, the error-code
 * interceptor, the guard that refuses NUL characters in arguments before they reach the
 * database, and the cache of parsed and validated documents.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.graphql.autoconfigure.GraphQlAutoConfiguration")
@ConditionalOnClass(name = { "org.springframework.graphql.data.federation.FederationSchemaFactory",
		"org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer" })
public class GraphQlSupportAutoConfiguration {

	@Bean
	FederationSchemaFactory federationSchemaFactory() {
		return new FederationSchemaFactory();
	}

	@Bean
	GraphQlSourceBuilderCustomizer federationSchemaCustomizer(FederationSchemaFactory factory) {
		return (builder) -> builder.schemaFactory(factory::createGraphQLSchema);
	}

	@Bean
	ValidatedDocumentCache validatedDocumentCache() {
		return new ValidatedDocumentCache();
	}

	@Bean
	GraphQlSourceBuilderCustomizer validatedDocumentCacheCustomizer(ValidatedDocumentCache documents) {
		return (builder) -> builder.configureGraphQl((graphQl) -> graphQl.preparsedDocumentProvider(documents));
	}

	@Bean
	GraphQlExceptionResolver graphQlExceptionResolver() {
		return new GraphQlExceptionResolver();
	}

	@Bean
	EntityErrorAdvice entityErrorAdvice(GraphQlExceptionResolver graphQlExceptionResolver) {
		return new EntityErrorAdvice(graphQlExceptionResolver);
	}

	@Bean
	NulArgumentGuard nulArgumentGuard() {
		return new NulArgumentGuard();
	}

	@Bean
	ErrorCodeInterceptor errorCodeInterceptor() {
		return new ErrorCodeInterceptor();
	}

}
