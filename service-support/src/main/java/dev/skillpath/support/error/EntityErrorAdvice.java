package dev.skillpath.support.error;

import java.util.List;

import graphql.GraphQLError;
import graphql.schema.DataFetchingEnvironment;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.GraphQlExceptionHandler;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * Gives {@link ApiException}s thrown by {@code @EntityMapping} methods (a bad representation in
 * {@code _entities}) the same {@code extensions.code} as every other data fetcher: Spring for
 * GraphQL hands those errors only to controller exception handlers, not to the global resolver.
 * Not auto-configured: a service opts in with {@code @Import(EntityErrorAdvice.class)}.
 */
@ControllerAdvice
public class EntityErrorAdvice {

	private final GraphQlExceptionResolver resolver;

	public EntityErrorAdvice(GraphQlExceptionResolver resolver) {
		this.resolver = resolver;
	}

	@GraphQlExceptionHandler
	public Mono<List<GraphQLError>> apiException(ApiException ex, DataFetchingEnvironment env) {
		return this.resolver.resolveException(ex, env);
	}

}
