package dev.skillpath.gateway.edge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.skillpath.router.execution.GraphQlError;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Automatic persisted queries (Apollo's APQ protocol): a client sends the SHA-256 of its
 * query; an unknown hash is answered {@code PERSISTED_QUERY_NOT_FOUND}, the client
 * retries with the query, and the gateway keeps it after checking the hash. With an
 * allow-list file only the operations in it run, whether sent by hash or in full.
 */
public final class PersistedQueryStore {

	/** What a request resolves to: the query to run, or the error to answer. */
	public record Resolution(String query, GraphQlError error) {

		static Resolution run(String query) {
			return new Resolution(query, null);
		}

		static Resolution refuse(String code, String message) {
			return new Resolution(null, GraphQlError.of(message, code));
		}

	}

	private final Cache<String, String> automatic;

	private final Map<String, String> allowList;

	public PersistedQueryStore(int cacheSize, Map<String, String> allowList) {
		this.automatic = Caffeine.newBuilder().maximumSize(cacheSize).build();
		this.allowList = allowList;
	}

	public static PersistedQueryStore from(GatewayProperties.PersistedQueries settings, JsonMapper json) {
		Map<String, String> allowList = null;
		if (settings.allowListFile() != null && !settings.allowListFile().isBlank()) {
			try {
				allowList = json.readValue(Files.readString(Path.of(settings.allowListFile())),
						new TypeReference<Map<String, String>>() {
						});
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read the persisted query allow-list " + settings.allowListFile(),
						ex);
			}
		}
		return new PersistedQueryStore(settings.cacheSize() == null ? 10_000 : settings.cacheSize(), allowList);
	}

	public boolean allowListOnly() {
		return this.allowList != null;
	}

	/**
	 * @param hash the {@code sha256Hash} of the request's persistedQuery extension, or
	 * null
	 */
	public Resolution resolve(String query, String hash) {
		if (hash == null) {
			if (this.allowList != null && (query == null || !this.allowList.containsKey(sha256(query)))) {
				return Resolution.refuse("PERSISTED_QUERY_NOT_ALLOWED",
						"Only registered operations run on this gateway");
			}
			return Resolution.run(query);
		}
		if (query == null) {
			String known = this.allowList != null ? this.allowList.get(hash) : this.automatic.getIfPresent(hash);
			return known != null ? Resolution.run(known)
					: Resolution.refuse(
							this.allowList != null ? "PERSISTED_QUERY_NOT_ALLOWED" : "PERSISTED_QUERY_NOT_FOUND",
							this.allowList != null ? "Only registered operations run on this gateway"
									: "PersistedQueryNotFound");
		}
		if (!sha256(query).equalsIgnoreCase(hash)) {
			return Resolution.refuse("BAD_USER_INPUT", "provided sha does not match query");
		}
		if (this.allowList != null) {
			return this.allowList.containsKey(hash.toLowerCase()) ? Resolution.run(query) : Resolution
				.refuse("PERSISTED_QUERY_NOT_ALLOWED", "Only registered operations run on this gateway");
		}
		this.automatic.put(hash.toLowerCase(), query);
		return Resolution.run(query);
	}

	public static String sha256(String query) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(query.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
