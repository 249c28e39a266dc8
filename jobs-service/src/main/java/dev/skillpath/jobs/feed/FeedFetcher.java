package dev.skillpath.jobs.feed;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import dev.skillpath.jobs.JobsProperties;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * Fetches a feed with a conditional GET (If-None-Match, If-Modified-Since), a timeout per
 * attempt, and retries with exponential backoff for network errors and 5xx answers (a 4xx is the
 * feed's configuration and is not retried).
 */
@Component
public class FeedFetcher {

	/** What the server answered: a body with its validators, or "not modified". */
	public record Fetched(boolean notModified, byte[] body, String etag, String lastModified) {
	}

	/** A failure worth another attempt. */
	static final class RetryableFetchException extends RuntimeException {

		RetryableFetchException(String message) {
			super(message);
		}

	}

	private final WebClient client;

	private final JobsProperties.Feeds settings;

	public FeedFetcher(WebClient.Builder builder, JobsProperties properties) {
		this.client = builder.build();
		this.settings = properties.feeds();
	}

	public Mono<Fetched> fetch(Feed feed) {
		int maxBytes = (int) Math.min(this.settings.maxBytes().toBytes(), Integer.MAX_VALUE);
		return Mono.defer(() -> this.client.get()
			.uri(feed.url())
			.headers((headers) -> {
				if (feed.etag() != null) {
					headers.set(HttpHeaders.IF_NONE_MATCH, feed.etag());
				}
				if (feed.lastModified() != null) {
					headers.set(HttpHeaders.IF_MODIFIED_SINCE, feed.lastModified());
				}
			})
			.exchangeToMono((response) -> {
				if (response.statusCode().isSameCodeAs(HttpStatus.NOT_MODIFIED)) {
					return response.releaseBody().thenReturn(new Fetched(true, null, null, null));
				}
				if (response.statusCode().is5xxServerError() || response.statusCode().value() == 429) {
					return response.releaseBody()
						.then(Mono.error(new RetryableFetchException("HTTP " + response.statusCode().value())));
				}
				if (!response.statusCode().is2xxSuccessful()) {
					return response.releaseBody()
						.then(Mono.error(new IllegalStateException("HTTP " + response.statusCode().value())));
				}
				HttpHeaders headers = response.headers().asHttpHeaders();
				return DataBufferUtils.join(response.body(BodyExtractors.toDataBuffers()), maxBytes).map((buffer) -> {
					byte[] bytes = new byte[buffer.readableByteCount()];
					buffer.read(bytes);
					DataBufferUtils.release(buffer);
					return new Fetched(false, bytes, headers.getETag(), headers.getFirst(HttpHeaders.LAST_MODIFIED));
				}).defaultIfEmpty(new Fetched(false, new byte[0], headers.getETag(),
						headers.getFirst(HttpHeaders.LAST_MODIFIED)));
			})
			.timeout(this.settings.timeout()))
			.retryWhen(Retry.backoff(this.settings.retries(), java.time.Duration.ofMillis(200))
				.filter((ex) -> ex instanceof RetryableFetchException || ex instanceof WebClientRequestException
						|| ex instanceof TimeoutException || ex instanceof IOException)
				.onRetryExhaustedThrow((spec, signal) -> signal.failure()));
	}

}
