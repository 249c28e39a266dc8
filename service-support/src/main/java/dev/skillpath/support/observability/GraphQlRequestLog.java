package dev.skillpath.support.observability;

import java.util.LinkedHashSet;
import java.util.Set;

import graphql.GraphQLError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;

/**
 * One log line per GraphQL request a service answered: which operation, how long it took
 * and the error codes it answered with. Answers with errors are logged at INFO, the
 * others at DEBUG (off unless
 * {@code logging.level.dev.skillpath.support.observability=DEBUG}). The line carries the
 * request's trace id like every other (in the JSON fields, or in brackets in text logs),
 * which is how an operator finds a gateway request's work in a subgraph's log.
 */
public class GraphQlRequestLog implements WebGraphQlInterceptor, Ordered {

	private static final Logger log = LoggerFactory.getLogger(GraphQlRequestLog.class);

	private final String service;

	public GraphQlRequestLog(String service) {
		this.service = service;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		if (!log.isInfoEnabled()) {
			return chain.next(request);
		}
		long start = System.nanoTime();
		// handle: Reactor restores the request's thread locals (trace id in the MDC)
		// around it, also
		// with context propagation "limited" (the services' setting: docs/decisions/0014)
		return chain.next(request).handle((response, sink) -> {
			logAnswer(request, response, start);
			sink.next(response);
		});
	}

	private void logAnswer(WebGraphQlRequest request, WebGraphQlResponse response, long start) {
		var errors = response.getExecutionResult().getErrors();
		if (errors.isEmpty() && !log.isDebugEnabled()) {
			return;
		}
		long millis = (System.nanoTime() - start) / 1_000_000;
		String operation = request.getOperationName() != null ? request.getOperationName() : "(unnamed)";
		if (errors.isEmpty()) {
			log.debug("{} answered operation {} in {} ms", this.service, operation, millis);
		}
		else {
			log.info("{} answered operation {} in {} ms with errors {}", this.service, operation, millis,
					codes(errors));
		}
	}

	private static Set<Object> codes(Iterable<GraphQLError> errors) {
		Set<Object> codes = new LinkedHashSet<>();
		for (GraphQLError error : errors) {
			Object code = error.getExtensions() == null ? null : error.getExtensions().get("code");
			codes.add(code != null ? code : error.getErrorType());
		}
		return codes;
	}

	/**
	 * Outermost, so that it sees the answer as the client gets it (error codes filled
	 * in).
	 */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
