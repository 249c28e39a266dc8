package dev.skillpath.systemtests.webapp;

import java.time.Duration;

import dev.skillpath.gateway.GatewayApplication;
import dev.skillpath.systemtests.SuiteServices;
import dev.skillpath.support.security.DevTokenIssuer;
import dev.skillpath.support.security.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

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
abstract class BrowserTest {

	@LocalServerPort
	int port;

	/** Absent in the prod profile. */
	@Autowired
	ObjectProvider<DevTokenIssuer> tokens;

	WebTestClient http;

	Browser browser;

	@DynamicPropertySource
	static void subgraphs(DynamicPropertyRegistry registry) {
		SuiteServices.register(registry);
	}

	@BeforeAll
	void startBrowser() {
		this.http = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
		SuiteServices.awaitReadyGateway(this.http);
		this.browser = Browser.start("http://localhost:" + this.port, 1280, 900);
	}

	@AfterEach
	void noScriptErrors() {
		assertThat(this.browser.scriptErrors()).as("uncaught script errors in the page").isEmpty();
	}

	@AfterAll
	void stopBrowser() {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	HttpGraphQlTester graphql(String subject, Role... roles) {
		HttpGraphQlTester tester = HttpGraphQlTester
			.create(this.http.mutate().baseUrl("http://localhost:" + this.port + "/graphql").build());
		return subject == null ? tester
				: tester.mutate()
					.header("Authorization", "Bearer " + this.tokens.getObject().issue(subject, roles))
					.build();
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
