package dev.skillpath.systemtests.webapp;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every browser test class does around its tests: no uncaught script error after a
 * test, and the browser closed after the last (the class runs PER_CLASS).
 */
interface UsesBrowser {

	/** The class's browser, null until it has started. */
	Browser browser();

	@AfterEach
	default void noScriptErrors() {
		assertThat(browser().scriptErrors()).as("uncaught script errors in the page").isEmpty();
	}

	@AfterAll
	default void stopBrowser() {
		if (browser() != null) {
			browser().close();
		}
	}

}
