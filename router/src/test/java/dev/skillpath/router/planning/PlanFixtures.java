package dev.skillpath.router.planning;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.skillpath.router.supergraph.SubgraphComposer;
import dev.skillpath.router.supergraph.SubgraphComposer.SubgraphSchema;
import dev.skillpath.router.supergraph.Supergraph;
import graphql.language.Document;
import graphql.parser.Parser;
import graphql.validation.Validator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a plan-level test needs: subgraph SDLs composed into a supergraph, a query, and
 * the plan printed by {@link QueryPlan#print()}. The query is validated against the API
 * schema before it is planned, as the router does, so that an invalid query fails the
 * test instead of being planned.
 */
final class PlanFixtures {

	/** Imports every federation directive the router supports. */
	static final String LINK = "extend schema @link(url: \"https://specs.apollo.dev/federation/v2.7\", import: "
			+ "[\"@key\", \"@shareable\", \"@external\", \"@requires\", \"@provides\", \"@override\", "
			+ "\"@inaccessible\", \"@interfaceObject\"])\n";

	private PlanFixtures() {
	}

	/** A subgraph named {@code name}; its SDL gets the federation {@code @link}. */
	static SubgraphSchema subgraph(String name, String sdl) {
		return new SubgraphSchema(name, "fixture://" + name, LINK + sdl);
	}

	static Supergraph compose(SubgraphSchema... subgraphs) {
		return SubgraphComposer.compose(Arrays.asList(subgraphs));
	}

	/**
	 * Plans {@code query} (its only operation) once it is valid against the API schema,
	 * as the router does.
	 */
	static QueryPlan plan(Supergraph supergraph, String query) {
		Document document = Parser.parse(query);
		assertThat(new Validator().validateDocument(supergraph.apiSchema(), document, Locale.ENGLISH))
			.as("validation errors of %s", query)
			.isEmpty();
		return new QueryPlanner(supergraph).plan(document, null);
	}

	/** Why {@code query} is not valid against the API schema; empty if it is. */
	static List<String> validationErrors(Supergraph supergraph, String query) {
		return new Validator().validateDocument(supergraph.apiSchema(), Parser.parse(query), Locale.ENGLISH)
			.stream()
			.map((error) -> error.getMessage())
			.toList();
	}

	/** The printed plan of {@code query} is exactly {@code expected}. */
	static void assertPlan(Supergraph supergraph, String query, String expected) {
		assertThat(plan(supergraph, query).print()).as("plan of %s", query).isEqualTo(expected);
	}

	/**
	 * A response as compact JSON, keys in response order, to compare with a text block.
	 */
	static String json(Object value) {
		StringBuilder out = new StringBuilder();
		json(value, out);
		return out.toString();
	}

	private static void json(Object value, StringBuilder out) {
		if (value instanceof Map<?, ?> map) {
			out.append('{');
			String separator = "";
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				out.append(separator);
				json(String.valueOf(entry.getKey()), out);
				out.append(':');
				json(entry.getValue(), out);
				separator = ",";
			}
			out.append('}');
		}
		else if (value instanceof List<?> list) {
			out.append('[');
			for (int i = 0; i < list.size(); i++) {
				out.append((i > 0) ? "," : "");
				json(list.get(i), out);
			}
			out.append(']');
		}
		else if (value instanceof String text) {
			out.append('"').append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
		}
		else {
			out.append(value);
		}
	}

}
