package dev.skillpath.support.security;

import java.nio.charset.StandardCharsets;

import dev.skillpath.support.error.ErrorCode;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers a request that Spring Security's firewall refuses (an encoded NUL, slash or period in
 * the URL, a disallowed header value...) with 400 and an RFC 9457 problem body saying why, like
 * every other refusal of client input; the firewall's own handler answered 400 with no body.
 */
final class ProblemExchangeRejectedHandler implements ServerExchangeRejectedHandler {

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException ex) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatus.BAD_REQUEST);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		String detail = "The request was refused: " + JsonAuthenticationEntryPoint.oneLine(ex.getMessage());
		String body = "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":"
				+ JsonAuthenticationEntryPoint.quote(detail) + ",\"code\":\"" + ErrorCode.BAD_USER_INPUT.name() + "\"}";
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
	}

}
