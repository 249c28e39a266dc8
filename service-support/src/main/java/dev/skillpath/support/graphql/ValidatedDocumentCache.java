package dev.skillpath.support.graphql;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

/**
 * Parses and validates each distinct document once. A subgraph sees the same few
 * documents over and over: the router sends one text per plan step and varies only the
 * variables (the entity representations), so parsing and validating every request again
 * was a large share of a subgraph's CPU per request, and kept graphql-java's biggest
 * methods hot enough for the JIT to spend minutes compiling them.
 *
 * <p>
 * Keyed by the document text alone: validation does not depend on the operation name or
 * the variables. Only documents that passed validation are kept; a broken document is
 * parsed and refused each time, so that malformed input cannot fill the cache. Bounded by
 * the total length of the texts held ({@link #MAX_TEXT_CHARS}); a document longer than
 * {@link #MAX_CACHED_CHARS} is never kept.
 */
public class ValidatedDocumentCache implements PreparsedDocumentProvider, MeterBinder {

	/**
	 * The texts of all cached documents together (a parsed document takes some 10 to 20
	 * times its text).
	 */
	static final int MAX_TEXT_CHARS = 1_000_000;

	/**
	 * Longer documents are one-offs (or abuse), and would push many ordinary ones out.
	 */
	static final int MAX_CACHED_CHARS = 50_000;

	private final Cache<String, PreparsedDocumentEntry> documents = Caffeine.newBuilder()
		.maximumWeight(MAX_TEXT_CHARS)
		.weigher((String text, PreparsedDocumentEntry entry) -> text.length())
		.recordStats()
		.build();

	@Override
	public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
			Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
		String text = input.getQuery();
		PreparsedDocumentEntry cached = this.documents.getIfPresent(text);
		if (cached != null) {
			return CompletableFuture.completedFuture(cached);
		}
		PreparsedDocumentEntry entry = parseAndValidate.apply(input);
		if (!entry.hasErrors() && text.length() <= MAX_CACHED_CHARS) {
			this.documents.put(text, entry);
		}
		return CompletableFuture.completedFuture(entry);
	}

	/** Hits, misses, size and evictions as {@code cache_*{cache="graphql.documents"}}. */
	@Override
	public void bindTo(MeterRegistry registry) {
		CaffeineCacheMetrics.monitor(registry, this.documents, "graphql.documents");
	}

	long size() {
		this.documents.cleanUp();
		return this.documents.estimatedSize();
	}

}
