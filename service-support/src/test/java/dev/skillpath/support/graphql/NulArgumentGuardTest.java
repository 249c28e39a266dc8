package dev.skillpath.support.graphql;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.skillpath.support.error.ApiException;
import dev.skillpath.support.error.ErrorCode;
import graphql.ExceptionWhileDataFetching;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NulArgumentGuardTest {

	final AtomicInteger fetched = new AtomicInteger();

	final GraphQL graphQl = GraphQL.newGraphQL(schema()).instrumentation(new NulArgumentGuard()).build();

	GraphQLSchema schema() {
		String sdl = """
				type Query { echo(input: In, texts: [String]): String }
				input In { note: String, tags: [String] }
				""";
		RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
			.type("Query", (type) -> type.dataFetcher("echo", (env) -> {
				this.fetched.incrementAndGet();
				return "ran";
			}))
			.build();
		return new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl), wiring);
	}

	ExecutionResult run(String query, Map<String, Object> variables) {
		return this.graphQl.execute(ExecutionInput.newExecutionInput().query(query).variables(variables).build());
	}

	@Test
	void anArgumentHoldingANulIsRefusedWithItsPathBeforeTheFetcherRuns() {
		ExecutionResult nested = run("query($i: In) { echo(input: $i) }",
				Map.of("i", Map.of("note", "ok", "tags", List.of("a", "b\u0000"))));
		ExecutionResult literal = run("{ echo(texts: [\"x\", \"\\u0000\"]) }", Map.of());
		for (var result : List.of(Map.entry(nested, "input.tags[1]"), Map.entry(literal, "texts[1]"))) {
			assertThat(result.getKey().getErrors()).singleElement().satisfies((error) -> {
				ApiException refusal = (ApiException) ((ExceptionWhileDataFetching) error).getException();
				assertThat(refusal.code()).isEqualTo(ErrorCode.BAD_USER_INPUT);
				assertThat(refusal.details()).containsEntry("field", result.getValue());
				assertThat(refusal.getMessage()).contains(result.getValue()).contains("U+0000");
			});
		}
		assertThat(this.fetched).hasValue(0);
	}

	@Test
	void textWithoutNulRunsAsBefore() {
		assertThat(run("query($i: In) { echo(input: $i, texts: [\"a\\u0001\"]) }", Map.of("i", Map.of("note", "fine")))
			.<Map<String, Object>>getData()).containsEntry("echo", "ran");
		assertThat(this.fetched).hasValue(1);
	}

}
