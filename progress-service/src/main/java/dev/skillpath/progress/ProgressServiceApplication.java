package dev.skillpath.progress;

import java.time.Clock;

import dev.skillpath.support.app.ServiceLauncher;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * progress-service: each learner's progress, history, streaks and next skills, as a
 * federation v2 subgraph.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ProgressServiceApplication {

	/** The name of the service, of its configuration file and of its metrics. */
	public static final String NAME = "progress-service";

	public static void main(String[] args) {
		ServiceLauncher.builder(ProgressServiceApplication.class, NAME).run(args);
	}

	/**
	 * The time of online changes and of "today" for streaks; tests replace it to cross
	 * midnight.
	 */
	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

}
