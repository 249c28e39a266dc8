package dev.skillpath.support.graphql;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.Document;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ValidatedDocumentCacheTest {

	final ValidatedDocumentCache cache = new ValidatedDocumentCache();

	/**
	 * Counts graphql-java's parse step: it runs only when the cache has no document for
	 * the text.
	 */
	final AtomicInteger parsed = new AtomicInteger();

	final GraphQL graphQl = GraphQL
		.newGraphQL(new SchemaGenerator().makeExecutableSchema(
				new SchemaParser().parse("type Query { echo(text: String): String }"),
				RuntimeWiring.newRuntimeWiring()
					.type("Query", (type) -> type.dataFetcher("echo", (env) -> env.getArgument("text")))
					.build()))
		.preparsedDocumentProvider(this.cache)
		.instrumentation(new SimplePerformantInstrumentation() {
			@Override
			public InstrumentationContext<Document> beginParse(InstrumentationExecutionParameters parameters,
					InstrumentationState state) {
				ValidatedDocumentCacheTest.this.parsed.incrementAndGet();
				return SimpleInstrumentationContext.noOp();
			}
		})
		.build();

	ExecutionResult run(String query, Map<String, Object> variables) {
		return this.graphQl.execute(ExecutionInput.newExecutionInput().query(query).variables(variables).build());
	}

	@Test
	void aDocumentIsParsedAndValidatedOnceWhateverItsVariables() {
		String query = "query Echo($t: String) { echo(text: $t) }";
		ExecutionResult first = run(query, Map.of("t", "one"));
		ExecutionResult second = run(query, Map.of("t", "two"));

		assertThat(first.<Map<String, Object>>getData()).containsEntry("echo", "one");
		assertThat(second.<Map<String, Object>>getData()).containsEntry("echo", "two");
		assertThat(this.parsed).hasValue(1);
		assertThat(this.cache.size()).isEqualTo(1);
	}

	@Test
	void aDocumentThatFailsValidationIsRefusedEveryTimeAndNotKept() {
		for (int i = 0; i < 2; i++) {
			ExecutionResult result = run("{ nope }", Map.of());
			assertThat(result.getErrors()).singleElement()
				.satisfies((error) -> assertThat(error.getMessage()).contains("nope"));
		}
		ExecutionResult broken = run("{ echo(", Map.of());
		assertThat(broken.getErrors()).singleElement()
			.satisfies((error) -> assertThat(error.getErrorType().toString()).isEqualTo("InvalidSyntax"));
		assertThat(this.parsed).hasValue(3);
		assertThat(this.cache.size()).isZero();
	}

	@Test
	void aVeryLongDocumentIsAnsweredButNotKept() {
		String padding = " ".repeat(ValidatedDocumentCache.MAX_CACHED_CHARS);
		ExecutionResult result = run("{ echo(text: \"long\") }" + padding, Map.of());

		assertThat(result.<Map<String, Object>>getData()).containsEntry("echo", "long");
		assertThat(this.cache.size()).isZero();
	}

	@Test
	void hitsAndMissesAreMetrics() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		this.cache.bindTo(registry);
		run("{ echo(text: \"a\") }", Map.of());
		run("{ echo(text: \"a\") }", Map.of());
		run("{ echo(text: \"a\") }", Map.of());

		assertThat(registry.get("cache.gets")
			.tag("cache", "graphql.documents")
			.tag("result", "hit")
			.functionCounter()
			.count()).isEqualTo(2);
		assertThat(registry.get("cache.gets")
			.tag("cache", "graphql.documents")
			.tag("result", "miss")
			.functionCounter()
			.count()).isEqualTo(1);
	}

}
