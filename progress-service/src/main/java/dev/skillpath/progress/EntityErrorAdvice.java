package dev.skillpath.progress;

import java.util.List;

import dev.skillpath.support.error.ApiException;
import dev.skillpath.support.error.GraphQlExceptionResolver;
import graphql.GraphQLError;
import graphql.schema.DataFetchingEnvironment;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.GraphQlExceptionHandler;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * Gives errors of {@code @EntityMapping} methods (another learner's id, a representation missing
 * its key) their {@code extensions.code}: Spring for GraphQL hands those errors to controller
 * exception handlers only, not to the global resolver. (content-service has the same advice; it
 * belongs in service-support once both are settled.)
 */
@ControllerAdvice
class EntityErrorAdvice {

	private final GraphQlExceptionResolver resolver;

	EntityErrorAdvice(GraphQlExceptionResolver resolver) {
		this.resolver = resolver;
	}

	@GraphQlExceptionHandler
	Mono<List<GraphQLError>> apiException(ApiException ex, DataFetchingEnvironment env) {
		return this.resolver.resolveException(ex, env);
	}

}
