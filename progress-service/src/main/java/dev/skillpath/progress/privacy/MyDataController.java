package dev.skillpath.progress.privacy;

import java.util.List;
import java.util.Map;

import dev.skillpath.progress.tracking.ProgressWriter;
import dev.skillpath.progress.tracking.StatementLog;
import dev.skillpath.support.security.Callers;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * A learner's own data: export as xAPI (GraphQL {@code exportMyData}, or
 * {@code GET /xapi/statements} in the xAPI StatementResult shape) and erasure.
 */
@Controller
public class MyDataController {

	private final StatementLog log;

	private final ProgressWriter writer;

	public MyDataController(StatementLog log, ProgressWriter writer) {
		this.log = log;
		this.writer = writer;
	}

	@QueryMapping
	public Mono<Map<String, Object>> exportMyData() {
		return statements().map((statements) -> Map.of("version", XapiStatements.VERSION, "statementCount",
				statements.size(), "statements", statements));
	}

	@GetMapping(path = "/xapi/statements", produces = "application/json")
	@ResponseBody
	public Mono<ResponseEntity<Map<String, Object>>> exportAsStatementResult() {
		return statements().map((statements) -> ResponseEntity.ok()
			.header("X-Experience-API-Version", XapiStatements.VERSION)
			.body(Map.of("statements", statements, "more", "")));
	}

	@MutationMapping
	public Mono<Map<String, Object>> deleteMyData() {
		return Callers.authenticated()
			.flatMap((caller) -> this.writer.deleteAll(caller.subject()))
			.map((counts) -> Map.of("deletedStatements", (int) counts[0], "deletedProgress", (int) counts[1]));
	}

	private Mono<List<Map<String, Object>>> statements() {
		return Callers.authenticated()
			.flatMap((caller) -> this.log.all(caller.subject()).map(XapiStatements::of).collectList());
	}

}
