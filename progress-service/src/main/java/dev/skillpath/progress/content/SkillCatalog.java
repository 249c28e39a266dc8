package dev.skillpath.progress.content;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.skillpath.progress.ProgressProperties;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Which skill ids exist, asked of content-service and remembered for a while. Only confirmed ids
 * are remembered: an id unknown now may be created by an editor a minute later.
 */
@Component
public class SkillCatalog {

	/** Enough for every skill of several roadmaps and their merged ids; past it, start over. */
	private static final int MAX_ENTRIES = 10_000;

	private final ContentClient content;

	private final ProgressProperties properties;

	private final Clock clock;

	private final Map<String, Known> known = new ConcurrentHashMap<>();

	public SkillCatalog(ContentClient content, ProgressProperties properties, Clock clock) {
		this.content = content;
		this.properties = properties;
		this.clock = clock;
	}

	private record Known(String canonicalId, Instant until) {
	}

	/**
	 * For each id, the id content-service keeps the skill under; ids with no skill are absent.
	 * Asks content-service once for all ids not remembered; fails with a retryable error when it
	 * cannot be reached.
	 */
	public Mono<Map<String, String>> resolve(List<String> ids) {
		Instant now = Instant.now(this.clock);
		Map<String, String> resolved = new LinkedHashMap<>();
		List<String> toAsk = new ArrayList<>();
		for (String id : ids) {
			Known entry = this.known.get(id);
			if (entry != null && entry.until().isAfter(now)) {
				resolved.put(id, entry.canonicalId());
			}
			else if (!toAsk.contains(id)) {
				toAsk.add(id);
			}
		}
		if (toAsk.isEmpty()) {
			return Mono.just(resolved);
		}
		return this.content.resolveSkills(toAsk).map((answers) -> {
			if (this.known.size() > MAX_ENTRIES) {
				this.known.clear();
			}
			Instant until = Instant.now(this.clock).plus(this.properties.knownSkillTtl());
			for (int i = 0; i < toAsk.size(); i++) {
				String canonical = answers.get(i);
				if (canonical != null) {
					this.known.put(toAsk.get(i), new Known(canonical, until));
					resolved.put(toAsk.get(i), canonical);
				}
			}
			return resolved;
		});
	}

	/** Forgets every remembered id (tests, and operators after a bulk change of content). */
	public void forget() {
		this.known.clear();
	}

}
