package dev.skillpath.support;

import java.util.List;
import java.util.Map;

import dev.skillpath.support.database.DatabaseCoordinates;
import dev.skillpath.support.database.DatabaseEnvironmentPostProcessor;
import dev.skillpath.support.error.ApiException;
import dev.skillpath.support.error.ErrorCode;
import dev.skillpath.support.graphql.Connection;
import dev.skillpath.support.graphql.Cursors;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SupportUnitTest {

	@Test
	void databaseUrlsInEveryCommonSpellingGiveMatchingR2dbcAndFlywaySettings() {
		for (String url : List.of("postgresql://db:5433/content", "postgres://db:5433/content",
				"jdbc:postgresql://db:5433/content", "r2dbc:postgresql://db:5433/content")) {
			DatabaseCoordinates db = DatabaseCoordinates.parse(url, "app", "secret");
			assertThat(db.springProperties()).containsEntry("spring.r2dbc.url", "r2dbc:postgresql://db:5433/content")
				.containsEntry("spring.flyway.url", "jdbc:postgresql://db:5433/content")
				.containsEntry("spring.r2dbc.username", "app")
				.containsEntry("spring.flyway.password", "secret");
		}
		assertThat(DatabaseCoordinates.parse("postgresql://u:p@db/x", "ignored", "").username()).isEqualTo("u");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> DatabaseCoordinates.parse("mysql://db/x", "u", "p"))
			.withMessageContaining("postgresql://host:5432/database");
	}

	@Test
	void aConfiguredDatabaseNeverStartsAnEmbeddedOne() {
		MockEnvironment configured = new MockEnvironment().withProperty("skillpath.database.url",
				"postgresql://db/content");
		new DatabaseEnvironmentPostProcessor().postProcessEnvironment(configured, new SpringApplication());
		assertThat(configured.getProperty("spring.r2dbc.url")).isEqualTo("r2dbc:postgresql://db:5432/content");
		assertThat(configured.getPropertySources().contains("skillpath-embedded-postgres")).isFalse();

		MockEnvironment spring = new MockEnvironment().withProperty("spring.r2dbc.url", "r2dbc:postgresql://x/y");
		new DatabaseEnvironmentPostProcessor().postProcessEnvironment(spring, new SpringApplication());
		assertThat(spring.getPropertySources().contains("skillpath-embedded-postgres")).isFalse();
		assertThat(spring.getPropertySources().contains("skillpath-database")).isFalse();

		MockEnvironment nothing = new MockEnvironment();
		new DatabaseEnvironmentPostProcessor().postProcessEnvironment(nothing, new SpringApplication());
		// offered, but only started when someone reads a database property
		assertThat(nothing.getPropertySources().contains("skillpath-embedded-postgres")).isTrue();
	}

	@Test
	void cursorsAreOpaqueAndBelongToOneList() {
		String cursor = Cursors.encode("skill", "java");
		assertThat(cursor).doesNotContain("java");
		assertThat(Cursors.decode("skill", cursor)).isEqualTo("java");
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> Cursors.decode("job", cursor))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.BAD_USER_INPUT));
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> Cursors.decode("skill", "%%%"));
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> Cursors.pageSize(101, 20, 100))
			.withMessageContaining("between 0 and 100");
	}

	@Test
	void aConnectionKnowsWhetherMoreFollowsFromOneExtraRow() {
		Connection<String> page = Connection.of(List.of("a", "b", "c"), 2, false, (s) -> s, 3);
		assertThat(page.edges()).extracting((e) -> e.node()).containsExactly("a", "b");
		assertThat(page.pageInfo().hasNextPage()).isTrue();
		assertThat(page.pageInfo().endCursor()).isEqualTo("b");
		assertThat(Connection.of(List.of("a"), 2, true, (s) -> s, null).pageInfo().hasNextPage()).isFalse();
	}

	@Test
	void apiExceptionsCarryTheirCodeAndDetails() {
		ApiException ex = ApiException.badUserInput("bad", Map.of("field", "x"));
		assertThat(ex.code().status().value()).isEqualTo(400);
		assertThat(ex.details()).containsEntry("field", "x");
		assertThat(ApiException.unavailable("down").details()).containsEntry("retryable", true);
	}

}
