package dev.skillpath.systemtests.webapp;

import java.util.UUID;

import dev.skillpath.systemtests.IdentityProvider;
import dev.skillpath.systemtests.SignInGatewayTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person signs up in Chromium against the real identity provider, through the app's
 * sign-in, marks a skill done, sees completion change, signs out, and the app is
 * anonymous again.
 */
class SignUpInTheBrowserTest extends SignInGatewayTest implements UsesBrowser {

	Browser browser;

	@BeforeAll
	void startBrowser() {
		this.browser = Browser.start(IdentityProvider.gatewayUrl(), 1280, 900);
	}

	@Override
	public Browser browser() {
		return this.browser;
	}

	/**
	 * Each test starts as a new visitor: no session here or at the provider (one host).
	 */
	@BeforeEach
	void anonymous() {
		this.browser.open("/");
		this.browser.driver.manage().deleteAllCookies();
		this.browser.driver.executeScript("sessionStorage.clear()");
	}

	/**
	 * Signs a new person up through the app's sign-in button, from {@code path}; back in
	 * the app, signed in, on the page it left.
	 */
	void signUp(String username, String displayName, String path) {
		this.browser.open(path);
		this.browser.waitForText("#account", "Browsing anonymously");
		assertThat(this.browser.all("#sign-in")).as("no demo sign-in beside the provider's").isEmpty();
		this.browser.visible("#sign-in-provider").click();
		// the provider's pages, on its own origin
		this.browser.visible("#signup").click();
		this.browser.visible("#username").sendKeys(username);
		this.browser.visible("#displayName").sendKeys(displayName);
		this.browser.visible("#password").sendKeys("a long enough password");
		this.browser.visible("#confirmPassword").sendKeys("a long enough password");
		this.browser.visible("button[type=submit]").click();
		this.browser.waitForText("#signed-in-as", displayName.isEmpty() ? username : displayName);
		this.browser.waitFor((driver) -> driver.getCurrentUrl().startsWith(IdentityProvider.gatewayUrl())
				&& driver.getCurrentUrl().endsWith(path.substring(1)));
	}

	@Test
	void aSessionThatEndsWhileTheAppIsOpenSignsInAgainAndKeepsTheChange() {
		int skills = backendSkillCount();
		signUp("linus-" + UUID.randomUUID().toString().substring(0, 6), "", "/#/roadmap/git");
		this.browser.waitForText(".completion-counts", "0 done, 0 skipped, 0 learning of " + skills);
		// the gateway's session is gone (expired, or the replica restarted); the app does
		// not know
		this.browser.driver.manage().deleteCookieNamed("SKILLPATH_SESSION");
		this.browser.waitForText("#skill-panel h2", "Git");
		this.browser.visible("#skill-panel .status-button[data-status='DONE']").click();
		// off to the provider, whose own session still holds: straight back, and saved
		this.browser.waitForText("#status", "Saved: Git is done.");
		this.browser.waitForText(".completion-counts", "1 done, 0 skipped, 0 learning of " + skills);
		assertThat(this.browser.driver.getCurrentUrl()).contains("#/roadmap/git");
	}

	@Test
	void aNewLearnerSignsUpMarksASkillDoneAndSignsOut() {
		int skills = backendSkillCount();
		signUp("grace-" + UUID.randomUUID().toString().substring(0, 6), "Grace", "/#/progress");
		this.browser.waitForText(".completion-counts", "0 done, 0 skipped, 0 learning of " + skills);

		this.browser.open("/#/roadmap/go");
		this.browser.waitForText("#skill-panel h2", "Go");
		this.browser.visible("#skill-panel .status-button[data-status='DONE']").click();
		this.browser.waitForText("#status", "Saved: Go is done.");
		this.browser.waitForText(".completion-counts", "1 done, 0 skipped, 0 learning of " + skills);

		this.browser.visible("#sign-out").click();
		this.browser.waitForText("#account", "Browsing anonymously");
		this.browser.visible("#sign-in-provider");
		assertThat(this.browser.all("#signed-in-as")).isEmpty();
	}

}
