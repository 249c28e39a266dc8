package dev.skillpath.jobs;

import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Work a component repeats in the background, once per tick of a schedule, until it is
 * stopped: one run at a time (a tick that comes while a run is busy is dropped), and a
 * run that fails is logged and left to the next tick.
 */
public final class RepeatedWork {

	private final Log logger;

	private final String failure;

	private volatile Disposable runs;

	/**
	 * Work whose failures {@code logger} warns about, each as {@code failure} followed by
	 * the error's message.
	 */
	public RepeatedWork(Log logger, String failure) {
		this.logger = logger;
		this.failure = failure;
	}

	/** Runs {@code work} on every tick of {@code ticks}. */
	public void start(Flux<?> ticks, Supplier<? extends Mono<?>> work) {
		this.runs = ticks.onBackpressureDrop().concatMap((tick) -> work.get().onErrorResume((ex) -> {
			this.logger.warn(this.failure + ex.getMessage());
			return Mono.empty();
		})).subscribe();
	}

	/** Stops the ticks; a run under way is cancelled. Does nothing when never started. */
	public void stop() {
		Disposable started = this.runs;
		if (started != null) {
			started.dispose();
		}
	}

}
