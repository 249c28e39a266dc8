package dev.skillpath.identity;

import java.util.Map;
import java.util.UUID;

import dev.skillpath.support.testing.FormBrowser;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new learner signs up in the middle of the app's sign-in and is sent on to the app as
 * signed in; a form that cannot be stored says why, field by field, and stores nothing.
 */
class SignUpTest extends IdentityServiceTestBase {

	static String someone() {
		return "learner-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void signingUpDuringTheAppsSignInStoresAHashedPasswordAndGoesOnToTheApp() {
		FormBrowser browser = new FormBrowser();
		AuthorizationRequest request = authorizationRequest();
		FormBrowser.Page login = browser.follow(browser.get(request.uri()));
		assertThat(login.body()).contains("Create an account");
		FormBrowser.Page signUp = browser.get(at("/signup"));
		String username = someone();
		FormBrowser.Page created = browser.post(at("/signup"),
				form("username", username, "displayName", "Grace H.", "password", "correct horse battery",
						"confirmPassword", "correct horse battery", "_csrf", signUp.csrf()));
		String code = code(browser, created, request);

		Jwt access = verified(exchange(code, request).get("access_token"));
		assertThat(access.getClaimAsStringList("roles")).containsExactly("LEARNER");
		assertThat(access.getClaimAsString("name")).isEqualTo("Grace H.");
		assertThat(storedHashes(username)).singleElement()
			.satisfies((hash) -> assertThat(hash).startsWith("{bcrypt}$2").doesNotContain("correct horse"));

		// and the new account signs in again with its password
		AuthorizationRequest again = authorizationRequest();
		assertThat(signIn(new FormBrowser(), again, username.toUpperCase(), "correct horse battery")).isNotBlank();
	}

	@Test
	void badFormsAreRefusedWithTheirReasonsAndStoreNothing() {
		FormBrowser browser = new FormBrowser();
		String taken = someone();
		FormBrowser.Page first = browser.get(at("/signup"));
		browser.post(at("/signup"), form("username", taken, "displayName", "", "password", "a good long password",
				"confirmPassword", "a good long password", "_csrf", first.csrf()));
		long before = accounts();

		Map<String, String[]> cases = Map.of("short password",
				new String[] { someone(), "short", "short", "Use 10 to 128 characters." }, "passwords differ",
				new String[] {
						someone(), "a good long password", "another long password", "The two passwords differ." },
				"bad username",
				new String[] { "-no spaces-", "a good long password", "a good long password",
						"Use 3 to 32 letters, digits, dots, dashes or underscores" },
				"taken in another case", new String[] { taken.toUpperCase(), "a good long password",
						"a good long password", "That username is taken" });
		cases.forEach((name, fields) -> {
			FormBrowser fresh = new FormBrowser();
			FormBrowser.Page page = fresh.get(at("/signup"));
			FormBrowser.Page refused = fresh.post(at("/signup"), form("username", fields[0], "displayName", "",
					"password", fields[1], "confirmPassword", fields[2], "_csrf", page.csrf()));
			assertThat(refused.status()).as(name).isEqualTo(422);
			assertThat(refused.body()).as(name).contains(fields[3]);
			assertThat(refused.body()).as("%s: the password is not sent back", name).doesNotContain(fields[1]);
		});
		assertThat(accounts()).isEqualTo(before);
	}

	@Test
	void aSignUpWithoutItsCsrfTokenIsRefused() {
		FormBrowser browser = new FormBrowser();
		browser.get(at("/signup"));
		long before = accounts();
		FormBrowser.Page forged = browser.post(at("/signup"), form("username", someone(), "displayName", "", "password",
				"a good long password", "confirmPassword", "a good long password"));
		assertThat(forged.status()).isEqualTo(403);
		assertThat(accounts()).isEqualTo(before);
	}

}
