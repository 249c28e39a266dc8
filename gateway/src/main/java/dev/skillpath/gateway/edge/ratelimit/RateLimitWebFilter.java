package dev.skillpath.gateway.edge.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import dev.skillpath.gateway.edge.clientaddress.ClientAddressResolver;
import dev.skillpath.support.security.Caller;
import dev.skillpath.support.security.Callers;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Rate limits at the edge, before any subgraph call: per learner (the token's subject) on
 * {@code /graphql}, per client IP for anonymous callers (behind trusted proxies, the
 * address they forward: {@link ClientAddressResolver}), and per partner key on
 * {@code /partner/**}. A refusal is 429 with {@code Retry-After} and a body in the shape
 * the client expects (a GraphQL error or a problem).
 */
public final class RateLimitWebFilter implements WebFilter, Ordered {

	private final RateLimiter limiter;

	private final RateLimitProperties properties;

	private final io.micrometer.core.instrument.MeterRegistry meters;

	private final ClientAddressResolver clients;

	public RateLimitWebFilter(RateLimiter limiter, RateLimitProperties properties,
			io.micrometer.core.instrument.MeterRegistry meters, ClientAddressResolver clients) {
		this.limiter = limiter;
		this.properties = properties;
		this.meters = meters;
		this.clients = clients;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String path = exchange.getRequest().getPath().value();
		boolean partner = path.startsWith("/partner/");
		if (!this.properties.enabled() || !partner && !path.equals("/graphql")) {
			return chain.filter(exchange);
		}
		Mono<String[]> keyAndKind;
		if (partner) {
			String apiKey = exchange.getRequest().getHeaders().getFirst("X-Api-Key");
			keyAndKind = Mono
				.just(apiKey == null ? new String[] { "ip:" + this.clients.resolve(exchange.getRequest()), "anonymous" }
						: new String[] { "partner:" + sha256(apiKey), "partner" });
		}
		else {
			keyAndKind = Callers.current()
				.map((Caller caller) -> caller.isAuthenticated()
						? new String[] { "learner:" + caller.subject(), "learner" }
						: new String[] { "ip:" + this.clients.resolve(exchange.getRequest()), "anonymous" });
		}
		return keyAndKind.flatMap((key) -> {
			int limit = switch (key[1]) {
				case "partner" -> this.properties.partnerPerWindow();
				case "learner" -> this.properties.learnerPerWindow();
				default -> this.properties.anonymousPerWindow();
			};
			return this.limiter.acquire(key[0], limit, this.properties.window()).flatMap((decision) -> {
				if (decision.allowed()) {
					return chain.filter(exchange);
				}
				this.meters.counter("skillpath.gateway.rate.limited", "kind", key[1]).increment();
				return refuse(exchange, decision, partner, this.properties.window());
			});
		});
	}

	private static Mono<Void> refuse(ServerWebExchange exchange, RateLimiter.Decision decision, boolean partner,
			Duration window) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
		response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
		String message = "Too many requests: retry in " + decision.retryAfterSeconds() + " s (limit per "
				+ window.toSeconds() + " s)";
		String body;
		if (partner) {
			response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
			body = "{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,\"detail\":\"" + message
					+ "\",\"code\":\"RATE_LIMITED\"}";
		}
		else {
			response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
			body = "{\"errors\":[{\"message\":\"" + message
					+ "\",\"extensions\":{\"code\":\"RATE_LIMITED\",\"retryAfter\":" + decision.retryAfterSeconds()
					+ "}}]}";
		}
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
	}

	private static String sha256(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)))
				.substring(0, 32);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public int getOrder() {
		// after Spring Security's filter chain (order -100), which sets the caller
		return 0;
	}

}
