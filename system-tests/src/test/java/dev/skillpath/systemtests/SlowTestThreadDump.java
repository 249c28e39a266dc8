package dev.skillpath.systemtests;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.skillpath.support.testing.TestClients;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Prints the stacks of this JVM's Reactor Netty threads when a test is still running
 * after {@link #AFTER}: the evidence docs/decisions/0016 asks for, taken inside the test
 * JVM (attaching jstack from outside killed surefire's fork). Registered for every test
 * of this module through extension auto-detection; a test that is merely slow gets one
 * dump in its output, nothing else.
 */
public final class SlowTestThreadDump implements BeforeEachCallback, AfterEachCallback {

	static final Duration AFTER = Duration.ofSeconds(15);

	private static final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "slow-test-thread-dump");
		thread.setDaemon(true);
		return thread;
	});

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(SlowTestThreadDump.class);

	@Override
	public void beforeEach(ExtensionContext context) {
		String test = context.getDisplayName() + " in " + context.getRequiredTestClass().getSimpleName();
		ScheduledFuture<?> dump = timer.schedule(
				() -> System.out.println("Still running after " + AFTER.toSeconds() + " s: " + test
						+ "; Reactor Netty threads:\n" + TestClients.eventLoopStacks()),
				AFTER.toMillis(), TimeUnit.MILLISECONDS);
		context.getStore(NAMESPACE).put("dump", dump);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		ScheduledFuture<?> dump = context.getStore(NAMESPACE).remove("dump", ScheduledFuture.class);
		if (dump != null) {
			dump.cancel(false);
		}
	}

}
