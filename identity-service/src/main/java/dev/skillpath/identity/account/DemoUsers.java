package dev.skillpath.identity.account;

import java.util.List;
import java.util.Locale;

import dev.skillpath.identity.IdentityProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The demo accounts of a laptop run (ada the learner, eve the editor, root the admin),
 * made at start when missing. Only the local profile turns this on.
 */
@Component
@ConditionalOnProperty(name = "skillpath.identity.demo-users.enabled", havingValue = "true")
class DemoUsers implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(DemoUsers.class);

	private final AccountRepository accounts;

	private final PasswordEncoder passwords;

	private final IdentityProperties.DemoUsers demo;

	DemoUsers(AccountRepository accounts, PasswordEncoder passwords, IdentityProperties properties) {
		this.accounts = accounts;
		this.passwords = passwords;
		this.demo = properties.demoUsers();
	}

	@Override
	public void run(ApplicationArguments args) {
		for (String entry : this.demo.accounts()) {
			String[] parts = entry.split(":", 2);
			String username = parts[0].strip();
			String role = parts.length > 1 ? parts[1].strip().toUpperCase(Locale.ROOT) : "LEARNER";
			if (!Account.ROLES.contains(role)) {
				throw new IllegalStateException(
						"Demo user " + entry + ": the role must be one of " + Account.ROLES + " (username:ROLE)");
			}
			if (this.accounts.findByUsername(username).isEmpty()) {
				try {
					this.accounts.create(username, username, this.passwords.encode(this.demo.password()),
							List.of(role));
					logger.info("Made the demo account " + username + " (" + role + ")");
				}
				catch (AccountRepository.UsernameTakenException ex) {
					// a second replica made it at the same moment
				}
			}
		}
	}

}
