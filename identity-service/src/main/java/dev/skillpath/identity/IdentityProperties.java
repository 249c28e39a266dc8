package dev.skillpath.identity;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param appUrl where the learner app is, linked from the service's own pages
 * @param demoUsers accounts made at start for a laptop (the local profile only)
 */
@ConfigurationProperties("skillpath.identity")
public record IdentityProperties(String appUrl, DemoUsers demoUsers) {

	public IdentityProperties {
		appUrl = appUrl == null ? "http://localhost:8080/" : appUrl;
		demoUsers = demoUsers == null ? new DemoUsers(false, null, null) : demoUsers;
	}

	/**
	 * @param enabled whether they are made (and shown on the sign-in page)
	 * @param password the password of each of them
	 * @param accounts {@code username:ROLE} entries
	 */
	public record DemoUsers(boolean enabled, String password, List<String> accounts) {

		public DemoUsers {
			password = password == null ? "skillpath-demo" : password;
			accounts = accounts == null ? List.of("ada:LEARNER", "eve:EDITOR", "root:ADMIN") : List.copyOf(accounts);
		}

	}

}
