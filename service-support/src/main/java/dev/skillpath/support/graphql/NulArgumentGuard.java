package dev.skillpath.support.graphql;

import java.util.List;
import java.util.Map;

import dev.skillpath.support.error.ApiException;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;

/**
 * Refuses a field whose arguments hold a NUL character (U+0000) anywhere, in a literal or
 * a variable, in a string or deep inside an input object or list: PostgreSQL cannot store
 * it in {@code text} or {@code jsonb} and would fail the statement, which the client
 * would see as an internal error. Here it is the client's {@code BAD_USER_INPUT}, naming
 * the argument ({@code field}, e.g. {@code input.note} or {@code items[2].skillId}),
 * before the data fetcher runs, so nothing is read or written with it. Fields without
 * arguments are left as they are.
 */
public class NulArgumentGuard extends SimplePerformantInstrumentation {

	@Override
	public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher,
			InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
		if (parameters.getExecutionStepInfo().getFieldDefinition().getArguments().isEmpty()) {
			return dataFetcher;
		}
		return (environment) -> {
			String field = firstNul(environment.getArguments(), "");
			if (field != null) {
				throw ApiException.badUserInput(
						"Argument " + field + " holds a NUL character (U+0000), which text " + "must not contain",
						Map.of("field", field));
			}
			return dataFetcher.get(environment);
		};
	}

	/**
	 * The path of the first string that holds U+0000 ({@code input.skills[1]}), or null.
	 */
	static String firstNul(Object value, String path) {
		if (value instanceof CharSequence text) {
			return text.toString().indexOf('\u0000') >= 0 ? path : null;
		}
		if (value instanceof Map<?, ?> map) {
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				String key = String.valueOf(entry.getKey());
				String found = firstNul(key, path.isEmpty() ? key : path + "." + key);
				found = found != null ? found : firstNul(entry.getValue(), path.isEmpty() ? key : path + "." + key);
				if (found != null) {
					return found;
				}
			}
		}
		else if (value instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				String found = firstNul(list.get(i), path + "[" + i + "]");
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

}
