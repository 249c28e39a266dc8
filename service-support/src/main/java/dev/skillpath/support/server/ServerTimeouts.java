package dev.skillpath.support.server;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a server waits for a request that stops arriving. Beside Spring Boot's
 * {@code server.netty.idle-timeout} (an idle keep-alive connection, or request headers
 * that stop), which the shared defaults set.
 *
 * @param readTimeout the longest pause between two reads of a request's body; the
 * connection is closed after it
 * @param requestTimeout the longest time to read a whole request; answered 408 after it
 */
@ConfigurationProperties("skillpath.server")
public record ServerTimeouts(@DefaultValue("30s") Duration readTimeout, @DefaultValue("60s") Duration requestTimeout) {

}
