package dev.skillpath.systemtests.webapp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway serves the app's files at {@code /} without a token, beside the GraphQL
 * endpoint, the partner route and actuator; and every GraphQL document the app sends is
 * valid against the composed supergraph (a renamed field fails here, not in a learner's
 * browser).
 */
class WebAppServingTest extends BrowserTest {

	static final Path OPERATIONS = Path.of("../gateway/src/main/resources/static/operations");

	static final Pattern IMPORT = Pattern.compile("^#import \"([\\w-]+\\.graphql)\"", Pattern.MULTILINE);

	@Test
	void theAppIsServedAtTheRootBesideTheOtherRoutes() {
		this.http.get()
			.uri("/")
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains("<script type=\"module\" src=\"js/main.js\">"));
		this.http.get()
			.uri("/js/graphql.js")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith("text/javascript")
			.expectBody(Void.class);
		this.http.get().uri("/operations/Roadmap.graphql").exchange().expectStatus().isOk().expectBody(Void.class);
		assertDevSignIn(true);
		// the other routes are untouched
		this.http.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", "{ roadmaps { id } }"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.data.roadmaps[0].id")
			.isEqualTo("backend");
		this.http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk().expectBody(Void.class);
		this.http.post()
			.uri("/partner/v1/jobs")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"jobs\":[]}")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody(Void.class);
		this.http.get().uri("/no-such-file.js").exchange().expectStatus().isNotFound().expectBody(Void.class);
	}

	@Test
	void everyDocumentOfTheAppIsValidAgainstTheSupergraph() throws IOException {
		List<Path> documents;
		try (Stream<Path> files = Files.list(OPERATIONS)) {
			documents = files.filter((file) -> file.toString().endsWith(".graphql")).sorted().toList();
		}
		assertThat(documents).hasSizeGreaterThanOrEqualTo(8);
		for (Path document : documents) {
			String text = Files.readString(document);
			if (text.trim().startsWith("fragment")) {
				continue;
			}
			// fragments come in the way the app's client adds them: #import
			// "File.graphql"
			StringBuilder query = new StringBuilder(text);
			Matcher imports = IMPORT.matcher(text);
			while (imports.find()) {
				query.append('\n').append(Files.readString(OPERATIONS.resolve(imports.group(1))));
			}
			// without variables: validation runs before variables are read, so any error
			// must be about them
			Map<?, ?> answer = this.http.post()
				.uri("/graphql")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("query", query.toString()))
				.exchange()
				.expectBody(Map.class)
				.returnResult()
				.getResponseBody();
			List<?> errors = answer.get("errors") instanceof List<?> list ? list : List.of();
			assertThat(errors).as(document.getFileName().toString())
				.noneSatisfy((error) -> assertThat(String.valueOf(((Map<?, ?>) error).get("extensions")))
					.containsAnyOf("GRAPHQL_VALIDATION_FAILED", "GRAPHQL_PARSE_FAILED", "BAD_REQUEST"));
		}
	}

}
