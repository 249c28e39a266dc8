package dev.skillpath.bench.subgraphs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.apollographql.federation.graphqljava.Federation;
import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.schema.DataFetcher;
import graphql.schema.idl.RuntimeWiring;
import io.netty.buffer.Unpooled;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Four federation subgraphs in the shape of The Guild's gateway benchmark (accounts,
 * inventory, products, reviews) over small fixed data. Each answers a request body it has
 * seen before from memory, and computes only a new one (once, on graphql-java with
 * Apollo's federation support, then keeps it): a gateway sends the same few subgraph
 * requests for the same operation, so after the first of each a subgraph's cost per
 * request is a map lookup and a write, and a gateway benchmark measures the gateway.
 * <p>
 * {@code java -jar skillpath-bench-subgraphs-exec.jar [BASE_PORT]}: accounts on BASE_PORT
 * (default 4201), inventory +1, products +2, reviews +3, each at {@code /graphql};
 * {@code GET /stats} on any of them answers the requests each subgraph has had.
 */
public final class ConstantCostSubgraphs {

	/** Distinct bodies kept per subgraph; more are answered but not kept. */
	static final int KEPT_ANSWERS = 10_000;

	static final List<String> NAMES = List.of("accounts", "inventory", "products", "reviews");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final Map<String, Subgraph> subgraphs = new LinkedHashMap<>();

	private final List<DisposableServer> servers = new ArrayList<>();

	ConstantCostSubgraphs() {
		Data data = new Data();
		this.subgraphs.put("accounts", new Subgraph(accounts(data)));
		this.subgraphs.put("inventory", new Subgraph(inventory()));
		this.subgraphs.put("products", new Subgraph(products(data)));
		this.subgraphs.put("reviews", new Subgraph(reviews(data)));
	}

	public static void main(String[] args) {
		int base = args.length > 0 ? Integer.parseInt(args[0]) : 4201;
		ConstantCostSubgraphs all = new ConstantCostSubgraphs();
		all.start(base);
		for (int i = 0; i < NAMES.size(); i++) {
			System.out.println(NAMES.get(i) + ": http://127.0.0.1:" + all.servers.get(i).port() + "/graphql");
		}
		all.servers.get(0).onDispose().block();
	}

	/** Starts each subgraph on {@code base} + its index (0: a free port each). */
	ConstantCostSubgraphs start(int base) {
		for (int i = 0; i < NAMES.size(); i++) {
			Subgraph subgraph = this.subgraphs.get(NAMES.get(i));
			this.servers.add(HttpServer.create()
				.host("127.0.0.1")
				.port(base == 0 ? 0 : base + i)
				.route((routes) -> routes
					.post("/graphql",
							(request, response) -> response.header("Content-Type", "application/json")
								.send(request.receive()
									.aggregate()
									.asByteArray()
									.map((body) -> Unpooled.wrappedBuffer(subgraph.answer(body)))))
					.get("/stats",
							(request, response) -> response.header("Content-Type", "application/json")
								.sendByteArray(Mono.fromSupplier(() -> JSON.writeValueAsBytes(stats())))))
				.bindNow());
		}
		return this;
	}

	int port(String name) {
		return this.servers.get(NAMES.indexOf(name)).port();
	}

	/** Requests and computed (not remembered) answers per subgraph. */
	Map<String, Map<String, Long>> stats() {
		Map<String, Map<String, Long>> stats = new LinkedHashMap<>();
		this.subgraphs.forEach((name, subgraph) -> stats.put(name,
				Map.of("requests", subgraph.requests.get(), "computed", subgraph.computed.get())));
		return stats;
	}

	void stop() {
		this.servers.forEach(DisposableServer::disposeNow);
	}

	/** One subgraph: its schema and the answers it has computed, by request body. */
	static final class Subgraph {

		final GraphQL graphql;

		final Map<String, byte[]> answers = new ConcurrentHashMap<>();

		final AtomicLong requests = new AtomicLong();

		final AtomicLong computed = new AtomicLong();

		Subgraph(GraphQL graphql) {
			this.graphql = graphql;
		}

		byte[] answer(byte[] body) {
			this.requests.incrementAndGet();
			String key = new String(body, StandardCharsets.UTF_8);
			byte[] known = this.answers.get(key);
			if (known != null) {
				return known;
			}
			byte[] answer = compute(body);
			if (this.answers.size() < KEPT_ANSWERS) {
				this.answers.putIfAbsent(key, answer);
			}
			return answer;
		}

		@SuppressWarnings("unchecked")
		private byte[] compute(byte[] body) {
			this.computed.incrementAndGet();
			Map<String, Object> request;
			try {
				request = JSON.readValue(body, MAP);
			}
			catch (RuntimeException ex) {
				return JSON.writeValueAsBytes(Map.of("errors", List.of(Map.of("message", "not JSON"))));
			}
			Object variables = request.get("variables");
			ExecutionInput input = ExecutionInput.newExecutionInput()
				.query(String.valueOf(request.get("query")))
				.operationName((String) request.get("operationName"))
				.variables(variables instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of())
				.build();
			return JSON.writeValueAsBytes(this.graphql.execute(input).toSpecification());
		}

	}

	// ---- the four schemas and their data
	// ------------------------------------------------

	/** 4 users, 5 products, 10 reviews (two per product, by authors in turn). */
	static final class Data {

		final Map<String, Map<String, Object>> users = new LinkedHashMap<>();

		final Map<String, Map<String, Object>> products = new LinkedHashMap<>();

		final Map<String, Map<String, Object>> reviews = new LinkedHashMap<>();

		Data() {
			for (int i = 1; i <= 4; i++) {
				this.users.put(String.valueOf(i), Map.of("__typename", "User", "id", String.valueOf(i), "name",
						"User " + i, "username", "@user" + i, "birthday", 1990 + i));
			}
			for (int i = 1; i <= 5; i++) {
				this.products.put(String.valueOf(i), Map.of("__typename", "Product", "upc", String.valueOf(i), "name",
						"Product " + i, "price", i * 300, "weight", i * 10));
			}
			for (int i = 1; i <= 10; i++) {
				this.reviews.put(String.valueOf(i),
						Map.of("__typename", "Review", "id", String.valueOf(i), "body", "Review " + i, "authorId",
								String.valueOf((i - 1) % 4 + 1), "upc", String.valueOf((i - 1) / 2 + 1)));
			}
		}

		List<Map<String, Object>> reviewsWhere(String key, Object value) {
			return this.reviews.values().stream().filter((review) -> value.equals(review.get(key))).toList();
		}

	}

	private static GraphQL accounts(Data data) {
		RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
			.type("Query",
					(type) -> type.dataFetcher("me", (env) -> data.users.get("1"))
						.dataFetcher("users", (env) -> List.copyOf(data.users.values())))
			.build();
		return federated("accounts", wiring, (representation) -> data.users.get(representation.get("id")));
	}

	private static GraphQL inventory() {
		return federated("inventory", RuntimeWiring.newRuntimeWiring().build(), (representation) -> {
			Map<String, Object> product = new LinkedHashMap<>();
			product.put("__typename", "Product");
			product.put("upc", representation.get("upc"));
			product.put("inStock", Integer.parseInt(String.valueOf(representation.get("upc"))) % 2 == 1);
			// the required fields come only with requests for shippingEstimate
			if (representation.get("price") instanceof Number price
					&& representation.get("weight") instanceof Number weight) {
				product.put("shippingEstimate", (price.intValue() > 1000) ? 0 : weight.intValue() / 2);
			}
			return product;
		});
	}

	private static GraphQL products(Data data) {
		RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
			.type("Query", (type) -> type.dataFetcher("topProducts", (env) -> {
				int first = env.getArgumentOrDefault("first", 5);
				return data.products.values().stream().limit(Math.max(0, first)).toList();
			}))
			.build();
		return federated("products", wiring, (representation) -> data.products.get(representation.get("upc")));
	}

	private static GraphQL reviews(Data data) {
		DataFetcher<Object> author = (env) -> {
			Map<String, Object> review = env.getSource();
			Map<String, Object> user = data.users.get(review.get("authorId"));
			return Map.of("__typename", "User", "id", user.get("id"), "username", user.get("username"));
		};
		RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
			.type("Review",
					(type) -> type.dataFetcher("author", author)
						.dataFetcher("product",
								(env) -> Map.of("__typename", "Product", "upc",
										((Map<String, Object>) env.getSource()).get("upc"))))
			.type("User",
					(type) -> type.dataFetcher("reviews",
							(env) -> data.reviewsWhere("authorId", ((Map<String, Object>) env.getSource()).get("id"))))
			.type("Product",
					(type) -> type.dataFetcher("reviews",
							(env) -> data.reviewsWhere("upc", ((Map<String, Object>) env.getSource()).get("upc"))))
			.build();
		return federated("reviews", wiring,
				(representation) -> switch (String.valueOf(representation.get("__typename"))) {
					case "Review" -> data.reviews.get(representation.get("id"));
					case "User" -> Map.of("__typename", "User", "id", representation.get("id"));
					case "Product" -> Map.of("__typename", "Product", "upc", representation.get("upc"));
					default -> null;
				});
	}

	private static GraphQL federated(String name, RuntimeWiring wiring,
			Function<Map<String, Object>, Object> entities) {
		return GraphQL.newGraphQL(Federation.transform(sdl(name), wiring).fetchEntities((env) -> {
			List<Object> out = new ArrayList<>();
			for (Map<String, Object> representation : env.<List<Map<String, Object>>>getArgument("representations")) {
				out.add(entities.apply(representation));
			}
			return out;
		})
			.resolveEntityType((env) -> env.getSchema()
				.getObjectType(String.valueOf(((Map<?, ?>) env.getObject()).get("__typename"))))
			.build()).build();
	}

	static String sdl(String name) {
		try (InputStream in = ConstantCostSubgraphs.class.getResourceAsStream("/subgraphs/" + name + ".graphql")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
