package dev.skillpath.jobs.ops;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.skillpath.jobs.JobsServiceTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An unexpected failure behind a REST endpoint is a 500 problem body with a reference,
 * and its log line carries the request's trace id: the services restore thread locals
 * only where they log (context propagation "limited", docs/decisions/0014), so this
 * checks the REST error path does.
 */
@ExtendWith(OutputCaptureExtension.class)
@Import(RestErrorLogTest.FailingEndpoint.class)
// a context of its own (the extra endpoint): closed afterwards, so that its feed poller
// and
// connections do not outlive the test
@DirtiesContext
class RestErrorLogTest extends JobsServiceTest {

	@RestController
	static class FailingEndpoint {

		/** Fails after an asynchronous step, as a failing database call would. */
		@GetMapping("/test/failing")
		Mono<String> failing() {
			return Mono.delay(Duration.ofMillis(5))
				.flatMap((tick) -> Mono.error(new IllegalStateException("a bug in the service")));
		}

	}

	@Test
	void anUnexpectedErrorIsAProblemWithAReferenceAndItsLogLineCarriesTheTraceId(CapturedOutput output) {
		String traceId = UUID.randomUUID().toString().replace("-", "");
		Map<String, Object> problem = this.http.get()
			.uri("/test/failing")
			.header("traceparent", "00-" + traceId + "-" + traceId.substring(0, 16) + "-01")
			.exchange()
			.expectStatus()
			.isEqualTo(500)
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		assertThat(problem).containsEntry("code", "INTERNAL_SERVER_ERROR");
		assertThat((String) problem.get("detail")).doesNotContain("a bug in the service").contains("reference ");
		String reference = ((String) problem.get("detail")).replaceAll(".*reference ([0-9a-f-]+).*", "$1");
		assertThat(output.getOut().lines().filter((line) -> line.contains("Unexpected error [" + reference + "]")))
			.as("the error's log line in:%n%s", output.getOut())
			.singleElement()
			.satisfies((line) -> assertThat(line).contains(traceId));
	}

}
