package dev.skillpath.support.testing;

import java.util.concurrent.atomic.AtomicReference;

import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Assertions on the errors of a GraphQL answer, in the shape every service gives them: an
 * error code in the extensions, and for the client's mistakes the field at fault.
 */
public final class GraphQlErrors {

	private GraphQlErrors() {
	}

	/** The one error of a response (which must have exactly one). */
	public static ResponseError onlyError(GraphQlTester.Response response) {
		AtomicReference<ResponseError> error = new AtomicReference<>();
		response.errors().satisfy((errors) -> {
			assertThat(errors).as("errors").hasSize(1);
			error.set(errors.get(0));
		});
		return error.get();
	}

	/** The first error of a response (which must have one at least). */
	public static ResponseError firstError(GraphQlTester.Response response) {
		AtomicReference<ResponseError> error = new AtomicReference<>();
		response.errors().satisfy((errors) -> {
			assertThat(errors).as("errors").isNotEmpty();
			error.set(errors.get(0));
		});
		return error.get();
	}

	/**
	 * Asserts a {@code BAD_USER_INPUT} error that names {@code field} in its extensions
	 * and contains each of {@code parts} in its message.
	 */
	public static void assertBadUserInput(ResponseError error, String field, String... parts) {
		assertThat(error.getExtensions()).as("extensions of %s", error.getMessage())
			.containsEntry("code", "BAD_USER_INPUT")
			.containsEntry("field", field);
		if (parts.length > 0) {
			assertThat(error.getMessage()).contains(parts);
		}
	}

	/** Asserts the error's code. */
	public static void assertCode(ResponseError error, String code) {
		assertThat(error.getExtensions()).as("extensions of %s", error.getMessage()).containsEntry("code", code);
	}

}
