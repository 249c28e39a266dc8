package dev.skillpath.systemtests.webapp;

import dev.skillpath.gateway.GatewayApplication;
import dev.skillpath.systemtests.SuiteGatewayTest;
import dev.skillpath.systemtests.SuiteServices;
import dev.skillpath.support.testing.TcpProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Subgraphs that stop answering, with the app open: while jobs-service is down the
 * roadmap, the skill panel and the career facts still show (the job figures say they are
 * missing); while progress-service is down a learner's change is rolled back with the
 * gateway's reason. Both services are real, behind a TCP proxy that the test stops and
 * starts again.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + GatewayApplication.NAME, "skillpath.gateway.poll-interval=1s",
				"skillpath.gateway.circuit-open-for=1s", SuiteServices.GATEWAY_EXCLUSIONS })
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubgraphOutageInTheAppTest extends SuiteGatewayTest {

	static final TcpProxy jobs = TcpProxy.to(SuiteServices.get().jobs.port());

	static final TcpProxy progress = TcpProxy.to(SuiteServices.get().progress.port());

	Browser browser;

	@DynamicPropertySource
	static void subgraphsBehindProxies(DynamicPropertyRegistry registry) {
		registry.add("skillpath.gateway.subgraphs.content", () -> SuiteServices.get().content.graphqlUrl());
		registry.add("skillpath.gateway.subgraphs.progress", () -> progress.baseUrl() + "/graphql");
		registry.add("skillpath.gateway.subgraphs.jobs", () -> jobs.baseUrl() + "/graphql");
		registry.add("JOBS_BASE_URL", () -> SuiteServices.get().jobs.baseUrl());
	}

	@BeforeAll
	void startBrowser() {
		awaitSupergraph();
		this.browser = Browser.start(baseUrl(), 1280, 900);
	}

	@AfterEach
	void servicesBack() {
		jobs.start();
		progress.start();
		assertThat(this.browser.scriptErrors()).as("uncaught script errors in the page").isEmpty();
	}

	@AfterAll
	void stop() {
		this.browser.close();
		jobs.close();
		progress.close();
	}

	@Test
	void withoutJobsServiceTheRoadmapSkillsAndCareerFactsStillShow() {
		jobs.stop();
		this.browser.open("/#/roadmap/postgresql");
		this.browser.waitForText("#skill-panel h2", "PostgreSQL");
		assertThat(this.browser.waitForText("#skill-panel .market-holder", "not available"))
			.isEqualTo("Job market figures are not available right now.");
		assertThat(this.browser.text("#skill-panel")).contains("Resources", "Requires", "Unlocks");

		this.browser.visible("a[data-view='career']").click();
		assertThat(this.browser.waitForText("#career-facts", "$61,042")).contains("Source:");
		this.browser.waitForText("#view-career .alert", "Live salary figures could not be loaded");
		this.browser.screenshot("career-jobs-down");

		// once it is back, the figures are there again (after the circuit lets calls
		// through)
		jobs.start();
		this.browser.waitFor((driver) -> {
			this.browser.open("/#/career");
			this.browser.waitFor((d) -> !this.browser.all("#view-career .alert, #live-salary").isEmpty());
			return this.browser.all("#live-salary").isEmpty() ? null : true;
		});
	}

	@Test
	void withoutProgressServiceAChangeIsRolledBackWithTheReason() {
		this.browser.open("/");
		var name = this.browser.visible("#sign-in-name");
		name.clear();
		name.sendKeys("webapp-outage");
		this.browser.visible("#sign-in button[type=submit]").click();
		this.browser.waitForText(".streak", "longest");
		this.browser.open("/#/roadmap/linux");
		this.browser.waitForText("#skill-panel h2", "Linux");

		progress.stop();
		this.browser.visible("#skill-panel .status-button[data-status='LEARNING']").click();
		String alert = this.browser.waitForText("#alerts .alert", "Not saved");
		assertThat(alert).contains("Linux and the terminal is back to “not started”.");
		assertThat(this.browser.skill("linux").getDomAttribute("class")).contains("status-not-started");
		this.browser.waitForAttribute("#skill-panel .status-button[data-status='LEARNING']", "aria-pressed", "false");
		this.browser.screenshot("rollback-progress-down");
	}

}
