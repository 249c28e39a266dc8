package dev.skillpath.support.error;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import reactor.core.publisher.Mono;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;

/**
 * Gives every error that graphql-java raised before any data fetcher ran (syntax,
 * validation, variable coercion) an {@code extensions.code}, so that clients can branch
 * on one field.
 */
public class ErrorCodeInterceptor implements WebGraphQlInterceptor {

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		return chain.next(request).map((response) -> {
			List<GraphQLError> errors = response.getExecutionResult().getErrors();
			if (errors.isEmpty() || errors.stream().allMatch(ErrorCodeInterceptor::hasCode)) {
				return response;
			}
			List<GraphQLError> coded = new ArrayList<>(errors.size());
			for (GraphQLError error : errors) {
				coded.add(hasCode(error) ? error : withCode(error));
			}
			return response.transform((builder) -> builder.errors(coded));
		});
	}

	private static boolean hasCode(GraphQLError error) {
		return error.getExtensions() != null && error.getExtensions().containsKey("code");
	}

	private static GraphQLError withCode(GraphQLError error) {
		Map<String, Object> extensions = new LinkedHashMap<>();
		if (error.getExtensions() != null) {
			extensions.putAll(error.getExtensions());
		}
		extensions.put("code", codeFor(error));
		GraphqlErrorBuilder<?> builder = GraphqlErrorBuilder.newError()
			.message(error.getMessage())
			.errorType(error.getErrorType())
			.extensions(extensions);
		if (error.getLocations() != null) {
			builder.locations(error.getLocations());
		}
		if (error.getPath() != null) {
			builder.path(error.getPath());
		}
		return builder.build();
	}

	static String codeFor(GraphQLError error) {
		ErrorClassification type = error.getErrorType();
		if (type == ErrorType.InvalidSyntax) {
			return "GRAPHQL_PARSE_FAILED";
		}
		if (type == ErrorType.ValidationError) {
			String message = String.valueOf(error.getMessage());
			// variable coercion problems are the caller's input, not a broken document
			return message.contains("Variable") || message.contains("argument") && message.contains("value")
					? ErrorCode.BAD_USER_INPUT.name() : "GRAPHQL_VALIDATION_FAILED";
		}
		if (type == ErrorType.OperationNotSupported) {
			return "GRAPHQL_VALIDATION_FAILED";
		}
		if (type == org.springframework.graphql.execution.ErrorType.BAD_REQUEST) {
			return ErrorCode.BAD_USER_INPUT.name();
		}
		if (type == org.springframework.graphql.execution.ErrorType.NOT_FOUND) {
			return ErrorCode.NOT_FOUND.name();
		}
		if (type == org.springframework.graphql.execution.ErrorType.UNAUTHORIZED) {
			return ErrorCode.UNAUTHENTICATED.name();
		}
		if (type == org.springframework.graphql.execution.ErrorType.FORBIDDEN) {
			return ErrorCode.FORBIDDEN.name();
		}
		return ErrorCode.INTERNAL_SERVER_ERROR.name();
	}

}
