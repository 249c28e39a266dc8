package dev.skillpath.support.database;

import java.nio.file.Path;

import org.springframework.core.env.Environment;

/**
 * Where the embedded PostgreSQL of a local run keeps its files, and on which port it
 * listens. The data directory survives restarts: by default
 * {@code ~/.skillpath/data/<application name>}.
 */
public record EmbeddedPostgresSettings(Path dataDirectory, int port) {

	static EmbeddedPostgresSettings from(Environment environment) {
		String application = environment.getProperty("spring.application.name", "skillpath");
		String configured = environment.getProperty("skillpath.database.embedded.data-dir");
		Path dataDirectory = configured != null ? Path.of(configured)
				: Path.of(System.getProperty("user.home"), ".skillpath", "data", application);
		int port = environment.getProperty("skillpath.database.embedded.port", Integer.class, 0);
		return new EmbeddedPostgresSettings(dataDirectory.toAbsolutePath(), port);
	}

}
