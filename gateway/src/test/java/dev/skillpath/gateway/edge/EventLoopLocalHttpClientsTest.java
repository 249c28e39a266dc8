package dev.skillpath.gateway.edge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.skillpath.router.execution.RequestContext;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpResources;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Subgraph calls stay on the event loop that makes them: over real HTTP to a local
 * subgraph server, calls made in turn from two of the gateway's event loops are each
 * answered on the loop that made them, although the idle connections of the other loop
 * could have served them.
 */
class EventLoopLocalHttpClientsTest {

	/** The subgraph's own threads, so that none of the gateway's loops serves it. */
	private final LoopResources subgraphLoops = LoopResources.create("subgraph", 1, true);

	private DisposableServer subgraph;

	private EventLoopLocalHttpClients clients;

	private NettySubgraphClient client;

	@BeforeEach
	void start() {
		this.subgraph = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.runOn(this.subgraphLoops)
			.handle((request, response) -> request.receive()
				.then(response.header("content-type", "application/json")
					.sendString(Mono.just("{\"data\":{\"ok\":true}}"))
					.then()))
			.bindNow();
		this.clients = new EventLoopLocalHttpClients(8, 100, Duration.ofSeconds(5));
		this.client = new NettySubgraphClient(this.clients, JsonMapper.builder().build(), ObservationRegistry.NOOP,
				(name) -> CircuitBreaker.ofDefaults(name), Duration.ofSeconds(5));
	}

	@AfterEach
	void stop() {
		this.clients.destroy();
		this.subgraph.disposeNow();
		this.subgraphLoops.disposeLater().block(Duration.ofSeconds(5));
	}

	@Test
	void eachCallIsAnsweredOnTheEventLoopThatMadeIt() throws Exception {
		List<EventLoop> loops = twoGatewayLoops();
		List<String> mismatches = new ArrayList<>();
		Set<String> answeringThreads = new LinkedHashSet<>();
		for (int i = 0; i < 20; i++) {
			EventLoop caller = loops.get(i % 2);
			CompletableFuture<String[]> threads = new CompletableFuture<>();
			// as the gateway does: the call starts on the loop that read the client's
			// request
			caller.execute(() -> {
				String callingThread = Thread.currentThread().getName();
				this.client.execute("content", url(), "{ ok }", Map.of(), RequestContext.EMPTY)
					.subscribe(
							(answer) -> threads
								.complete(new String[] { callingThread, Thread.currentThread().getName() }),
							threads::completeExceptionally);
			});
			String[] calledAndAnswered = threads.get(10, TimeUnit.SECONDS);
			answeringThreads.add(calledAndAnswered[1]);
			if (!calledAndAnswered[0].equals(calledAndAnswered[1])) {
				mismatches
					.add("call " + i + " made on " + calledAndAnswered[0] + ", answered on " + calledAndAnswered[1]);
			}
		}
		assertThat(mismatches).isEmpty();
		assertThat(answeringThreads).as("both loops made calls").hasSize(2);
		assertThat(this.clients.poolCount()).as("the shared pool and one per calling loop").isEqualTo(3);
	}

	@Test
	void callsFromOtherThreadsShareOnePool() {
		assertThat(this.clients.get()).isSameAs(this.clients.shared());
		Map<String, Object> answer = this.client.execute("content", url(), "{ ok }", Map.of(), RequestContext.EMPTY)
			.block(Duration.ofSeconds(10));
		assertThat(answer).containsEntry("data", Map.of("ok", true));
		assertThat(this.clients.poolCount()).isEqualTo(1);
	}

	private String url() {
		return "http://127.0.0.1:" + this.subgraph.port() + "/graphql";
	}

	/**
	 * Two distinct event loops of Reactor Netty's shared resources, which the gateway's
	 * server runs on.
	 */
	private static List<EventLoop> twoGatewayLoops() {
		EventLoopGroup group = HttpResources.get().onClient(true);
		Set<EventLoop> loops = new LinkedHashSet<>();
		for (int i = 0; i < 16 && loops.size() < 2; i++) {
			loops.add(group.next());
		}
		assertThat(loops).hasSize(2);
		return new ArrayList<>(loops);
	}

}
