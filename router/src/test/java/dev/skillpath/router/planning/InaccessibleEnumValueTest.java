package dev.skillpath.router.planning;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A subgraph may answer an enum value the API does not have ({@code @inaccessible}, or
 * defined in that subgraph only): the client gets null and an error at that path, as from
 * a GraphQL server whose resolver returned a value outside the enum, never a value its
 * schema does not list.
 */
class InaccessibleEnumValueTest {

	final TestSubgraphs subgraphs = new TestSubgraphs().add("users", """
			type Query { users: [User!]! }
			type User { id: ID! type: UserType }
			enum UserType { REGULAR ANONYMOUS @inaccessible }
			""", (wiring) -> wiring.query("users",
			List.of(Map.of("id", "u1", "type", "REGULAR"), Map.of("id", "u2", "type", "ANONYMOUS"))));

	@Test
	void aValueOutsideTheApiSchemaIsNullWithAnError() {
		assertThat(this.subgraphs.run(this.subgraphs.router(), "{ users { id type } }", Map.of())).isEqualTo(
				"""
						{"errors":[{"message":"Enum UserType has no value ANONYMOUS in this API","path":["users",1,"type"],\
						"extensions":{"code":"INTERNAL_SERVER_ERROR"}}],\
						"data":{"users":[{"id":"u1","type":"REGULAR"},{"id":"u2","type":null}]},"extensions":{"subgraphCalls":1}}""");
	}

}
