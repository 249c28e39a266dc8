package dev.skillpath.content;

import java.util.List;

import org.junit.jupiter.api.Test;

import static dev.skillpath.content.SkillInput.skill;
import static dev.skillpath.support.testing.GraphQlErrors.assertBadUserInput;
import static dev.skillpath.support.testing.GraphQlErrors.onlyError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL cannot store U+0000: an argument holding it, as a variable or a literal, is
 * the client's BAD_USER_INPUT naming the argument, and nothing is stored.
 */
class NulCharacterTest extends ContentServiceTest {

	@Test
	void aSkillWithANulInAnyTextIsRefusedAndNothingIsStored() {
		assertBadUserInput(onlyError(upserting(skill("t-nul-summary", "T Nul Summary").summary("Before\u0000after"))),
				"input.summary", "U+0000");
		assertBadUserInput(onlyError(upserting(skill("t-nul-alias", "T Nul Alias").aliases("fine", "not\u0000fine"))),
				"input.aliases[1]", "U+0000");
		assertBadUserInput(
				onlyError(upserting(skill("t-nul-resource", "T Nul Resource").noResources()
					.resource("Docs\u0000", "https://docs.example.org/t-nul", "DOCS", true))),
				"input.resources[0].title", "U+0000");
		List<String> ids = List.of("t-nul-summary", "t-nul-alias", "t-nul-resource");
		assertThat(existingSkillIds(ids)).isEmpty();
		ids.forEach((id) -> assertThat(historyCount(id)).as("history of " + id).isZero());
	}

	@Test
	void aQueryArgumentWithANulIsRefusedAsALiteralToo() {
		assertBadUserInput(
				onlyError(
						this.anonymous.document("{ searchSkills(text: \"java\\u0000\") { skill { id } } }").execute()),
				"text", "U+0000");
		assertBadUserInput(onlyError(this.anonymous.document("{ skill(id: \"ja\\u0000va\") { id } }").execute()), "id",
				"U+0000");
	}

}
