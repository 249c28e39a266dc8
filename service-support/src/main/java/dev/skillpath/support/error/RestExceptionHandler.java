package dev.skillpath.support.error;

import java.util.UUID;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebInputException;

/**
 * REST answers for the same errors: RFC 9457 problem bodies with the {@code code}
 * property.
 */
@RestControllerAdvice
public class RestExceptionHandler {

	private static final Log logger = LogFactory.getLog(RestExceptionHandler.class);

	/** Reactor Netty's exception for a request not read in time (not a public class). */
	private static final String REQUEST_TIMEOUT = "reactor.netty.http.server.RequestTimeoutException";

	private static final ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();

	@ExceptionHandler(ApiException.class)
	ResponseEntity<ProblemDetail> api(ApiException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(ex.code().status(), ex.getMessage());
		problem.setProperty("code", ex.code().name());
		ex.details().forEach(problem::setProperty);
		ResponseEntity.BodyBuilder answer = ResponseEntity.status(ex.code().status());
		// a client told when to come back (seconds) gets the standard header too
		if (ex.details().get("retryAfter") instanceof Number seconds) {
			answer.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds.longValue()));
		}
		return answer.body(problem);
	}

	@ExceptionHandler(ServerWebInputException.class)
	ResponseEntity<ProblemDetail> input(ServerWebInputException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(ex.getStatusCode(), ex.getReason());
		problem.setProperty("code", ErrorCode.BAD_USER_INPUT.name());
		return ResponseEntity.status(ex.getStatusCode()).body(problem);
	}

	/**
	 * The database is down or overloaded: a retryable 503, as the GraphQL answer for the
	 * same failure.
	 */
	@ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessException.class,
			CannotCreateTransactionException.class })
	Mono<ResponseEntity<ProblemDetail>> databaseUnavailable(RuntimeException ex) {
		String reference = UUID.randomUUID().toString();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(ErrorCode.SERVICE_UNAVAILABLE.status(),
				"The database is unavailable; retry shortly (reference " + reference + ")");
		problem.setProperty("code", ErrorCode.SERVICE_UNAVAILABLE.name());
		problem.setProperty("retryable", true);
		return logged(() -> logger.warn("Database unavailable [" + reference + "]", ex),
				ResponseEntity.status(ErrorCode.SERVICE_UNAVAILABLE.status())
					.header(HttpHeaders.RETRY_AFTER, "1")
					.body(problem));
	}

	/**
	 * An {@link Error} (a stack overflow) from a handler method, which WebFlux signals: a
	 * 500 like any unexpected failure, and the process goes on serving.
	 */
	@ExceptionHandler(Error.class)
	Mono<ResponseEntity<ProblemDetail>> error(Error ex) {
		return internal(ex);
	}

	@ExceptionHandler(RuntimeException.class)
	Mono<ResponseEntity<ProblemDetail>> unexpected(RuntimeException ex) {
		if (ex instanceof org.springframework.web.server.ResponseStatusException status) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(status.getStatusCode(), status.getReason());
			problem.setProperty("code", status.getStatusCode().is4xxClientError() ? ErrorCode.BAD_USER_INPUT.name()
					: ErrorCode.INTERNAL_SERVER_ERROR.name());
			return Mono.just(ResponseEntity.status(status.getStatusCode()).body(problem));
		}
		if (REQUEST_TIMEOUT.equals(ex.getClass().getName())) {
			// the client did not send its whole request within
			// skillpath.server.request-timeout (docs/decisions/0019): not the service's
			// fault
			logger.debug("Request not read in time: " + ex.getMessage());
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(ErrorCode.REQUEST_TIMEOUT.status(),
					"The request was not sent in time");
			problem.setProperty("code", ErrorCode.REQUEST_TIMEOUT.name());
			return Mono.just(ResponseEntity.status(ErrorCode.REQUEST_TIMEOUT.status())
				.header(HttpHeaders.CONNECTION, "close")
				.body(problem));
		}
		if (ex instanceof AbortedException) {
			// the client hung up (a gateway or partner timeout) before its answer: nobody
			// reads one
			logger.debug("Client went away: " + ex.getMessage());
			return Mono.just(ResponseEntity.internalServerError().build());
		}
		return internal(ex instanceof RequestHandlingError handling ? handling.getCause() : ex);
	}

	private static Mono<ResponseEntity<ProblemDetail>> internal(Throwable ex) {
		String reference = UUID.randomUUID().toString();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(ErrorCode.INTERNAL_SERVER_ERROR.status(),
				"Internal error (reference " + reference + ")");
		problem.setProperty("code", ErrorCode.INTERNAL_SERVER_ERROR.name());
		return logged(() -> logger.error("Unexpected error [" + reference + "]", ex),
				ResponseEntity.internalServerError().body(problem));
	}

	/**
	 * Logs with the request's thread locals (its trace id in the MDC) restored from the
	 * Reactor context: the services do not restore them around every operator
	 * (docs/decisions/0014).
	 */
	private static <T> Mono<T> logged(Runnable log, T answer) {
		return Mono.deferContextual((context) -> {
			try (ContextSnapshot.Scope scope = snapshots.setThreadLocalsFrom(context)) {
				log.run();
			}
			return Mono.just(answer);
		});
	}

}
