package dev.skillpath.support.testing;

import dev.skillpath.support.database.DatabaseCoordinates;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The Testcontainers branch of {@link TestDatabase}, kept apart so that the class is only
 * loaded when Testcontainers is on the test class path.
 */
final class TestcontainersDatabase {

	private static final Log logger = LogFactory.getLog(TestcontainersDatabase.class);

	private TestcontainersDatabase() {
	}

	static TestDatabase startIfDockerAvailable() {
		try {
			Class.forName("org.testcontainers.DockerClientFactory");
		}
		catch (ClassNotFoundException ex) {
			return null;
		}
		return Docker.start();
	}

	private static final class Docker {

		static TestDatabase start() {
			boolean available;
			try {
				available = org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
			}
			catch (Throwable ex) {
				available = false;
			}
			if (!available) {
				logger.info("No Docker engine for Testcontainers; trying a PostgreSQL server next");
				return null;
			}
			var container = new org.testcontainers.postgresql.PostgreSQLContainer("postgres:15-alpine");
			container.start();
			return TestDatabase.fromContainer(new DatabaseCoordinates(container.getHost(),
					container.getMappedPort(5432), "postgres", container.getUsername(), container.getPassword()));
		}

	}

}
