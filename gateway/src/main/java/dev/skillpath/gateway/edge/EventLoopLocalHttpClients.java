package dev.skillpath.gateway.edge;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import io.netty.channel.ChannelOption;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.FastThreadLocalThread;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import org.springframework.beans.factory.DisposableBean;

/**
 * The HTTP clients of the subgraph calls: one connection pool per event loop, so that a
 * subgraph call made on the event loop that serves the client's request uses a connection
 * of that same loop. The call is then written, answered and shaped into the client's
 * response on one thread. With one shared pool, an idle connection belonged to any loop:
 * each call handed the request to another thread and the answer back, two wake-ups per
 * subgraph call (see docs/decisions/0015).
 *
 * <p>
 * A new connection is opened on the calling loop (Reactor Netty co-locates connections
 * with the thread that asks for them), and a loop's pool only ever lends to that loop.
 * Calls from any other thread (start-up, the SDL polls) share one pool. The configured
 * connection and queue limits are split evenly between the event loops, so the totals
 * stay as configured.
 */
final class EventLoopLocalHttpClients implements Supplier<HttpClient>, DisposableBean {

	private final int maxConnections;

	private final int maxPending;

	private final Duration timeout;

	private final HttpClient shared;

	private final List<ConnectionProvider> pools = new CopyOnWriteArrayList<>();

	private final FastThreadLocal<HttpClient> local = new FastThreadLocal<>() {

		@Override
		protected HttpClient initialValue() {
			return create("subgraphs-" + Thread.currentThread().getName(), loopShare(maxConnections),
					loopShare(maxPending));
		}

	};

	/**
	 * @param maxConnections connections to the subgraphs at most, over all event loops
	 * @param maxPending calls waiting for a connection at most, over all event loops
	 * @param timeout the subgraph timeout: for connecting, for waiting for a connection
	 * and for an answer
	 */
	EventLoopLocalHttpClients(int maxConnections, int maxPending, Duration timeout) {
		this.maxConnections = maxConnections;
		this.maxPending = maxPending;
		this.timeout = timeout;
		this.shared = create("subgraphs", maxConnections, maxPending);
	}

	/** The client for a call from the current thread. */
	@Override
	public HttpClient get() {
		// Reactor Netty's event loop threads are Netty's fast-thread-local threads marked
		// non-blocking
		Thread current = Thread.currentThread();
		if (current instanceof FastThreadLocalThread && Schedulers.isInNonBlockingThread()) {
			return this.local.get();
		}
		return this.shared;
	}

	/** The client of calls made off the event loops. */
	HttpClient shared() {
		return this.shared;
	}

	/**
	 * Connection pools created so far: the shared one and one per event loop that made a
	 * call.
	 */
	int poolCount() {
		return this.pools.size();
	}

	private HttpClient create(String name, int connections, int pending) {
		ConnectionProvider pool = ConnectionProvider.builder(name)
			.maxConnections(connections)
			.pendingAcquireMaxCount(pending)
			.pendingAcquireTimeout(this.timeout)
			.maxIdleTime(Duration.ofSeconds(30))
			.build();
		this.pools.add(pool);
		return HttpClient.create(pool)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, this.timeout.toMillis()))
			.responseTimeout(this.timeout);
	}

	private static int loopShare(int total) {
		return Math.max(1, (total + LoopResources.DEFAULT_IO_WORKER_COUNT - 1) / LoopResources.DEFAULT_IO_WORKER_COUNT);
	}

	@Override
	public void destroy() {
		for (ConnectionProvider pool : this.pools) {
			pool.disposeLater().block(Duration.ofSeconds(5));
		}
	}

}
