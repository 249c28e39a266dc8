package dev.skillpath.support.error;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Turns exceptions from data fetchers into GraphQL errors with {@code extensions.code}.
 * Anything unexpected becomes {@code INTERNAL_SERVER_ERROR} with a reference the operator
 * can find in the log, never with the exception text or a stack trace.
 */
public class GraphQlExceptionResolver extends DataFetcherExceptionResolverAdapter {

	private static final Log logger = LogFactory.getLog(GraphQlExceptionResolver.class);

	public GraphQlExceptionResolver() {
		// the request's thread locals (its trace id, for the log lines below) are
		// restored around
		// each call: Reactor no longer restores them around every operator
		// (docs/decisions/0014)
		setThreadLocalContextAware(true);
	}

	@Override
	protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
		if (ex instanceof ApiException api) {
			return error(env, api.code(), api.getMessage(), api.details());
		}
		if (ex instanceof AuthenticationException) {
			return error(env, ErrorCode.UNAUTHENTICATED, "Sign in first: " + ex.getMessage(), Map.of());
		}
		if (ex instanceof AccessDeniedException) {
			return error(env, ErrorCode.FORBIDDEN, "Not allowed: " + ex.getMessage(), Map.of());
		}
		if (ex instanceof DataAccessResourceFailureException || ex instanceof TransientDataAccessException
				|| ex instanceof CannotCreateTransactionException) {
			String reference = UUID.randomUUID().toString();
			logger.warn("Database unavailable [" + reference + "] at " + env.getExecutionStepInfo().getPath(), ex);
			return error(env, ErrorCode.SERVICE_UNAVAILABLE,
					"The database is unavailable; retry shortly (reference " + reference + ")",
					Map.of("retryable", true));
		}
		if (isCancellation(ex)) {
			// the caller went away (a client or gateway timeout, a closed connection):
			// nobody reads
			// this answer, and it is not a fault of the service, so not an error in the
			// log
			if (logger.isDebugEnabled()) {
				logger.debug("Cancelled by the caller at " + env.getExecutionStepInfo().getPath());
			}
			return error(env, ErrorCode.SERVICE_UNAVAILABLE, "The request was cancelled", Map.of());
		}
		String reference = UUID.randomUUID().toString();
		logger.error("Unexpected error [" + reference + "] at " + env.getExecutionStepInfo().getPath(), ex);
		return error(env, ErrorCode.INTERNAL_SERVER_ERROR, "Internal error (reference " + reference + ")", Map.of());
	}

	/**
	 * graphql-java aborts the fields still running when the request's subscriber cancels.
	 */
	static boolean isCancellation(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof graphql.execution.AbortExecutionException
					|| cause instanceof java.util.concurrent.CancellationException) {
				return true;
			}
		}
		return false;
	}

	static GraphQLError error(DataFetchingEnvironment env, ErrorCode code, String message,
			Map<String, Object> details) {
		Map<String, Object> extensions = new LinkedHashMap<>(details);
		extensions.put("code", code.name());
		return GraphqlErrorBuilder.newError(env)
			.errorType(classification(code))
			.message(message)
			.extensions(extensions)
			.build();
	}

	private static ErrorType classification(ErrorCode code) {
		return switch (code) {
			case BAD_USER_INPUT, PAYLOAD_TOO_LARGE, REQUEST_TIMEOUT -> ErrorType.BAD_REQUEST;
			case NOT_FOUND -> ErrorType.NOT_FOUND;
			case UNAUTHENTICATED -> ErrorType.UNAUTHORIZED;
			case FORBIDDEN -> ErrorType.FORBIDDEN;
			default -> ErrorType.INTERNAL_ERROR;
		};
	}

}
