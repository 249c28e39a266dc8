package dev.skillpath.identity;

import dev.skillpath.support.app.ServiceLauncher;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * identity-service: the suite's OpenID Connect provider for local runs, tests and
 * operators who want one of ours (Spring Authorization Server; accounts in its own
 * PostgreSQL).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IdentityServiceApplication {

	/** The name of the service, of its configuration file and of its metrics. */
	public static final String NAME = "identity-service";

	public static void main(String[] args) {
		ServiceLauncher.builder(IdentityServiceApplication.class, NAME).run(args);
	}

}
