package dev.skillpath.jobs.partner;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Partner API keys: 256 random bits behind a recognisable prefix. Only a SHA-256 of a key
 * is stored; a slow password hash is not needed because a key cannot be guessed from a
 * dictionary.
 */
public final class ApiKeys {

	private static final SecureRandom RANDOM = new SecureRandom();

	static final String PREFIX = "spk_";

	private ApiKeys() {
	}

	public static String newKey() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	public static String hash(String key) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** What an operator may see of a key to tell keys apart. */
	public static String displayPrefix(String key) {
		return key.substring(0, PREFIX.length() + 6);
	}

}
