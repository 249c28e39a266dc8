package dev.skillpath.jobs.ingest;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * {@code skillpath_jobs_listings_total{partner, format, outcome}}: every record a partner
 * sent, pushed or pulled, by what became of it. Outcomes are exclusive: {@code created}
 * (a new job), {@code duplicate} (merged into the same job from another partner),
 * {@code updated}, {@code unchanged} and {@code rejected}. A partner's counters start at
 * zero together, so that the rejected-listings alert sees its first rejection as an
 * increase.
 */
@Component
public class ListingMetrics {

	static final List<String> OUTCOMES = List.of("created", "duplicate", "updated", "unchanged", "rejected");

	private final MeterRegistry registry;

	private final Set<String> started = ConcurrentHashMap.newKeySet();

	public ListingMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void record(IngestionReport report) {
		String format = format(report.format());
		String partner = report.partnerId();
		if (this.started.add(partner + '\n' + format)) {
			OUTCOMES.forEach((outcome) -> counter(partner, format, outcome));
		}
		Map<String, Long> counts = new java.util.HashMap<>();
		for (RecordResult result : report.results()) {
			counts.merge(outcome(result), 1L, Long::sum);
		}
		counts.forEach((outcome, n) -> counter(partner, format, outcome).increment(n));
	}

	private Counter counter(String partner, String format, String outcome) {
		return Counter.builder("skillpath.jobs.listings")
			.description("Listings partners sent, by what became of them")
			.tags("partner", partner, "format", format, "outcome", outcome)
			.register(this.registry);
	}

	static String outcome(RecordResult result) {
		return switch (result.status()) {
			case "CREATED" -> Boolean.TRUE.equals(result.mergedWithOtherSources()) ? "duplicate" : "created";
			case "UPDATED" -> "updated";
			case "UNCHANGED" -> "unchanged";
			default -> "rejected";
		};
	}

	/**
	 * {@code json}, {@code json-ld} and {@code xml} pushed; a pulled feed by its kind
	 * ({@code greenhouse}, {@code lever}, {@code rss}, {@code xml}).
	 */
	static String format(String format) {
		return switch (format) {
			case "JSON" -> "json";
			case "JSONLD" -> "json-ld";
			case "XML", "FEED:INDEED_XML" -> "xml";
			default -> format.replace("FEED:", "").toLowerCase(Locale.ROOT).replace('_', '-');
		};
	}

}
