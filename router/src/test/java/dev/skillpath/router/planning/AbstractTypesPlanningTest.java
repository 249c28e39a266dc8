package dev.skillpath.router.planning;

import java.util.List;
import java.util.Map;

import dev.skillpath.router.supergraph.Supergraph;
import org.junit.jupiter.api.Test;

import static dev.skillpath.router.planning.PlanFixtures.assertPlan;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interfaces and unions whose members get fields from other subgraphs (one entity fetch
 * per member type, for the objects of that type only), and {@code @interfaceObject}: a
 * subgraph that adds fields to an entity interface without knowing its implementations,
 * whose representations carry the interface's name, and whose objects get their concrete
 * type from the subgraph that owns the interface.
 */
class AbstractTypesPlanningTest {

	static final String CATALOG = """
			type Query { search: [SearchResult!]! nodes: [Node!]! }
			interface Node { id: ID! }
			type Book implements Node @key(fields: "id") { id: ID! title: String! }
			type Author implements Node @key(fields: "id") { id: ID! name: String! }
			type Shelf implements Node { id: ID! label: String! }
			union SearchResult = Book | Author
			""";

	static final String STOCK = """
			type Book @key(fields: "id") { id: ID! copies: Int! }
			""";

	static final String BIO = """
			type Author @key(fields: "id") { id: ID! born: Int }
			""";

	static final String MEDIA = """
			type Query { media: [Media!]! }
			interface Media @key(fields: "id") { id: ID! title: String! }
			type Film implements Media @key(fields: "id") { id: ID! title: String! minutes: Int! }
			type Album implements Media @key(fields: "id") { id: ID! title: String! tracks: Int! }
			""";

	static final String RATINGS = """
			type Query { topRated: [Media!]! }
			type Media @key(fields: "id") @interfaceObject { id: ID! stars: Int! }
			""";

	static final Map<String, Map<String, Object>> MEDIA_ITEMS = Map.of("f1",
			Map.of("__typename", "Film", "id", "f1", "title", "Heat", "minutes", 170), "al1",
			Map.of("__typename", "Album", "id", "al1", "title", "Kind of Blue", "tracks", 5));

	final TestSubgraphs subgraphs = new TestSubgraphs()
		.add("catalog", CATALOG,
				(wiring) -> wiring.query("search",
						List.of(book("b1", "Dune"), Map.of("__typename", "Author", "id", "a1", "name", "Herbert"),
								book("b2", "Emma"))))
		.add("stock", STOCK,
				(wiring) -> wiring.entity("Book",
						(representation) -> Map.of("__typename", "Book", "id", representation.get("id"), "copies", 4)))
		.add("bio", BIO, (wiring) -> wiring.entity("Author",
				(representation) -> Map.of("__typename", "Author", "id", representation.get("id"), "born", 1920)))
		.add("media", MEDIA,
				(wiring) -> wiring.query("media", List.of(MEDIA_ITEMS.get("f1"), MEDIA_ITEMS.get("al1")))
					.entity("Media", (representation) -> MEDIA_ITEMS.get(representation.get("id"))))
		.add("ratings", RATINGS,
				(wiring) -> wiring.query("topRated", List.of(Map.of("__typename", "Media", "id", "al1", "stars", 5)))
					.entity("Media", (representation) -> Map.of("__typename", "Media", "id", representation.get("id"),
							"stars", "f1".equals(representation.get("id")) ? 4 : 5)));

	final Supergraph supergraph = this.subgraphs.supergraph();

	@Test
	void eachMemberOfAUnionIsExtendedByItsOwnSubgraphsWithOnlyItsObjects() {
		String query = "{ search { __typename ... on Book { title copies } ... on Author { name born } } }";
		assertPlan(this.supergraph, query, """
				QueryPlan {
				  Sequence {
				    Fetch(service: "catalog") {
				      { search { __typename ... on Book { title __typename id } ... on Author { name __typename id } } }
				    }
				    Parallel {
				      Flatten(path: "search") {
				        Fetch(service: "stock") {
				          { ... on Book { __typename id } } =>
				          { ... on Book { copies } }
				        }
				      }
				      Flatten(path: "search") {
				        Fetch(service: "bio") {
				          { ... on Author { __typename id } } =>
				          { ... on Author { born } }
				        }
				      }
				    }
				  }
				}
				""");

		assertThat(this.subgraphs.run(this.subgraphs.router(), query, Map.of())).isEqualTo("""
				{"data":{"search":[{"__typename":"Book","title":"Dune","copies":4},\
				{"__typename":"Author","name":"Herbert","born":1920},\
				{"__typename":"Book","title":"Emma","copies":4}]},"extensions":{"subgraphCalls":3}}""");
		assertThat(this.subgraphs.calls).containsExactlyInAnyOrder("catalog {}",
				"stock {representations=[{__typename=Book, id=b1}, {__typename=Book, id=b2}]}",
				"bio {representations=[{__typename=Author, id=a1}]}");
	}

	@Test
	void fragmentsOnImplementationsOfAnInterfaceAreFetchedWhereTheyAreResolved() {
		assertPlan(this.supergraph, "{ nodes { id ... on Book { copies } ... on Shelf { label } } }", """
				QueryPlan {
				  Sequence {
				    Fetch(service: "catalog") {
				      { nodes { __typename id ... on Book { __typename id } ... on Shelf { __typename label } } }
				    }
				    Flatten(path: "nodes") {
				      Fetch(service: "stock") {
				        { ... on Book { __typename id } } =>
				        { ... on Book { copies } }
				      }
				    }
				  }
				}
				""");
	}

	@Test
	void fieldsOfAnInterfaceObjectAreFetchedWithTheInterfaceAsEntityType() {
		String query = "{ media { __typename title stars ... on Film { minutes } } }";
		assertPlan(this.supergraph, query, """
				QueryPlan {
				  Sequence {
				    Fetch(service: "media") {
				      { media { __typename title ... on Film { __typename minutes } id } }
				    }
				    Flatten(path: "media") {
				      Fetch(service: "ratings") {
				        { ... on Media { __typename id } } =>
				        { ... on Media { stars } }
				      }
				    }
				  }
				}
				""");

		assertThat(this.subgraphs.run(this.subgraphs.router(), query, Map.of())).isEqualTo("""
				{"data":{"media":[{"__typename":"Film","title":"Heat","stars":4,"minutes":170},\
				{"__typename":"Album","title":"Kind of Blue","stars":5}]},"extensions":{"subgraphCalls":2}}""");
		// ratings knows only the interface
		assertThat(this.subgraphs.calls).containsExactly("media {}",
				"ratings {representations=[{__typename=Media, id=f1}, {__typename=Media, id=al1}]}");
	}

	@Test
	void aFieldOfAnInterfaceObjectAskedOnAnImplementationIsFetchedThroughTheInterface() {
		assertPlan(this.supergraph, "{ media { ... on Film { stars } } }", """
				QueryPlan {
				  Sequence {
				    Fetch(service: "media") {
				      { media { __typename ... on Film { __typename id } } }
				    }
				    Flatten(path: "media") {
				      Fetch(service: "ratings") {
				        { ... on Media { __typename id } } =>
				        { ... on Media { stars } }
				      }
				    }
				  }
				}
				""");
	}

	@Test
	void theConcreteTypeOfAnInterfaceObjectComesFromTheSubgraphThatOwnsTheInterface() {
		assertPlan(this.supergraph, "{ topRated { stars } }", """
				QueryPlan {
				  Fetch(service: "ratings") {
				    { topRated { __typename stars } }
				  }
				}
				""");
		String query = "{ topRated { __typename stars title ... on Album { tracks } } }";
		assertPlan(this.supergraph, query, """
				QueryPlan {
				  Sequence {
				    Fetch(service: "ratings") {
				      { topRated { __typename stars id } }
				    }
				    Flatten(path: "topRated") {
				      Fetch(service: "media") {
				        { ... on Media { __typename id } } =>
				        { ... on Media { __typename title ... on Album { __typename tracks } } }
				      }
				    }
				  }
				}
				""");

		assertThat(this.subgraphs.run(this.subgraphs.router(), query, Map.of())).isEqualTo("""
				{"data":{"topRated":[{"__typename":"Album","stars":5,"title":"Kind of Blue","tracks":5}]},\
				"extensions":{"subgraphCalls":2}}""");
		assertThat(this.subgraphs.calls).containsExactly("ratings {}",
				"media {representations=[{__typename=Media, id=al1}]}");
	}

	private static Map<String, Object> book(String id, String title) {
		return Map.of("__typename", "Book", "id", id, "title", title);
	}

}
