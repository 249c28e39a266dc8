package dev.skillpath.support.server;

import reactor.netty.http.server.HttpServer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Every server of the suite (the services and the gateway) bounds how long it reads a
 * request: a client that stops sending half way through a request's body is cut off
 * instead of holding the connection for ever (docs/decisions/0019).
 */
@AutoConfiguration
@ConditionalOnClass(HttpServer.class)
@EnableConfigurationProperties(ServerTimeouts.class)
public class ServerTimeoutsAutoConfiguration {

	@Bean
	NettyServerCustomizer skillpathRequestReadTimeouts(ServerTimeouts timeouts) {
		return (server) -> server.readTimeout(timeouts.readTimeout()).requestTimeout(timeouts.requestTimeout());
	}

}
