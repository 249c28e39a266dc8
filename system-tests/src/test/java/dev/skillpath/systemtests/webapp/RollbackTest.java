package dev.skillpath.systemtests.webapp;

import java.util.List;

import dev.skillpath.support.security.Role;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A change the server refuses goes back on screen: an editor removes a skill from the
 * roadmap while a learner has it open, the learner marks it done, progress-service
 * refuses the unknown skill (BAD_USER_INPUT, checked with content-service), and the page
 * rolls its optimistic update back and says why.
 */
class RollbackTest extends BrowserTest {

	static final String DOOMED = "webapp-doomed";

	@BeforeAll
	void aSkillAnEditorWillRemove() {
		createSkill("webapp-editor", """
				mutation { upsertSkill(input: { id: "%s", name: "Short-lived skill", category: CAREER,
				  summary: "An editor adds it and removes it again.", estimatedHours: 1,
				  resources: [{ title: "Nothing", url: "https://example.org/", kind: DOCS, free: true }],
				  placement: { roadmapId: "backend", stage: 12 } }) { created } }
				""".formatted(DOOMED));
	}

	@Test
	void aChangeTheServerRefusesIsRolledBackWithAMessage() {
		int skills = backendSkillCount();
		this.browser.open("/");
		signInAs("webapp-rollback");
		this.browser.skill(DOOMED).click();
		this.browser.waitForText("#skill-panel h2", "Short-lived skill");

		graphql("webapp-editor", Role.EDITOR)
			.document("mutation { deleteSkill(id: \"%s\") { deletedId } }".formatted(DOOMED))
			.execute()
			.errors()
			.verify();
		// record every class the skill's box takes, to see the optimistic state and the
		// rollback
		this.browser.script("""
				const node = document.querySelector("g.skill[data-skill-id='%s']");
				window.classHistory = [];
				new MutationObserver(() => window.classHistory.push(node.getAttribute('class')))
				  .observe(node, { attributes: true, attributeFilter: ['class'] });
				""".formatted(DOOMED));
		this.browser.visible("#skill-panel .status-button[data-status='DONE']").click();

		String alert = this.browser.waitForText("#alerts .alert", "Not saved");
		assertThat(alert).contains("Unknown skill 'webapp-doomed'", ". Short-lived skill is back to “not started”.");
		assertThat(this.browser.skill(DOOMED).getDomAttribute("class")).contains("status-not-started");
		@SuppressWarnings("unchecked")
		List<String> history = (List<String>) this.browser.script("return window.classHistory");
		assertThat(history).anySatisfy((classes) -> assertThat(classes).contains("status-done"));
		assertThat(history.get(history.size() - 1)).contains("status-not-started");
		this.browser.waitForAttribute("#skill-panel .status-button[data-status='DONE']", "aria-pressed", "false");
		assertThat(this.browser.text(".completion-counts")).isEqualTo("0 done, 0 skipped, 0 learning of " + skills);
		this.browser.readmeScreenshot("rollback");

		// and nothing was stored
		assertNoCompletedSkills(graphql("webapp-rollback", Role.LEARNER).document("{ me { completedSkillIds } }"));
	}

}
