package dev.skillpath.support.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

import dev.skillpath.support.database.DatabaseCoordinates;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The PostgreSQL server that a test run uses, chosen once per JVM, the same way for every
 * service:
 * <ol>
 * <li>a Testcontainers PostgreSQL when a Docker engine answers;</li>
 * <li>otherwise the server named by {@code SKILLPATH_TEST_DB_URL} (default
 * {@code postgresql://postgres@127.0.0.1:5432/postgres}) when it accepts a
 * connection;</li>
 * <li>otherwise an embedded PostgreSQL inside the JVM.</li>
 * </ol>
 * {@code SKILLPATH_TEST_DB=testcontainers|server|embedded} forces one. Each run works in
 * fresh databases created here and dropped when the JVM exits, so runs never see each
 * other's data.
 */
public final class TestDatabase {

	private static final Log logger = LogFactory.getLog(TestDatabase.class);

	private static TestDatabase instance;

	private final String kind;

	private final DatabaseCoordinates server;

	private final String runId = UUID.randomUUID().toString().replace("-", "").substring(0, 10);

	private final List<String> created = new ArrayList<>();

	private DatabaseCoordinates defaultDatabase;

	private TestDatabase(String kind, DatabaseCoordinates server) {
		this.kind = kind;
		this.server = server;
		Runtime.getRuntime().addShutdownHook(new Thread(this::dropCreated, "test-database-cleanup"));
	}

	/** The server of this run, chosen on first use. */
	public static synchronized TestDatabase get() {
		if (instance == null) {
			instance = choose();
			logger.info("Tests use " + instance.kind + " PostgreSQL at " + instance.server);
		}
		return instance;
	}

	/**
	 * How the server was found: {@code testcontainers}, {@code server} or
	 * {@code embedded}.
	 */
	public String kind() {
		return this.kind;
	}

	/** The database shared by the Spring contexts of this run, created on first use. */
	public synchronized DatabaseCoordinates defaultDatabase() {
		if (this.defaultDatabase == null) {
			this.defaultDatabase = createDatabase("main");
		}
		return this.defaultDatabase;
	}

	/** A new, empty database for a test that must not share state with the others. */
	public synchronized DatabaseCoordinates createDatabase(String purpose) {
		String name = ("skillpath_test_" + this.runId + "_" + purpose).toLowerCase(Locale.ROOT)
			.replaceAll("[^a-z0-9_]", "_");
		execute(this.server, "CREATE DATABASE " + name);
		this.created.add(name);
		return this.server.withDatabase(name);
	}

	private void dropCreated() {
		for (String name : this.created) {
			try {
				execute(this.server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
			}
			catch (RuntimeException ex) {
				// the server may already be gone at JVM exit (embedded or container)
			}
		}
	}

	private static TestDatabase choose() {
		String forced = setting("SKILLPATH_TEST_DB", "");
		if (forced.isEmpty() || forced.equals("testcontainers")) {
			TestDatabase container = TestcontainersDatabase.startIfDockerAvailable();
			if (container != null) {
				return container;
			}
			if (forced.equals("testcontainers")) {
				throw new IllegalStateException("SKILLPATH_TEST_DB=testcontainers but no Docker engine answers");
			}
		}
		if (forced.isEmpty() || forced.equals("server")) {
			DatabaseCoordinates server = DatabaseCoordinates.parse(
					setting("SKILLPATH_TEST_DB_URL", "postgresql://127.0.0.1:5432/postgres"),
					setting("SKILLPATH_TEST_DB_USER", "postgres"), setting("SKILLPATH_TEST_DB_PASSWORD", ""));
			if (accepts(server)) {
				return new TestDatabase("server", server);
			}
			if (forced.equals("server")) {
				throw new IllegalStateException("SKILLPATH_TEST_DB=server but " + server + " refuses connections");
			}
		}
		return embedded();
	}

	static TestDatabase fromContainer(DatabaseCoordinates server) {
		return new TestDatabase("testcontainers", server);
	}

	private static TestDatabase embedded() {
		try {
			EmbeddedPostgres postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(true).start();
			return new TestDatabase("embedded",
					new DatabaseCoordinates("localhost", postgres.getPort(), "postgres", "postgres", ""));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No Docker, no PostgreSQL server and the embedded one failed", ex);
		}
	}

	private static boolean accepts(DatabaseCoordinates server) {
		try (Connection ignored = connect(server)) {
			return true;
		}
		catch (SQLException ex) {
			logger.info("No PostgreSQL server for tests at " + server + ": " + ex.getMessage());
			return false;
		}
	}

	private static void execute(DatabaseCoordinates database, String sql) {
		try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not run '" + sql + "' on " + database, ex);
		}
	}

	private static Connection connect(DatabaseCoordinates database) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", database.username());
		properties.setProperty("password", database.password() == null ? "" : database.password());
		properties.setProperty("connectTimeout", "3");
		return DriverManager.getConnection(database.jdbcUrl(), properties);
	}

	private static String setting(String name, String fallback) {
		String value = System.getProperty(name, System.getenv(name));
		return value == null || value.isBlank() ? fallback : value.trim();
	}

}
