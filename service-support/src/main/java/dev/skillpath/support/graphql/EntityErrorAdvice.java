package dev.skillpath.support.graphql;

import java.util.List;

import dev.skillpath.support.error.ApiException;
import dev.skillpath.support.error.GraphQlExceptionResolver;
import graphql.GraphQLError;
import graphql.schema.DataFetchingEnvironment;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.GraphQlExceptionHandler;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * Gives errors of {@code @EntityMapping} methods (an unknown key in {@code _entities},
 * another learner's id) the same {@code extensions.code} as every other data fetcher.
 * Spring for GraphQL hands those errors only to controller exception handlers, not to the
 * global resolver, so without this advice they came back as INTERNAL_SERVER_ERROR.
 */
@ControllerAdvice
public class EntityErrorAdvice {

	private final GraphQlExceptionResolver resolver;

	public EntityErrorAdvice(GraphQlExceptionResolver resolver) {
		this.resolver = resolver;
	}

	@GraphQlExceptionHandler
	Mono<List<GraphQLError>> apiException(ApiException ex, DataFetchingEnvironment env) {
		return this.resolver.resolveException(ex, env);
	}

}
