package dev.skillpath.support.error;

import java.util.List;
import java.util.Map;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.execution.AbortExecutionException;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.graphql.execution.DataFetcherExceptionResolver;

import static org.assertj.core.api.Assertions.assertThat;

/** What clients see and what the log says for exceptions from data fetchers. */
@ExtendWith(OutputCaptureExtension.class)
class GraphQlExceptionResolverTest {

	private final GraphQL graphQl = GraphQL.newGraphQL(schema())
		.defaultDataFetcherExceptionHandler(
				DataFetcherExceptionResolver.createExceptionHandler(List.of(new GraphQlExceptionResolver())))
		.build();

	@Test
	void aCancelledFetchIsNotLoggedAsAnError(CapturedOutput output) {
		GraphQLError error = only(this.graphQl.execute("{ cancelled }"));

		assertThat(error.getExtensions()).containsEntry("code", "SERVICE_UNAVAILABLE");
		assertThat(error.getMessage()).isEqualTo("The request was cancelled");
		assertThat(output).doesNotContain("Unexpected error").doesNotContain("AbortExecutionException");
	}

	@Test
	void anUnexpectedFailureIsLoggedWithAReferenceTheClientGets(CapturedOutput output) {
		GraphQLError error = only(this.graphQl.execute("{ broken }"));

		assertThat(error.getExtensions()).containsEntry("code", "INTERNAL_SERVER_ERROR");
		String reference = error.getMessage().replaceAll(".*reference ([0-9a-f-]+)\\)", "$1");
		assertThat(output).contains("Unexpected error [" + reference + "] at /broken");
		assertThat(error.getMessage()).doesNotContain("disk on fire");
	}

	private static GraphQLError only(ExecutionResult result) {
		assertThat(result.getErrors()).hasSize(1);
		return result.getErrors().get(0);
	}

	private static GraphQLSchema schema() {
		RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
			.type("Query", (type) -> type.dataFetcher("cancelled", (env) -> {
				// what graphql-java throws at a field once the request's subscriber
				// cancelled
				throw new AbortExecutionException("Execution has been asked to be cancelled");
			}).dataFetcher("broken", (env) -> {
				throw new IllegalStateException("disk on fire");
			}))
			.build();
		return new SchemaGenerator()
			.makeExecutableSchema(new SchemaParser().parse("type Query { cancelled: String broken: String }"), wiring);
	}

}
