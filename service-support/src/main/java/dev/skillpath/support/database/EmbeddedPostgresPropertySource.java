package dev.skillpath.support.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.env.EnumerablePropertySource;

/**
 * Supplies the database properties of a local run from an embedded PostgreSQL that is
 * started the first time one of them is read, and stopped when the JVM exits. Its data
 * directory is kept, so learners' and editors' data survive a restart.
 */
class EmbeddedPostgresPropertySource extends EnumerablePropertySource<EmbeddedPostgresSettings> {

	private static final Log logger = LogFactory.getLog(EmbeddedPostgresPropertySource.class);

	private volatile Map<String, Object> properties;

	EmbeddedPostgresPropertySource(EmbeddedPostgresSettings settings) {
		super("skillpath-embedded-postgres", settings);
	}

	@Override
	public String[] getPropertyNames() {
		return DatabaseCoordinates.PROPERTY_NAMES.clone();
	}

	@Override
	public Object getProperty(String name) {
		for (String known : DatabaseCoordinates.PROPERTY_NAMES) {
			if (known.equals(name)) {
				return started().get(name);
			}
		}
		return null;
	}

	private Map<String, Object> started() {
		Map<String, Object> result = this.properties;
		if (result == null) {
			synchronized (this) {
				result = this.properties;
				if (result == null) {
					result = start(getSource()).springProperties();
					this.properties = result;
				}
			}
		}
		return result;
	}

	private static DatabaseCoordinates start(EmbeddedPostgresSettings settings) {
		long begin = System.nanoTime();
		EmbeddedPostgres postgres = startPostgres(settings);
		logger.info("No database configured (set SKILLPATH_DATABASE_URL to use a server): started an embedded "
				+ "PostgreSQL on port " + postgres.getPort() + " with its data in " + settings.dataDirectory() + " in "
				+ (System.nanoTime() - begin) / 1_000_000 + " ms");
		return new DatabaseCoordinates("localhost", postgres.getPort(), "postgres", "postgres", "");
	}

	/**
	 * Starts the PostgreSQL of a local run. Its data are kept between runs, so it writes
	 * them as a server should: the library's defaults, made for throwaway test databases,
	 * start PostgreSQL with {@code -F} (fsync off) and {@code synchronous_commit=off},
	 * which can lose acknowledged writes, or corrupt the database, when the machine stops
	 * abruptly. Later {@code -c} options win over {@code -F} (docs/decisions/0020).
	 */
	static EmbeddedPostgres startPostgres(EmbeddedPostgresSettings settings) {
		try {
			Files.createDirectories(settings.dataDirectory().getParent());
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setDataDirectory(settings.dataDirectory())
				.setCleanDataDirectory(false)
				.setRegisterShutdownHook(true)
				.setServerConfig("max_connections", "100")
				.setServerConfig("fsync", "on")
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("full_page_writes", "on");
			if (settings.port() > 0) {
				builder.setPort(settings.port());
			}
			return builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + settings.dataDirectory()
					+ " (is another instance of this service running?)", ex);
		}
	}

}
