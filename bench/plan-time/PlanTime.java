import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.skillpath.router.Router;
import dev.skillpath.router.supergraph.SubgraphComposer;
import dev.skillpath.router.supergraph.SubgraphComposer.SubgraphSchema;
import dev.skillpath.router.supergraph.Supergraph;

/**
 * Plan time of the gateway's router, cold and cached, without HTTP in the way: composes the
 * subgraph SDLs the bench fetched, then for each query times {@code prepareUncached} (parse,
 * validate, plan, limits: what a new document costs) and {@code prepare} once the plan is in the
 * cache. Not JMH: medians of many runs, good to a few percent on an idle machine.
 *
 * Run by bench/run-gateway-bench.sh with the gateway jar's classes on the class path:
 *   java -cp 'BOOT-INF/classes:BOOT-INF/lib/*' PlanTime.java SDL_DIR QUERY_FILE...
 * Prints one JSON line per query (times in microseconds).
 */
public class PlanTime {

	public static void main(String[] args) throws Exception {
		List<SubgraphSchema> schemas = new ArrayList<>();
		try (var files = Files.list(Path.of(args[0]))) {
			for (Path file : files.sorted().toList()) {
				String name = file.getFileName().toString().replace(".graphql", "");
				schemas.add(new SubgraphSchema(name, "http://127.0.0.1/" + name, Files.readString(file)));
			}
		}
		long composeStart = System.nanoTime();
		Supergraph supergraph = SubgraphComposer.compose(schemas);
		double composeMicros = (System.nanoTime() - composeStart) / 1e3;
		Router router = new Router(supergraph, null, 1000);
		System.out.printf("{\"what\":\"compose\",\"subgraphs\":%d,\"first_us\":%.0f}%n", schemas.size(), composeMicros);

		for (String queryFile : Arrays.copyOfRange(args, 1, args.length)) {
			String query = Files.readString(Path.of(queryFile));
			String name = Path.of(queryFile).getFileName().toString();
			long start = System.nanoTime();
			Router.Prepared first = router.prepareUncached(query, null);
			double firstMicros = (System.nanoTime() - start) / 1e3;
			if (first.plan() == null) {
				throw new IllegalStateException(name + ": " + first.errors());
			}
			double uncached = median(() -> router.prepareUncached(query, null), 1_000, 1);
			router.prepare(query, null);
			double cached = median(() -> router.prepare(query, null), 1_000, 1_000);
			System.out.printf("{\"what\":\"plan\",\"query\":\"%s\",\"first_in_jvm_us\":%.1f,"
					+ "\"uncached_median_us\":%.2f,\"cached_median_us\":%.3f,\"fetch_nodes\":%d}%n", name, firstMicros,
					uncached, cached, first.plan().roots().size());
		}
	}

	/** Median time of one call, over {@code samples} samples of {@code batch} calls each. */
	private static double median(Runnable call, int samples, int batch) {
		for (int i = 0; i < samples; i++) { // warm-up: let the JIT compile the path
			for (int j = 0; j < batch; j++) {
				call.run();
			}
		}
		double[] times = new double[samples];
		for (int i = 0; i < samples; i++) {
			long start = System.nanoTime();
			for (int j = 0; j < batch; j++) {
				call.run();
			}
			times[i] = (System.nanoTime() - start) / 1e3 / batch;
		}
		Arrays.sort(times);
		return times[samples / 2];
	}

}
