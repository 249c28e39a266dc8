package dev.skillpath.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.skillpath.router.Router;
import dev.skillpath.router.supergraph.SubgraphComposer;
import dev.skillpath.router.supergraph.SubgraphComposer.SubgraphSchema;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The router's plan time over the suite's three subgraph schemas (as the services ship
 * them): {@code cold} is what a new document costs (parse, validate, plan, limits),
 * {@code cached} what every later request with the same document costs (a lookup in the
 * plan cache).
 */
@State(Scope.Benchmark)
public class PlanTimeBenchmark extends MicroBenchmark {

	@Param({ "skill", "signature", "roadmap-progress" })
	public String query;

	private Router router;

	private String document;

	@Setup
	public void compose() throws IOException {
		Path root = Repository.root();
		List<SubgraphSchema> schemas = new ArrayList<>();
		for (String service : List.of("content", "progress", "jobs")) {
			StringBuilder sdl = new StringBuilder();
			try (var files = Files.list(root.resolve(service + "-service/src/main/resources/graphql/" + service))) {
				for (Path file : files.sorted().toList()) {
					sdl.append(Files.readString(file)).append('\n');
				}
			}
			schemas.add(new SubgraphSchema(service, "http://127.0.0.1/" + service, sdl.toString()));
		}
		this.router = new Router(SubgraphComposer.compose(schemas), null, 1000);
		this.document = Files.readString(root.resolve("bench/queries/" + this.query + ".graphql"));
		Router.Prepared prepared = this.router.prepare(this.document, null);
		if (prepared.plan() == null) {
			throw new IllegalStateException(this.query + " does not plan: " + prepared.errors());
		}
	}

	@Benchmark
	public Router.Prepared cold() {
		return this.router.prepareUncached(this.document, null);
	}

	@Benchmark
	public Router.Prepared cached() {
		return this.router.prepare(this.document, null);
	}

}
