package dev.skillpath.systemtests.webapp;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/** A visitor who never signs in: the roadmap graph, a skill's panel, keyboard use. */
class AnonymousBrowsingTest extends BrowserTest {

	@Test
	void theRoadmapIsAGraphOfStagesSkillsChoicesAndPrerequisites() {
		int skillsInRoadmap = backendSkillCount();

		this.browser.open("/");

		assertThat(this.browser.all("g.skill")).hasSize(skillsInRoadmap);
		assertThat(this.browser.all("g.stage").stream().map((stage) -> stage.getDomAttribute("aria-label")))
			.contains("Stage 1: Internet and the web", "Stage 3: Learn a backend language");
		// the choice of a backend language is drawn boxed with its options
		assertThat(this.browser.skill("backend-language").getDomAttribute("class")).contains("choice");
		assertThat(this.browser.all(".choice-group")).hasSizeGreaterThanOrEqualTo(4);
		assertThat(this.browser.skill("java").getDomAttribute("aria-label"))
			.isEqualTo("Java, Not started, option of Pick a backend language");
		// arrows run from each prerequisite to the skills it opens
		assertThat(this.browser.all("path.edge[data-from='internet'][data-to='http']")).hasSize(1);
		assertThat(this.browser.text("#account")).contains("Demo user");
		assertThat(this.browser.text(".summary")).contains("You are browsing anonymously");
		this.browser.screenshot("roadmap-anonymous");
	}

	@Test
	void selectingASkillShowsItsSummaryFreeResourcesAndWhatItUnlocks() {
		this.browser.open("/");
		this.browser.skill("django").click();

		this.browser.waitForText("#skill-panel h2", "Django");
		String panel = this.browser.waitForText("#skill-panel", "Resources");
		assertThat(panel).contains("One option of the choice Pick a web framework", "Requires", "Python", "Unlocks",
				"Sign in (top of the page) to mark this skill");
		assertThat(this.browser.all("#skill-panel .resources .badge.free")).isNotEmpty();
		assertThat(this.browser.all("#skill-panel .status-button")).isEmpty();
		// its prerequisite arrows are highlighted, and the address names the skill
		assertThat(this.browser.skill("django").getDomAttribute("class")).contains("selected");
		assertThat(this.browser.all("path.edge.edge-in[data-to='django']")).isNotEmpty();
		assertThat(this.browser.driver.getCurrentUrl()).endsWith("#/roadmap/django");

		// a link in the panel opens that skill
		this.browser.visible("#skill-panel a[href='#/roadmap/python']").click();
		this.browser.waitForText("#skill-panel h2", "Python");
		this.browser.screenshot("skill-panel");
	}

	@Test
	void aSkillIsFoundByItsNameOrAnAliasAndOpens() {
		this.browser.open("/");
		this.browser.visible("#skill-search").sendKeys("k8s");
		String results = this.browser.waitForText("#skill-search-results", "Kubernetes");
		assertThat(results).contains("(k8s)");
		this.browser.visible("#skill-search-results a[data-skill-id='kubernetes']").click();
		this.browser.waitForText("#skill-panel h2", "Kubernetes");
		assertThat(this.browser.driver.getCurrentUrl()).endsWith("#/roadmap/kubernetes");

		this.browser.visible("#skill-search").clear();
		this.browser.visible("#skill-search").sendKeys("zzqx-nothing");
		this.browser.waitForText("#skill-search-results", "No skill matches “zzqx-nothing”.");
	}

	/**
	 * Apollo's APQ: the hash first, the text only after PERSISTED_QUERY_NOT_FOUND, then
	 * the hash alone.
	 */
	@Test
	void operationsAreSentAsPersistedQueries() {
		this.browser.open("/");
		this.browser.graphqlRequests();
		this.browser.open("/#/roadmap/sql");
		this.browser.waitForText("#skill-panel h2", "SQL");
		List<Map<String, Object>> requests = this.browser.graphqlRequests();
		assertThat(requests).extracting((request) -> request.get("operationName")).contains("Roadmap", "Skill");
		assertThat(requests).allSatisfy((request) -> {
			assertThat(request).containsKey("extensions");
			// the gateway already knows these documents from the first page load
			assertThat(request).doesNotContainKey("query");
		});
		String hash = (String) ((Map<?, ?>) ((Map<?, ?>) requests.get(0).get("extensions")).get("persistedQuery"))
			.get("sha256Hash");
		assertThat(hash).matches("[0-9a-f]{64}");
	}

	@Test
	void theGraphIsUsableWithTheKeyboard() {
		this.browser.open("/");
		// one tab stop for the graph (roving tabindex): the first skill
		List<WebElement> tabbable = this.browser.all("g.skill[tabindex='0']");
		assertThat(tabbable).singleElement()
			.satisfies((node) -> assertThat(node.getDomAttribute("data-skill-id")).isEqualTo("internet"));
		this.browser.script("arguments[0].focus()", tabbable.get(0));
		WebElement focused = this.browser.driver.switchTo().activeElement();
		focused.sendKeys(Keys.ARROW_RIGHT);
		focused = this.browser.driver.switchTo().activeElement();
		assertThat(focused.getDomAttribute("data-skill-id")).isEqualTo("networking-basics");
		// down: the nearest skill in the row below (the stage's second row starts with
		// Browsers)
		focused.sendKeys(Keys.ARROW_DOWN);
		focused = this.browser.driver.switchTo().activeElement();
		assertThat(focused.getDomAttribute("data-skill-id")).isEqualTo("html-css");
		assertThat(this.browser.all("g.skill[tabindex='0']")).singleElement()
			.satisfies((node) -> assertThat(node.getDomAttribute("data-skill-id")).isEqualTo("html-css"));
		focused.sendKeys(Keys.ENTER);
		this.browser.waitForText("#skill-panel h2", "HTML and CSS");
		// the panel's heading takes the focus so that a screen reader reads the skill
		// next
		this.browser
			.waitFor((driver) -> "skill-panel-title".equals(driver.switchTo().activeElement().getDomAttribute("id")));
		assertThat(this.browser.driver.findElement(By.cssSelector("a.skip-link")).getDomAttribute("href"))
			.isEqualTo("#main");
	}

}
