package dev.skillpath.progress;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of progress-service.
 *
 * @param contentUrl content-service's GraphQL endpoint, where skill and roadmap ids are checked
 * @param contentTimeout how long to wait for content-service before answering a retryable error
 * @param knownSkillTtl how long a skill id content-service confirmed is trusted without asking again
 * @param maxSyncItems the most items one {@code syncProgress} call may carry
 */
@ConfigurationProperties("skillpath.progress")
public record ProgressProperties(URI contentUrl, Duration contentTimeout, Duration knownSkillTtl, Integer maxSyncItems) {

	public ProgressProperties {
		contentUrl = contentUrl != null ? contentUrl : URI.create("http://localhost:8081/graphql");
		contentTimeout = contentTimeout != null ? contentTimeout : Duration.ofSeconds(5);
		knownSkillTtl = knownSkillTtl != null ? knownSkillTtl : Duration.ofMinutes(10);
		maxSyncItems = maxSyncItems != null ? maxSyncItems : 200;
	}

}
