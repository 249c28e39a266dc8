package dev.skillpath.systemtests.webapp;

import dev.skillpath.gateway.GatewayApplication;
import dev.skillpath.systemtests.SuiteGatewayTest;
import dev.skillpath.systemtests.SuiteServices;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The learner web app in a real browser, served by the gateway on a random port in front
 * of the three real services. One browser per test class; every browser test class shares
 * this Spring context (same configuration), so the gateway starts once.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + GatewayApplication.NAME, "skillpath.gateway.poll-interval=1s",
				SuiteServices.GATEWAY_EXCLUSIONS })
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTest extends SuiteGatewayTest implements UsesBrowser {

	WebTestClient http;

	Browser browser;

	@DynamicPropertySource
	static void subgraphs(DynamicPropertyRegistry registry) {
		SuiteServices.register(registry);
	}

	@BeforeAll
	void startBrowser() {
		this.http = gateway();
		awaitSupergraph();
		this.browser = Browser.start(baseUrl(), 1280, 900);
	}

	@Override
	public Browser browser() {
		return this.browser;
	}

	/** Asserts whether the app's settings offer the demo sign-in. */
	void assertDevSignIn(boolean offered) {
		this.http.get()
			.uri("/webapp/settings")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.devSignIn")
			.isEqualTo(offered);
	}

	/**
	 * Signs in through the page's demo sign-in form, as a learner with the given name.
	 */
	void signInAs(String subject) {
		var name = this.browser.visible("#sign-in-name");
		name.clear();
		name.sendKeys(subject);
		new org.openqa.selenium.support.ui.Select(this.browser.visible("#sign-in-role")).selectByValue("LEARNER");
		this.browser.visible("#sign-in button[type=submit]").click();
		this.browser.waitForText("#signed-in-as", subject);
		// the learner's progress has loaded once the streak shows
		this.browser.waitForText(".streak", "longest");
	}

}
