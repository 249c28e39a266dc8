package dev.skillpath.support.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded PostgreSQL of a local run ({@code ./run-suite}) keeps learners' data
 * between runs, so it must survive a crash: fsync and synchronous commits on, unlike the
 * library's defaults for test databases.
 */
class RunTimeDatabaseTest {

	@Test
	void theRunTimeDatabaseWritesThroughToDisk(@TempDir Path home) throws Exception {
		EmbeddedPostgresSettings settings = new EmbeddedPostgresSettings(home.resolve("data").resolve("some-service"),
				0);
		try (EmbeddedPostgres postgres = EmbeddedPostgresPropertySource.startPostgres(settings);
				Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			assertThat(setting(statement, "fsync")).isEqualTo("on");
			assertThat(setting(statement, "synchronous_commit")).isEqualTo("on");
			assertThat(setting(statement, "full_page_writes")).isEqualTo("on");
			assertThat(setting(statement, "data_directory")).isEqualTo(settings.dataDirectory().toString());
		}
	}

	private static String setting(Statement statement, String name) throws Exception {
		try (ResultSet result = statement.executeQuery("SHOW " + name)) {
			result.next();
			return result.getString(1);
		}
	}

}
