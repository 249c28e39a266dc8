package dev.skillpath.support.database;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Decides where a service's database is, before any bean is created.
 *
 * <ol>
 * <li>{@code spring.r2dbc.url} set: Spring's own properties win, nothing to do.</li>
 * <li>{@code skillpath.database.url} set (env {@code SKILLPATH_DATABASE_URL}, e.g.
 * {@code postgresql://db:5432/content}): derive the R2DBC and Flyway (JDBC) settings from
 * it.</li>
 * <li>Otherwise, in a service that has a database at all: an embedded PostgreSQL, started
 * lazily on first use (see {@link EmbeddedPostgresPropertySource}), so that a test or an
 * operator who configures a database later in start-up never pays for starting one.</li>
 * </ol>
 * The derived sources are added last, so any explicit property still overrides them.
 */
public class DatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.containsProperty("spring.r2dbc.url")) {
			return;
		}
		String url = environment.getProperty("skillpath.database.url");
		if (StringUtils.hasText(url)) {
			DatabaseCoordinates db = DatabaseCoordinates.parse(url,
					environment.getProperty("skillpath.database.username", "postgres"),
					environment.getProperty("skillpath.database.password", ""));
			environment.getPropertySources()
				.addLast(new MapPropertySource("skillpath-database", db.springProperties()));
			return;
		}
		if (environment.getProperty("skillpath.database.embedded.enabled", Boolean.class, true)
				&& ClassUtils.isPresent("io.zonky.test.db.postgres.embedded.EmbeddedPostgres", null)
				&& (ClassUtils.isPresent("io.r2dbc.spi.ConnectionFactory", null)
						|| ClassUtils.isPresent("org.springframework.jdbc.core.simple.JdbcClient", null))) {
			environment.getPropertySources()
				.addLast(new EmbeddedPostgresPropertySource(EmbeddedPostgresSettings.from(environment)));
		}
	}

	@Override
	public int getOrder() {
		// after config data (application.yaml, profiles) has been loaded
		return Ordered.LOWEST_PRECEDENCE - 10;
	}

}
