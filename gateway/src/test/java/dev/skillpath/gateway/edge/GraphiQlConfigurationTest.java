package dev.skillpath.gateway.edge;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.context.annotation.UserConfigurations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GraphiQL exists only where a profile turns it on (local and test; never by default or
 * in prod).
 */
class GraphiQlConfigurationTest {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(UserConfigurations.of(GraphiQlConfiguration.class));

	@Test
	void offUnlessTurnedOn() {
		this.contexts.run((context) -> assertThat(context).doesNotHaveBean("graphiQlRoute"));
		this.contexts.withPropertyValues("skillpath.gateway.graphiql.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("graphiQlRoute"));
		this.contexts.withPropertyValues("skillpath.gateway.graphiql.enabled=true")
			.run((context) -> assertThat(context).hasBean("graphiQlRoute"));
	}

}
