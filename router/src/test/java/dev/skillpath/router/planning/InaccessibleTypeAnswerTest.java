package dev.skillpath.router.planning;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A subgraph may answer an object of a type the API hides ({@code @inaccessible}) where
 * an interface is expected: the client, which could not name that type, gets null there.
 */
class InaccessibleTypeAnswerTest {

	final TestSubgraphs subgraphs = new TestSubgraphs().add("things", """
			type Query { things: [Thing] }
			interface Thing { id: ID! }
			type Visible implements Thing { id: ID! }
			type Hidden implements Thing @inaccessible { id: ID! }
			""", (wiring) -> wiring.query("things",
			List.of(Map.of("__typename", "Visible", "id", "v1"), Map.of("__typename", "Hidden", "id", "h1"))));

	@Test
	void anObjectOfAHiddenTypeIsNull() {
		assertThat(this.subgraphs.run(this.subgraphs.router(), "{ things { __typename id } }", Map.of())).isEqualTo("""
				{"data":{"things":[{"__typename":"Visible","id":"v1"},null]},"extensions":{"subgraphCalls":1}}""");
	}

}
