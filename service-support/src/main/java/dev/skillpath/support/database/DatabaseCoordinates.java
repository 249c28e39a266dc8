package dev.skillpath.support.database;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where one PostgreSQL database is, and the Spring properties (R2DBC for the service,
 * JDBC for Flyway) that point at it.
 */
public record DatabaseCoordinates(String host, int port, String database, String username, String password) {

	/** The properties every service needs, so that R2DBC and Flyway always agree. */
	public static final String[] PROPERTY_NAMES = { "spring.r2dbc.url", "spring.r2dbc.username",
			"spring.r2dbc.password", "spring.flyway.url", "spring.flyway.user", "spring.flyway.password" };

	/**
	 * Accepts {@code postgresql://host:port/db}, {@code postgres://...},
	 * {@code jdbc:postgresql://...} or {@code r2dbc:postgresql://...}.
	 */
	public static DatabaseCoordinates parse(String url, String username, String password) {
		String plain = url.trim().replaceFirst("^(jdbc:|r2dbc:)", "").replaceFirst("^postgres://", "postgresql://");
		if (!plain.startsWith("postgresql://")) {
			throw new IllegalArgumentException(
					"skillpath.database.url must look like postgresql://host:5432/database, was: " + url);
		}
		URI uri = URI.create(plain);
		String database = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres"
				: uri.getPath().substring(1);
		String user = username;
		String pass = password;
		if (uri.getUserInfo() != null) {
			String[] parts = uri.getUserInfo().split(":", 2);
			user = parts[0];
			pass = parts.length > 1 ? parts[1] : pass;
		}
		return new DatabaseCoordinates(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432, database, user, pass);
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://" + this.host + ":" + this.port + "/" + this.database;
	}

	public String r2dbcUrl() {
		return "r2dbc:postgresql://" + this.host + ":" + this.port + "/" + this.database;
	}

	public DatabaseCoordinates withDatabase(String otherDatabase) {
		return new DatabaseCoordinates(this.host, this.port, otherDatabase, this.username, this.password);
	}

	public Map<String, Object> springProperties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.r2dbc.url", r2dbcUrl());
		properties.put("spring.r2dbc.username", this.username);
		properties.put("spring.r2dbc.password", this.password == null ? "" : this.password);
		properties.put("spring.flyway.url", jdbcUrl());
		properties.put("spring.flyway.user", this.username);
		properties.put("spring.flyway.password", this.password == null ? "" : this.password);
		return properties;
	}

	@Override
	public String toString() {
		return "postgresql://" + this.username + "@" + this.host + ":" + this.port + "/" + this.database;
	}

}
