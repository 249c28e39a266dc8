package dev.skillpath.support.testing;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a test's application context at the run's test database (see
 * {@link TestDatabase}), ahead of every other property source. Use through
 * {@link UsesTestDatabase}.
 */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		var database = TestDatabase.get().defaultDatabase();
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("skillpath-test-database", database.springProperties()));
	}

}
