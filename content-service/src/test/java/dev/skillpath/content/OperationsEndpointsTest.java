package dev.skillpath.content;

import java.util.Map;

import dev.skillpath.support.testing.Actuator;
import dev.skillpath.support.testing.TestClients;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What operators and developers use besides GraphQL: health, Prometheus metrics, local
 * tokens.
 */
class OperationsEndpointsTest extends ContentServiceTest {

	@Test
	void healthIsUpAndPrometheusServesTheServiceMetrics() {
		this.anonymous.document("{ roadmap(id: \"backend\") { id } }").execute().path("roadmap.id").hasValue();
		Actuator.assertUp(this.http, "/actuator/health");
		assertThat(Actuator.scrape(this.http)).contains("application=\"content-service\"")
			.contains("http_server_requests");
	}

	@Test
	void devTokenEndpointIssuesATokenThatEditorMutationsAccept() {
		String token = (String) this.http.post()
			.uri("/dev/tokens")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("subject", "dev-dana", "roles", java.util.List.of("EDITOR")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("token");
		this.anonymous.mutate()
			.header("Authorization", "Bearer " + token)
			.build()
			.document(UPSERT_SKILL)
			.variable("input", SkillInput.skill("t-ops-dev-token", "T Ops Dev Token").toMap())
			.execute()
			.path("upsertSkill.created")
			.entity(Boolean.class)
			.isEqualTo(true);
		TestClients.expectError(
				this.http.post()
					.uri("/dev/tokens")
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(Map.of("subject", "dev-dana", "roles", java.util.List.of("WIZARD"))),
				400, "BAD_USER_INPUT");
	}

}
