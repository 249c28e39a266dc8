package dev.skillpath.identity.token;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The RSA key that signs tokens, kept in the database: made by the first replica that
 * starts (under a table lock, so two starting at once agree on one), read by every later
 * start. A key made per start, as Spring Boot's default is, would make every token issued
 * before a restart unverifiable, and two replicas would sign with keys the other does not
 * publish.
 */
public final class SigningKeys implements JWKSource<SecurityContext> {

	private final JWKSet keys;

	private SigningKeys(RSAKey key) {
		this.keys = new JWKSet(key);
	}

	public static SigningKeys load(JdbcClient jdbc, TransactionTemplate transactions) {
		return new SigningKeys(transactions.execute((status) -> {
			jdbc.sql("LOCK TABLE signing_key IN EXCLUSIVE MODE").update();
			List<RSAKey> stored = jdbc
				.sql("SELECT id, private_key, public_key FROM signing_key ORDER BY created_at DESC, id LIMIT 1")
				.query((row, number) -> rsaKey(row.getString("id"), row.getBytes("public_key"),
						row.getBytes("private_key")))
				.list();
			if (!stored.isEmpty()) {
				return stored.get(0);
			}
			KeyPair pair = generate();
			String id = UUID.randomUUID().toString();
			jdbc.sql("INSERT INTO signing_key (id, private_key, public_key) VALUES (:id, :private, :public)")
				.param("id", id)
				.param("private", pair.getPrivate().getEncoded())
				.param("public", pair.getPublic().getEncoded())
				.update();
			return rsaKey(id, pair.getPublic().getEncoded(), pair.getPrivate().getEncoded());
		}));
	}

	/** The id of the key tokens are signed with (the {@code kid} of their header). */
	public String keyId() {
		return this.keys.getKeys().get(0).getKeyID();
	}

	@Override
	public List<JWK> get(JWKSelector selector, SecurityContext context) {
		return selector.select(this.keys);
	}

	private static KeyPair generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static RSAKey rsaKey(String id, byte[] publicKey, byte[] privateKey) {
		try {
			KeyFactory factory = KeyFactory.getInstance("RSA");
			RSAPublicKey publicPart = (RSAPublicKey) factory.generatePublic(new X509EncodedKeySpec(publicKey));
			RSAPrivateKey privatePart = (RSAPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(privateKey));
			return new RSAKey.Builder(publicPart).privateKey(privatePart).keyID(id).build();
		}
		catch (NoSuchAlgorithmException | InvalidKeySpecException ex) {
			throw new IllegalStateException("The signing key " + id + " in the database cannot be read", ex);
		}
	}

}
