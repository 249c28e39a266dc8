package dev.skillpath.progress.tracking;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.skillpath.progress.ProgressProperties;
import dev.skillpath.support.error.ApiException;
import dev.skillpath.support.error.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Bounds the writes that hold or wait for a database connection. At most
 * {@code maxInFlight} writes run at once (fewer than the pool's connections, so reads
 * always find one); up to {@code maxWaiting} more wait, each at most {@code maxWait}. A
 * write beyond that, or one whose expected wait (writes ahead of it × recent write time ÷
 * writes in flight) exceeds {@code maxWait}, is answered at once with a retryable
 * {@code SERVICE_UNAVAILABLE}: under overload a client learns within milliseconds that it
 * should retry later, instead of waiting for the pool's acquire timeout or the gateway's
 * timeout while the queue grows.
 */
@Component
public class WriteAdmission {

	/** Weight of the newest write time in the moving average. */
	private static final double SMOOTHING = 0.1;

	private final int maxInFlight;

	private final int maxWaiting;

	private final Duration maxWait;

	private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();

	private int inFlight;

	/** Moving average of how long an admitted write holds its place, in nanoseconds. */
	private volatile double averageNanos;

	private final Counter shed;

	public WriteAdmission(ProgressProperties properties, ObjectProvider<MeterRegistry> meters) {
		ProgressProperties.Writes writes = properties.writes();
		this.maxInFlight = writes.maxInFlight();
		this.maxWaiting = writes.maxWaiting();
		this.maxWait = writes.maxWait();
		MeterRegistry registry = meters.getIfAvailable(SimpleMeterRegistry::new);
		this.shed = Counter.builder("skillpath.progress.writes.shed")
			.description("Writes answered SERVICE_UNAVAILABLE at once because too many were in flight or waiting")
			.register(registry);
		Gauge.builder("skillpath.progress.writes.in.flight", this, WriteAdmission::inFlight)
			.description("Writes holding a place (a database connection) now")
			.register(registry);
		Gauge.builder("skillpath.progress.writes.waiting", this, WriteAdmission::waiting)
			.description("Writes waiting for a place")
			.register(registry);
	}

	/**
	 * Runs {@code write} once a place is free; fails fast with a retryable error when
	 * overloaded.
	 */
	public <T> Mono<T> run(Supplier<Mono<T>> write) {
		return Mono.<Place>create(this::admit)
			.timeout(this.maxWait)
			.onErrorMap(TimeoutException.class,
					(ex) -> overloaded(
							"no write finished within " + this.maxWait.toMillis() + " ms to make room for this one"))
			.flatMap(
					(place) -> place.start() ? Mono.defer(write).doFinally((signal) -> place.release()) : Mono.empty());
	}

	public synchronized int inFlight() {
		return this.inFlight;
	}

	public synchronized int waiting() {
		return this.waiting.size();
	}

	private void admit(MonoSink<Place> sink) {
		Waiter waiter = new Waiter(sink);
		// registered first, so a cancellation at any later point is seen (MonoSink runs
		// it at once if already cancelled)
		sink.onCancel(() -> {
			Place granted;
			synchronized (this) {
				if (this.waiting.remove(waiter)) {
					return;
				}
				granted = waiter.place;
			}
			// given a place just as the caller gave up: hand the place on
			if (granted != null && granted.abandon()) {
				granted.release();
			}
		});
		String refusal = null;
		synchronized (this) {
			if (this.inFlight < this.maxInFlight) {
				this.inFlight++;
				waiter.place = new Place();
			}
			else if (this.waiting.size() >= this.maxWaiting) {
				refusal = this.inFlight + " writes in progress and " + this.waiting.size() + " waiting";
			}
			else if (expectedWaitNanos(this.waiting.size() + 1) > this.maxWait.toNanos()) {
				refusal = this.inFlight + " writes in progress and " + this.waiting.size()
						+ " waiting would keep this one waiting longer than " + this.maxWait.toMillis() + " ms";
			}
			else {
				this.waiting.add(waiter);
			}
		}
		if (refusal != null) {
			this.shed.increment();
			sink.error(overloaded(refusal));
			return;
		}
		if (waiter.place != null) {
			sink.success(waiter.place);
			return;
		}
	}

	private double expectedWaitNanos(int ahead) {
		return ahead * this.averageNanos / this.maxInFlight;
	}

	private void leave(long heldNanos) {
		this.averageNanos = this.averageNanos == 0 ? heldNanos
				: this.averageNanos + SMOOTHING * (heldNanos - this.averageNanos);
		Waiter next;
		synchronized (this) {
			next = this.waiting.poll();
			if (next == null) {
				this.inFlight--;
				return;
			}
			next.place = new Place();
		}
		next.sink.success(next.place);
	}

	private static ApiException overloaded(String why) {
		return new ApiException(ErrorCode.SERVICE_UNAVAILABLE,
				"progress-service is overloaded (" + why + "); nothing was stored, retry in a moment",
				Map.of("retryable", true, "reason", "OVERLOADED"));
	}

	private static final class Waiter {

		final MonoSink<Place> sink;

		/** Set under the admission's lock when the waiter is given a place. */
		Place place;

		Waiter(MonoSink<Place> sink) {
			this.sink = sink;
		}

	}

	/**
	 * One admitted write: released exactly once, whether it ran or its caller gave up
	 * first.
	 */
	private final class Place {

		private static final int NEW = 0;

		private static final int STARTED = 1;

		private static final int ABANDONED = 2;

		private final AtomicInteger state = new AtomicInteger(NEW);

		private final long since = System.nanoTime();

		private boolean released;

		boolean start() {
			return this.state.compareAndSet(NEW, STARTED);
		}

		boolean abandon() {
			return this.state.compareAndSet(NEW, ABANDONED);
		}

		void release() {
			synchronized (this) {
				if (this.released) {
					return;
				}
				this.released = true;
			}
			leave(System.nanoTime() - this.since);
		}

	}

}
