package dev.skillpath.support.error;

import java.util.function.Supplier;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoOperator;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * Keeps an {@link Error} thrown while handling one request inside that request. Reactor
 * treats a {@link StackOverflowError} (a {@link VirtualMachineError}) as fatal: it
 * rethrows it instead of signalling it, so it unwinds up the thread that ran the
 * operator, often a Netty event loop, and the request it came from is never answered.
 * Here it becomes a {@link RequestHandlingError} signal that the request's own error
 * handling answers (a 500 problem body or a GraphQL error, with a log line).
 * <p>
 * Caught where it is thrown synchronously: while the handling is assembled and while it
 * is subscribed, which is where a handler or data fetcher runs its code on the request's
 * thread. An {@link OutOfMemoryError} or other VM error is left to the JVM (the services
 * run with {@code -XX:+ExitOnOutOfMemoryError}).
 */
public final class RequestErrorGuard {

	private RequestErrorGuard() {
	}

	/**
	 * Whether the process can go on after this was thrown while handling one request: a
	 * stack overflow has unwound the stack it overflowed; other VM errors (out of memory,
	 * internal errors) leave the JVM in doubt.
	 */
	public static boolean survivable(Throwable error) {
		return error instanceof StackOverflowError
				|| (error instanceof Error && !(error instanceof VirtualMachineError));
	}

	/** The handling, with a survivable {@link Error} turned into a signal. */
	public static <T> Mono<T> guard(Supplier<Mono<T>> handling) {
		Mono<T> assembled;
		try {
			assembled = handling.get();
		}
		catch (Error error) {
			return Mono.error(wrap(error));
		}
		return new Guarded<>(assembled);
	}

	private static RequestHandlingError wrap(Error error) {
		if (!survivable(error)) {
			throw error;
		}
		return new RequestHandlingError(error);
	}

	/** Signals an {@link Error} thrown while its source was subscribed. */
	private static final class Guarded<T> extends MonoOperator<T, T> {

		Guarded(Mono<T> source) {
			super(source);
		}

		@Override
		public void subscribe(CoreSubscriber<? super T> actual) {
			OnceSubscriber<T> once = new OnceSubscriber<>(actual);
			try {
				this.source.subscribe(once);
			}
			catch (Error error) {
				once.fail(wrap(error));
			}
		}

	}

	/**
	 * Passes signals on, and ends the subscriber with an error once if its source failed
	 * by throwing, whether or not it had subscribed by then.
	 */
	private static final class OnceSubscriber<T> implements CoreSubscriber<T> {

		private final CoreSubscriber<? super T> actual;

		private boolean subscribed;

		private boolean done;

		private Subscription upstream;

		OnceSubscriber(CoreSubscriber<? super T> actual) {
			this.actual = actual;
		}

		@Override
		public Context currentContext() {
			return this.actual.currentContext();
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			this.subscribed = true;
			this.upstream = subscription;
			this.actual.onSubscribe(subscription);
		}

		@Override
		public void onNext(T value) {
			if (!this.done) {
				this.actual.onNext(value);
			}
		}

		@Override
		public void onError(Throwable error) {
			if (!this.done) {
				this.done = true;
				this.actual.onError(error);
			}
		}

		@Override
		public void onComplete() {
			if (!this.done) {
				this.done = true;
				this.actual.onComplete();
			}
		}

		void fail(RequestHandlingError error) {
			if (this.done) {
				return;
			}
			this.done = true;
			if (!this.subscribed) {
				Operators.error(this.actual, error);
				return;
			}
			try {
				this.upstream.cancel();
			}
			catch (RuntimeException ignored) {
				// a source that failed half way may fail to cancel too; the answer
				// matters
			}
			this.actual.onError(error);
		}

	}

}
