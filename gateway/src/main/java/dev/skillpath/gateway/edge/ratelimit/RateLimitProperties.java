package dev.skillpath.gateway.edge.ratelimit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param enabled whether requests are limited at all
 * @param store {@code memory} (one gateway) or {@code redis} (shared by all replicas)
 * @param window length of a counting window
 * @param learnerPerWindow requests per window for a signed-in caller
 * @param anonymousPerWindow requests per window for one client IP without a token
 * @param partnerPerWindow requests per window for one partner key
 * @param keyPrefix prefix of the Redis keys (lets several suites share one Redis)
 */
@ConfigurationProperties("skillpath.gateway.rate-limit")
public record RateLimitProperties(Boolean enabled, String store, Duration window, Integer learnerPerWindow,
		Integer anonymousPerWindow, Integer partnerPerWindow, String keyPrefix) {

	public RateLimitProperties {
		enabled = enabled == null ? Boolean.TRUE : enabled;
		store = store == null ? "memory" : store;
		window = window == null ? Duration.ofMinutes(1) : window;
		learnerPerWindow = learnerPerWindow == null ? 600 : learnerPerWindow;
		anonymousPerWindow = anonymousPerWindow == null ? 300 : anonymousPerWindow;
		partnerPerWindow = partnerPerWindow == null ? 1200 : partnerPerWindow;
		keyPrefix = keyPrefix == null ? "skillpath:ratelimit:" : keyPrefix;
	}

}
