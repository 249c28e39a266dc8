package dev.skillpath.content;

import dev.skillpath.support.app.ServiceLauncher;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** content-service: the backend-developer roadmap as a federation v2 subgraph. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ContentServiceApplication {

	/** The name of the service, of its configuration file and of its metrics. */
	public static final String NAME = "content-service";

	public static void main(String[] args) {
		ServiceLauncher.builder(ContentServiceApplication.class, NAME).run(args);
	}

}
