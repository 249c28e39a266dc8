package dev.skillpath.support.database;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.util.context.ContextView;

import org.springframework.transaction.ReactiveTransaction;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;

/**
 * A reactive transaction manager whose transactions end even when their caller cancels
 * while one is beginning. Spring's manager takes a pooled connection and sends BEGIN; a
 * cancel (a client that hung up, a timeout) arriving in between stops that chain before
 * anyone owns the connection, so it is never rolled back nor returned to the pool
 * (spring-framework#36344). Every such cancel cost the pool a connection, idle in a
 * transaction, until the service answered "Failed to obtain R2DBC Connection" to
 * everything. Here beginning runs to its end regardless; a transaction nobody waits for
 * any more is rolled back at once. After it was handed over, Reactor's {@code usingWhen}
 * in {@code TransactionalOperator} rolls it back on cancel.
 */
public final class CancellationSafeTransactionManager implements ReactiveTransactionManager {

	private static final Log logger = LogFactory.getLog(CancellationSafeTransactionManager.class);

	private final ReactiveTransactionManager delegate;

	public CancellationSafeTransactionManager(ReactiveTransactionManager delegate) {
		this.delegate = delegate;
	}

	/** The manager doing the work (Spring's, for the service's connection factory). */
	public ReactiveTransactionManager delegate() {
		return this.delegate;
	}

	@Override
	public Mono<ReactiveTransaction> getReactiveTransaction(@Nullable TransactionDefinition definition)
			throws TransactionException {
		return Mono.defer(() -> {
			Handover handover = new Handover();
			// the begin runs in the caller's context (it holds the transaction's
			// synchronization state)
			return Mono.deferContextual((context) -> Mono.<ReactiveTransaction>create((sink) -> {
				sink.onCancel(() -> handover.cancelled(context));
				this.delegate.getReactiveTransaction(definition)
					.contextWrite(context)
					.subscribe((transaction) -> handover.begun(transaction, sink, context),
							(error) -> handover.failed(error, sink));
			})).doOnNext(handover::received);
		});
	}

	@Override
	public Mono<Void> commit(ReactiveTransaction transaction) throws TransactionException {
		return this.delegate.commit(transaction);
	}

	@Override
	public Mono<Void> rollback(ReactiveTransaction transaction) throws TransactionException {
		return this.delegate.rollback(transaction);
	}

	/**
	 * Who owns a begun transaction: the caller once it received it, otherwise this
	 * manager, which rolls it back. Synchronized, so a cancel racing the hand-over sees
	 * whether it arrived.
	 */
	private final class Handover {

		private boolean cancelled;

		private @Nullable ReactiveTransaction offered;

		private boolean received;

		synchronized void begun(ReactiveTransaction transaction, MonoSink<ReactiveTransaction> sink,
				ContextView context) {
			if (this.cancelled) {
				abandon(transaction, context);
				return;
			}
			this.offered = transaction;
			// delivers synchronously (received() runs on this thread) unless the caller
			// cancelled
			// meanwhile, when the sink drops it and cancelled() rolls it back
			sink.success(transaction);
		}

		synchronized void received(ReactiveTransaction transaction) {
			this.received = true;
		}

		synchronized void failed(Throwable error, MonoSink<ReactiveTransaction> sink) {
			if (this.cancelled) {
				logger.debug("A transaction nobody waited for any more failed to begin", error);
				return;
			}
			sink.error(error);
		}

		synchronized void cancelled(ContextView context) {
			this.cancelled = true;
			if (this.offered != null && !this.received) {
				abandon(this.offered, context);
			}
		}

		private void abandon(ReactiveTransaction transaction, ContextView context) {
			CancellationSafeTransactionManager.this.delegate.rollback(transaction)
				.contextWrite(context)
				.subscribe(null, (error) -> logger.warn("Rolling back an abandoned transaction failed", error));
		}

	}

}
