package dev.skillpath.progress;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of progress-service.
 *
 * @param contentUrl content-service's GraphQL endpoint, where skill and roadmap ids are
 * checked
 * @param contentTimeout how long to wait for content-service before answering a retryable
 * error
 * @param knownSkillTtl how long a skill id content-service confirmed is trusted without
 * asking again
 * @param unknownSkillTtl how long an id content-service does not know is answered
 * "unknown" without asking again: short, since an editor may create the skill any minute
 * @param maxSyncItems the most items one {@code syncProgress} call may carry
 * @param writes how many writes may run and wait at once (see {@code WriteAdmission})
 */
@ConfigurationProperties("skillpath.progress")
public record ProgressProperties(URI contentUrl, Duration contentTimeout, Duration knownSkillTtl,
		Duration unknownSkillTtl, Integer maxSyncItems, Writes writes) {

	public ProgressProperties {
		contentUrl = contentUrl != null ? contentUrl : URI.create("http://localhost:8081/graphql");
		contentTimeout = contentTimeout != null ? contentTimeout : Duration.ofSeconds(5);
		knownSkillTtl = knownSkillTtl != null ? knownSkillTtl : Duration.ofMinutes(10);
		unknownSkillTtl = unknownSkillTtl != null ? unknownSkillTtl : Duration.ofSeconds(5);
		maxSyncItems = maxSyncItems != null ? maxSyncItems : 200;
		writes = writes != null ? writes : new Writes(null, null, null);
	}

	/**
	 * @param maxInFlight writes running at once, each holding a database connection:
	 * fewer than the pool's connections, so that reads always find one
	 * @param maxWaiting writes waiting for a place; more are answered SERVICE_UNAVAILABLE
	 * at once
	 * @param maxWait the longest a write waits for a place (also the most it is expected
	 * to wait, judged by recent write times, before it is answered SERVICE_UNAVAILABLE at
	 * once)
	 */
	public record Writes(Integer maxInFlight, Integer maxWaiting, Duration maxWait) {

		public Writes {
			maxInFlight = maxInFlight != null ? maxInFlight : 10;
			maxWaiting = maxWaiting != null ? maxWaiting : 200;
			maxWait = maxWait != null ? maxWait : Duration.ofSeconds(2);
			if (maxInFlight < 1 || maxWaiting < 0 || maxWait.isNegative() || maxWait.isZero()) {
				throw new IllegalArgumentException("skillpath.progress.writes: max-in-flight must be at least 1,"
						+ " max-waiting at least 0 and max-wait positive");
			}
		}

	}

}
