package dev.skillpath.gateway;

import dev.skillpath.support.app.ServiceLauncher;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The gateway: the one GraphQL endpoint in front of the subgraphs, and the partner
 * routes.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

	public static final String NAME = "gateway";

	public static void main(String[] args) {
		ServiceLauncher.builder(GatewayApplication.class, NAME).run(args);
	}

}
