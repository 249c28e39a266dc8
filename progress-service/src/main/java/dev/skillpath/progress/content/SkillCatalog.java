package dev.skillpath.progress.content;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.skillpath.progress.ProgressProperties;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Which skill ids exist, asked of content-service and remembered for a while: a confirmed
 * id for {@code known-skill-ttl}, an unknown one only for {@code unknown-skill-ttl} (an
 * editor may create it a minute later; a few seconds keep a client that repeats a bad id
 * from asking each time). Concurrent writes of an id not remembered share one lookup in
 * flight: after a restart, 500 learners writing the same new skill ask content-service
 * once, not 500 times.
 */
@Component
public class SkillCatalog {

	/**
	 * Enough for every skill of several roadmaps and their merged ids; past it, start
	 * over.
	 */
	private static final int MAX_ENTRIES = 10_000;

	private final ContentClient content;

	private final ProgressProperties properties;

	private final Clock clock;

	private final Map<String, Known> known = new ConcurrentHashMap<>();

	/**
	 * The lookup in flight per id: its answer, empty when content-service has no such
	 * skill.
	 */
	private final Map<String, Mono<Optional<String>>> asking = new ConcurrentHashMap<>();

	public SkillCatalog(ContentClient content, ProgressProperties properties, Clock clock) {
		this.content = content;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * A remembered answer; {@code canonicalId} null: content-service has no such skill.
	 */
	private record Known(String canonicalId, Instant until) {
	}

	/**
	 * For each id, the id content-service keeps the skill under; ids with no skill are
	 * absent. Asks content-service once for all ids neither remembered nor already being
	 * asked for; fails with a retryable error when it cannot be reached.
	 */
	public Mono<Map<String, String>> resolve(List<String> ids) {
		Instant now = Instant.now(this.clock);
		Map<String, String> resolved = new LinkedHashMap<>();
		Map<String, Mono<Optional<String>>> joined = new LinkedHashMap<>();
		List<String> toAsk = new ArrayList<>();
		// one lookup for the ids this call starts; subscribed (at most once, cached)
		// after the loop
		Mono<Map<String, Optional<String>>> lookup = Mono.defer(() -> ask(toAsk)).cache();
		for (String id : ids) {
			Known entry = this.known.get(id);
			if (entry != null && entry.until().isAfter(now)) {
				if (entry.canonicalId() != null) {
					resolved.put(id, entry.canonicalId());
				}
				continue;
			}
			if (joined.containsKey(id)) {
				continue;
			}
			Mono<Optional<String>> mine = lookup.map((answers) -> answers.get(id));
			Mono<Optional<String>> inFlight = this.asking.putIfAbsent(id, mine);
			if (inFlight == null) {
				toAsk.add(id);
				joined.put(id, mine);
			}
			else {
				joined.put(id, inFlight);
			}
		}
		if (joined.isEmpty()) {
			return Mono.just(resolved);
		}
		// the ids in order; a failed lookup fails every write that waits for it (each may
		// retry)
		return Mono.zip(new ArrayList<>(joined.values()), (answers) -> answers).map((answers) -> {
			Map<String, String> all = new LinkedHashMap<>(resolved);
			int i = 0;
			for (String id : joined.keySet()) {
				@SuppressWarnings("unchecked")
				Optional<String> answer = (Optional<String>) answers[i++];
				answer.ifPresent((canonical) -> all.put(id, canonical));
			}
			return all;
		});
	}

	/**
	 * Asks content-service about {@code ids}, remembers the answers and lets later calls
	 * ask again.
	 */
	private Mono<Map<String, Optional<String>>> ask(List<String> ids) {
		return this.content.resolveSkills(ids).map((answers) -> {
			if (this.known.size() > MAX_ENTRIES) {
				this.known.clear();
			}
			Instant now = Instant.now(this.clock);
			Instant knownUntil = now.plus(this.properties.knownSkillTtl());
			Instant unknownUntil = now.plus(this.properties.unknownSkillTtl());
			Map<String, Optional<String>> byId = new HashMap<>();
			for (int i = 0; i < ids.size(); i++) {
				String canonical = answers.get(i);
				this.known.put(ids.get(i), new Known(canonical, canonical != null ? knownUntil : unknownUntil));
				byId.put(ids.get(i), Optional.ofNullable(canonical));
			}
			return byId;
		}).doFinally((signal) -> ids.forEach(this.asking::remove));
	}

	/**
	 * Whether {@link #resolve} can answer for {@code id} without asking content-service.
	 */
	public boolean remembers(String id) {
		Known entry = this.known.get(id);
		return entry != null && entry.until().isAfter(Instant.now(this.clock));
	}

	/**
	 * Forgets every remembered id (tests, and operators after a bulk change of content).
	 */
	public void forget() {
		this.known.clear();
	}

}
