package dev.skillpath.support.error;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The last line of defence of every server: an {@link Error} (a stack overflow) thrown
 * while a request's handler runs ends that request with a 500 problem body and an error
 * log line with a reference, instead of unwinding the event loop and leaving the request
 * unanswered (see {@link RequestErrorGuard}). First in the filter chain, so it covers
 * every filter and handler after it.
 */
public class RequestErrorWebFilter implements WebFilter, Ordered {

	private static final Log logger = LogFactory.getLog(RequestErrorWebFilter.class);

	private static final ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return RequestErrorGuard.guard(() -> chain.filter(exchange))
			.onErrorResume(RequestHandlingError.class, (error) -> answer(exchange, error));
	}

	private static Mono<Void> answer(ServerWebExchange exchange, RequestHandlingError error) {
		String reference = UUID.randomUUID().toString();
		return Mono.deferContextual((context) -> {
			try (ContextSnapshot.Scope scope = snapshots.setThreadLocalsFrom(context)) {
				logger.error("Unexpected error [" + reference + "] handling " + exchange.getRequest().getMethod() + " "
						+ exchange.getRequest().getPath(), error.getCause());
			}
			ServerHttpResponse response = exchange.getResponse();
			if (response.isCommitted()) {
				// too late for a status: the connection is closed, the client sees the
				// end
				return Mono.error(error);
			}
			response.setStatusCode(HttpStatus.INTERNAL_SERVER_ERROR);
			response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
			byte[] body = ("{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500,"
					+ "\"detail\":\"Internal error (reference " + reference + ")\",\"code\":\""
					+ ErrorCode.INTERNAL_SERVER_ERROR.name() + "\"}")
				.getBytes(StandardCharsets.UTF_8);
			return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
		});
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
