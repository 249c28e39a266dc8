package dev.skillpath.systemtests.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that call the suite again and again, each on a thread of its own, from now
 * until the load's length has passed, while a resilience test breaks something and mends
 * it; what every call answered is kept for the test to judge.
 *
 * @param <T> what a call answers
 */
final class Load<T> {

	private final long begin = System.nanoTime();

	private final long end;

	private final ExecutorService clients;

	private final Queue<T> answers = new ConcurrentLinkedQueue<>();

	Load(Duration length, int clients) {
		this.end = this.begin + length.toNanos();
		this.clients = Executors.newFixedThreadPool(clients);
	}

	/** When the load began, in {@link System#nanoTime()}. */
	long begin() {
		return this.begin;
	}

	/** Milliseconds since the load began. */
	long millis() {
		return millisSince(this.begin);
	}

	/**
	 * A client that makes {@code call} until the load ends; {@code call} is given how
	 * many calls the client made before.
	 */
	void client(IntFunction<T> call) {
		this.clients.execute(() -> {
			for (int n = 0; System.nanoTime() < this.end; n++) {
				this.answers.add(call.apply(n));
			}
		});
	}

	/** Waits for every client's last call; answers all the answers. */
	List<T> answers(Duration within) throws InterruptedException {
		this.clients.shutdown();
		assertThat(this.clients.awaitTermination(within.toSeconds(), TimeUnit.SECONDS)).as("load finished").isTrue();
		return new ArrayList<>(this.answers);
	}

	static long millisSince(long begin) {
		return (System.nanoTime() - begin) / 1_000_000;
	}

}
