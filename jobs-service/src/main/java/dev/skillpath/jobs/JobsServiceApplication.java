package dev.skillpath.jobs;

import dev.skillpath.support.app.ServiceLauncher;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * jobs-service: partner job listings in, clean listings and learner matches out, as a
 * federation v2 subgraph.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class JobsServiceApplication {

	/** The name of the service, of its configuration file and of its metrics. */
	public static final String NAME = "jobs-service";

	public static void main(String[] args) {
		ServiceLauncher.builder(JobsServiceApplication.class, NAME).run(args);
	}

}
