package dev.skillpath.systemtests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.skillpath.support.database.DatabaseCoordinates;
import dev.skillpath.support.testing.TestDatabase;

/**
 * identity-service as it runs in production: its own process (the exec jar the reactor
 * built before this module), its own database, real HTTP. Started once per test JVM, on
 * first use, on a port chosen when this class loads, so that the services, started
 * earlier, already name it as the issuer whose tokens they accept (they read its keys on
 * the first such token). The gateway that signs people in runs on {@link #GATEWAY_PORT},
 * the address registered here as the client's.
 */
public final class IdentityProvider {

	public static final int PORT = freePort();

	public static final int GATEWAY_PORT = freePort();

	public static final String CLIENT_ID = "skillpath-web";

	public static final String CLIENT_SECRET = "skillpath-test-web-client-secret";

	static final String ACCESS_TOKEN_TTL = "30s";

	private static Process process;

	private static DatabaseCoordinates database;

	/** The key the provider signs with, as it keeps it in its database. */
	public record SigningKey(String id, byte[] privateKey) {
	}

	private IdentityProvider() {
	}

	public static String issuer() {
		return "http://localhost:" + PORT;
	}

	public static String gatewayUrl() {
		return "http://localhost:" + GATEWAY_PORT;
	}

	/** Starts the provider unless it runs; waits until it is ready. */
	public static synchronized void ensureStarted() {
		if (process != null && process.isAlive()) {
			return;
		}
		database = TestDatabase.get().createDatabase("identity");
		Path log = Path.of("target", "identity-service.log");
		List<String> command = new ArrayList<>(
				List.of(javaBinary(), "-XX:+UseSerialGC", "-Xmx192m", "-XX:TieredStopAtLevel=1", "-jar",
						execJar().toString(), "--spring.profiles.active=test", "--server.port=" + PORT));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment()
			.put("SKILLPATH_DATABASE_URL",
					"postgresql://" + database.host() + ":" + database.port() + "/" + database.database());
		builder.environment().put("SKILLPATH_DATABASE_USERNAME", database.username());
		builder.environment()
			.put("SKILLPATH_DATABASE_PASSWORD", database.password() == null ? "" : database.password());
		builder.environment().put("SKILLPATH_IDENTITY_ISSUER", issuer());
		builder.environment()
			.put("SKILLPATH_IDENTITY_WEB_REDIRECT_URIS", gatewayUrl() + "/login/oauth2/code/skillpath");
		builder.environment().put("SKILLPATH_IDENTITY_WEB_POST_LOGOUT_URIS", gatewayUrl() + "/");
		builder.environment().put("SKILLPATH_APP_URL", gatewayUrl() + "/");
		// shorter than the gateway's 60 s of clock skew: every request of a session
		// renews its
		// token, so that the tests go through refresh (and concurrent refreshes) all the
		// time
		builder.environment().put("SKILLPATH_IDENTITY_ACCESS_TOKEN_TTL", ACCESS_TOKEN_TTL);
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Process started = process;
		Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "identity-service-stop"));
		awaitReady(log);
	}

	/** For tests that must sign a token as the provider would (an expired one, say). */
	public static SigningKey signingKey() {
		return query("SELECT id, private_key FROM signing_key",
				(row) -> new SigningKey(row.getString(1), row.getBytes(2)));
	}

	/**
	 * Revokes every grant of the account {@code username}: its refresh tokens no longer
	 * work, as after an operator's revocation or their expiry. Answers how many there
	 * were.
	 */
	public static int revokeGrantsOf(String username) {
		return query("WITH gone AS (DELETE FROM oauth2_authorization WHERE principal_name = '"
				+ username.replace("'", "") + "' RETURNING 1) SELECT count(*) FROM gone", (row) -> row.getInt(1));
	}

	private interface RowReader<T> {

		T read(java.sql.ResultSet row) throws java.sql.SQLException;

	}

	private static synchronized <T> T query(String sql, RowReader<T> reader) {
		ensureStarted();
		java.util.Properties credentials = new java.util.Properties();
		credentials.setProperty("user", database.username());
		credentials.setProperty("password", database.password() == null ? "" : database.password());
		try (var connection = java.sql.DriverManager.getConnection(database.jdbcUrl(), credentials);
				var statement = connection.createStatement();
				var row = statement.executeQuery(sql)) {
			row.next();
			return reader.read(row);
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void awaitReady(Path log) {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("identity-service stopped during start:\n" + tail(log));
			}
			try {
				HttpResponse<Void> response = http
					.send(HttpRequest.newBuilder(URI.create(issuer() + "/actuator/health/readiness"))
						.timeout(Duration.ofSeconds(2))
						.build(), HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			sleep();
		}
		throw new IllegalStateException("identity-service not ready after 120 s:\n" + tail(log));
	}

	/**
	 * The runnable jar the reactor built (this module depends on identity-service for
	 * it).
	 */
	static Path execJar() {
		Path target = RepositoryRoot.path().resolve("identity-service/target");
		try (Stream<Path> files = Files.list(target)) {
			return files.filter((file) -> file.getFileName().toString().matches("identity-service-.*-exec\\.jar"))
				.findFirst()
				.orElseThrow();
		}
		catch (IOException | java.util.NoSuchElementException ex) {
			throw new IllegalStateException("No identity-service exec jar in " + target
					+ ": build it first (./mvnw verify builds it before this module; alone: "
					+ "./mvnw -pl identity-service -am package -DskipTests)", ex);
		}
	}

	private static String javaBinary() {
		return Path.of(System.getProperty("java.home"), "bin", File.separatorChar == '\\' ? "java.exe" : "java")
			.toString();
	}

	private static String tail(Path log) {
		try {
			List<String> lines = Files.readAllLines(log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex + ")";
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
