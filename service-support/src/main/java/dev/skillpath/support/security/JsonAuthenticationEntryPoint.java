package dev.skillpath.support.security;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers a missing or invalid bearer token with 401 and a body a client can act on: a
 * GraphQL error with {@code extensions.code = UNAUTHENTICATED} on GraphQL paths, an RFC
 * 9457 problem elsewhere. Never the exception text of the token library beyond its
 * one-line reason.
 */
final class JsonAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatus.UNAUTHORIZED);
		response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
		String reason = "Invalid bearer token: " + oneLine(ex.getMessage());
		String body;
		if (exchange.getRequest().getPath().value().endsWith("/graphql")) {
			response.getHeaders().setContentType(MediaType.APPLICATION_GRAPHQL_RESPONSE);
			body = "{\"errors\":[{\"message\":" + quote(reason) + ",\"extensions\":{\"code\":\"UNAUTHENTICATED\"}}]}";
		}
		else {
			response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
			body = "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":" + quote(reason)
					+ ",\"code\":\"UNAUTHENTICATED\"}";
		}
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
	}

	private static String oneLine(String message) {
		if (message == null) {
			return "rejected";
		}
		String line = message.lines().findFirst().orElse("rejected");
		return line.length() > 200 ? line.substring(0, 200) : line;
	}

	static String quote(String text) {
		StringBuilder sb = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> sb.append("\\\"");
				case '\\' -> sb.append("\\\\");
				default -> {
					if (c < 0x20) {
						sb.append(String.format("\\u%04x", (int) c));
					}
					else {
						sb.append(c);
					}
				}
			}
		}
		return sb.append('"').toString();
	}

}
