package dev.skillpath.progress.metrics;

import java.util.EnumMap;
import java.util.Map;

import dev.skillpath.progress.tracking.XapiVerb;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Progress statements stored, per xAPI verb
 * ({@code skillpath_progress_events_total{verb}}): counted once their transaction
 * committed, never for a retry that found its change already stored. Every verb's series
 * exists from the start, so a dashboard shows 0 rather than nothing.
 */
@Component
public class ProgressEvents {

	private final Map<XapiVerb, Counter> counters = new EnumMap<>(XapiVerb.class);

	public ProgressEvents(MeterRegistry registry) {
		for (XapiVerb verb : XapiVerb.values()) {
			this.counters.put(verb,
					Counter.builder("skillpath.progress.events")
						.description("Progress statements stored, per xAPI verb")
						.tag("verb", verb.display())
						.register(registry));
		}
	}

	public void recorded(XapiVerb verb) {
		this.counters.get(verb).increment();
	}

	public void recorded(XapiVerb verb, long count) {
		if (count > 0) {
			this.counters.get(verb).increment(count);
		}
	}

}
