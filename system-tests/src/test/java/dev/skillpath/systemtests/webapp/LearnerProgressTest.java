package dev.skillpath.systemtests.webapp;

import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A learner signs in with a demo token, marks a skill done, and sees completion, streak,
 * activity, what next and the jobs they are ready for follow; jobs and career facts for
 * all.
 */
class LearnerProgressTest extends BrowserTest {

	@BeforeAll
	void listings() {
		DemoListings.ensurePushed(this);
	}

	@Test
	void markingASkillDoneUpdatesCompletionAndTheJobsTheLearnerIsReadyFor() {
		int skills = backendSkillCount();
		this.browser.open("/");
		signInAs("webapp-learner");
		assertThat(this.browser.text(".completion-counts")).isEqualTo("0 done, 0 skipped, 0 learning of " + skills);
		this.browser.open("/#/jobs");
		this.browser.waitForText("#matching-count", "0 jobs match");

		this.browser.open("/#/roadmap/go");
		this.browser.waitForText("#skill-panel h2", "Go");
		this.browser.visible("#skill-panel .status-button[data-status='DONE']").click();

		// at once (optimistic), then confirmed by the server
		assertThat(this.browser.skill("go").getDomAttribute("class")).contains("status-done");
		this.browser.waitForText(".completion-counts", "1 done, 0 skipped, 0 learning of " + skills);
		this.browser.waitForText("#status", "Saved: Go is done.");
		assertThat(this.browser.all(".stage-progress").get(2).getText()).isEqualTo("1/13 · 7%");
		this.browser.waitForAttribute("#skill-panel .status-button[data-status='DONE']", "aria-pressed", "true");
		this.browser.waitForText(".streak", "1 day");
		assertThat(this.browser.text(".what-next")).contains("How the internet works");
		this.browser.readmeScreenshot("roadmap-signed-in");

		this.browser.visible("a[data-view='jobs']").click();
		this.browser.waitForText("#matching-count", "1 job matches");
		String card = this.browser.text("#matching-jobs .job-card");
		assertThat(card).contains(DemoListings.GO_JOB, "Gopher Works", "Match 50%", "$70,000 – $90,000 a year",
				"Missing: Redis");
		this.browser.readmeScreenshot("jobs-ready");

		// a missing skill leads to its learning path, prerequisites first
		this.browser.visible("#matching-jobs a.missing-skill[data-skill-id='redis']").click();
		this.browser.waitForText("#path-title", "Learning path to Redis");
		assertThat(this.browser.all(".path-list li")).hasSizeGreaterThan(2)
			.last()
			.satisfies((last) -> assertThat(last.getDomAttribute("data-skill-id")).isEqualTo("redis"));

		// the server kept it: after a reload the page still shows it
		this.browser.open("/#/progress");
		this.browser.waitForText("#signed-in-as", "webapp-learner");
		assertThat(this.browser.all("g.skill[data-skill-id='go']")).singleElement()
			.satisfies((node) -> assertThat(node.getDomAttribute("class")).contains("status-done"));
		String today = LocalDate.now(ZoneOffset.UTC).toString();
		this.browser.waitFor(
				(driver) -> !this.browser.all(".heatmap rect[data-date='" + today + "'][data-count='1']").isEmpty());
		assertThat(this.browser.all(".stage-list li"))
			.filteredOn((stage) -> stage.getText().contains("Learn a backend language"))
			.singleElement()
			.satisfies((stage) -> assertThat(stage.getText()).contains("1/13"));
		this.browser.readmeScreenshot("progress");
	}

	@Test
	void anyoneSearchesJobsWithFiltersAndComparesSalariesWithTheCareerFacts() {
		this.browser.open("/#/jobs");
		this.browser.visible("#job-text").sendKeys("Go");
		new Select(this.browser.visible("#job-remote")).selectByValue("REMOTE");
		new Select(this.browser.visible("#job-skill")).selectByValue("redis");
		this.browser.visible("#job-search-submit").click();
		this.browser.waitForText("#job-count", "1 open job found.");
		assertThat(this.browser.text("#job-results")).contains(DemoListings.GO_JOB)
			.doesNotContain(DemoListings.PYTHON_JOB);

		new Select(this.browser.visible("#job-skill")).selectByValue("django");
		this.browser.visible("#job-text").clear();
		new Select(this.browser.visible("#job-remote")).selectByValue("");
		this.browser.visible("#job-search-submit").click();
		this.browser.waitForText("#job-results", DemoListings.PYTHON_JOB);
		assertThat(this.browser.text("#job-results")).doesNotContain(DemoListings.GO_JOB);

		// a card shows the description, and where to apply when the listing says (this
		// one does not)
		String pythonCard = this.browser.text("#job-results .job-card");
		assertThat(pythonCard).contains("Django and Python.");
		assertThat(this.browser.all("#job-results .job-card a.apply")).isEmpty();

		// a skill panel's "Jobs asking for it" link: the search for that skill
		this.browser.open("/#/jobs?skill=redis");
		this.browser.waitForText("#job-count", "1 open job found.");
		assertThat(this.browser.text("#job-results")).contains(DemoListings.GO_JOB);
		assertThat(new Select(this.browser.visible("#job-skill")).getFirstSelectedOption().getText())
			.isEqualTo("Redis");
		assertThat(this.browser.visible("#job-results .job-card a.apply").getDomAttribute("href"))
			.isEqualTo("https://jobs.example.com/gopher-works/1");

		// the job's own page: the whole description, its skills, where to apply
		this.browser.visible("#job-results .job-card a.job-link").click();
		this.browser.waitForText("#job-title", DemoListings.GO_JOB);
		String page = this.browser.text("#view-job");
		assertThat(page).contains("Gopher Works", "Services in Go, caches in Redis.", "Remote in Europe.",
				"Requires: Go, Redis");
		assertThat(this.browser.visible("#view-job a.apply").getDomAttribute("rel")).contains("noopener");
		assertThat(this.browser.visible("a[data-view='jobs']").getDomAttribute("aria-current")).isEqualTo("page");

		this.browser.visible("a[data-view='career']").click();
		assertThat(this.browser.waitForText("#career-facts", "$61,042")).contains("Source:");
		String live = this.browser.waitForText("#live-salary", "with a yearly salary in USD");
		assertThat(live).contains("median");
		assertThat(this.browser.text("#skill-salaries")).contains("Go", "Redis");
		this.browser.readmeScreenshot("career");
	}

	@Test
	void theAppFitsAPhoneScreen() {
		this.browser.resize(390, 844);
		try {
			this.browser.open("/");
			Number overflow = (Number) this.browser
				.script("return document.documentElement.scrollWidth - window.innerWidth");
			assertThat(overflow.intValue()).as("horizontal overflow in px").isLessThanOrEqualTo(0);
			// two columns of skills at phone width
			assertThat(this.browser.skill("networking-basics").getRect().getY())
				.isEqualTo(this.browser.skill("internet").getRect().getY());
			assertThat(this.browser.skill("http").getRect().getY())
				.isGreaterThan(this.browser.skill("internet").getRect().getY());
			this.browser.script("document.querySelector('.legend').scrollIntoView()");
			this.browser.readmeScreenshot("phone-roadmap");
		}
		finally {
			this.browser.resize(1280, 900);
		}
	}

}
