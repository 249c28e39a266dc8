package dev.skillpath.identity.account;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the sign-up form sends, and what is wrong with it. Passwords follow NIST SP
 * 800-63B: a minimum length and no composition rules, and any character.
 */
public record SignUp(String username, String displayName, String password, String confirmPassword) {

	static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{2,31}");

	static final int MIN_PASSWORD = 10;

	static final int MAX_PASSWORD = 128;

	public SignUp {
		username = username == null ? "" : username.strip();
		displayName = displayName == null ? "" : displayName.strip();
		password = password == null ? "" : password;
		confirmPassword = confirmPassword == null ? "" : confirmPassword;
	}

	/** The display name, or the username when none was given. */
	public String name() {
		return this.displayName.isEmpty() ? this.username : this.displayName;
	}

	/** Field name to message; empty when the form can be stored. */
	public Map<String, String> problems() {
		Map<String, String> problems = new LinkedHashMap<>();
		if (!USERNAME.matcher(this.username).matches()) {
			problems.put("username",
					"Use 3 to 32 letters, digits, dots, dashes or underscores, starting with a letter or digit.");
		}
		if (this.displayName.length() > 80 || this.displayName.chars().anyMatch(Character::isISOControl)) {
			problems.put("displayName", "Use at most 80 characters, without control characters.");
		}
		if (this.password.length() < MIN_PASSWORD || this.password.length() > MAX_PASSWORD) {
			problems.put("password", "Use " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters.");
		}
		else if (!this.password.equals(this.confirmPassword)) {
			problems.put("confirmPassword", "The two passwords differ.");
		}
		return problems;
	}

}
