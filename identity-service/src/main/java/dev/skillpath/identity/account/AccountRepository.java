package dev.skillpath.identity.account;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Accounts and their roles in identity-service's database. */
@Repository
public class AccountRepository {

	private final JdbcClient jdbc;

	public AccountRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** By username, whatever its case. */
	public Optional<Account> findByUsername(String username) {
		return this.jdbc.sql("""
				SELECT a.id, a.username, a.display_name, a.password_hash,
				       coalesce(array_agg(r.role ORDER BY r.role) FILTER (WHERE r.role IS NOT NULL), '{}') AS roles
				FROM account a LEFT JOIN account_role r ON r.account_id = a.id
				WHERE lower(a.username) = lower(:username)
				GROUP BY a.id
				""").param("username", username).query((row, number) -> {
			String[] roles = (String[]) row.getArray("roles").getArray();
			return new Account(row.getObject("id", UUID.class), row.getString("username"),
					row.getString("display_name"), row.getString("password_hash"), List.of(roles));
		}).optional();
	}

	/**
	 * Stores a new account.
	 * @throws UsernameTakenException when another account has that username, in any case
	 */
	@Transactional
	public Account create(String username, String displayName, String passwordHash, List<String> roles) {
		UUID id = UUID.randomUUID();
		try {
			this.jdbc.sql(
					"INSERT INTO account (id, username, display_name, password_hash) VALUES (:id, :username, :name, :hash)")
				.param("id", id)
				.param("username", username)
				.param("name", displayName)
				.param("hash", passwordHash)
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new UsernameTakenException(username);
		}
		for (String role : roles) {
			this.jdbc.sql("INSERT INTO account_role (account_id, role) VALUES (:id, :role)")
				.param("id", id)
				.param("role", role)
				.update();
		}
		return new Account(id, username, displayName, passwordHash, List.copyOf(roles));
	}

	/** Thrown when a username is already someone's. */
	public static final class UsernameTakenException extends RuntimeException {

		UsernameTakenException(String username) {
			super("The username " + username + " is taken");
		}

	}

}
