package dev.skillpath.systemtests.webapp;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In production the app is still served (static files) but there are no development
 * tokens, so it offers no demo sign-in: visitors browse anonymously.
 */
@ActiveProfiles(value = "prod", inheritProfiles = false)
@TestPropertySource(properties = "skillpath.security.jwt.hmac-secret=webapp-prod-profile-test-secret-0123456789")
class ProdProfileTest extends BrowserTest {

	@Test
	void theAppIsServedForAnonymousBrowsingWithoutTheDemoSignIn() {
		assertDevSignIn(false);
		this.http.post()
			.uri("/dev/tokens")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"subject\":\"ada\",\"roles\":[\"LEARNER\"]}")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody(Void.class);

		this.browser.open("/#/roadmap/java");
		assertThat(this.browser.text("#account")).isEqualTo("Browsing anonymously");
		assertThat(this.browser.all("#sign-in")).isEmpty();
		assertThat(this.browser.waitForText("#skill-panel", "Resources"))
			.contains("Progress tracking needs an account; you are browsing anonymously.");
		assertThat(this.browser.all("g.skill")).hasSizeGreaterThanOrEqualTo(100);
	}

}
