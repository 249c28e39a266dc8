package dev.skillpath.systemtests.signin;

import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.skillpath.support.testing.FormBrowser;
import dev.skillpath.systemtests.IdentityProvider;
import dev.skillpath.systemtests.SignInGatewayTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in through the gateway over real HTTP, with a browser that keeps cookies: the
 * gateway sends the browser to the identity provider (Authorization Code with PKCE), the
 * person signs up there, and from then on their session cookie, with its CSRF token on
 * writes, is their token at every service; signing out ends both sessions.
 */
class SignInThroughGatewayTest extends SignInGatewayTest {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final String PASSWORD = "a long enough password";

	URI gateway(String path) {
		return URI.create(IdentityProvider.gatewayUrl() + path);
	}

	static URI provider(String path) {
		return URI.create(IdentityProvider.issuer() + path);
	}

	/** A new person's browser, signed up at the provider through the app's sign-in. */
	FormBrowser signedUp(String username) {
		FormBrowser browser = new FormBrowser();
		FormBrowser.Page toProvider = browser.get(gateway("/oauth2/authorization/skillpath"));
		assertThat(toProvider.location()).hasValueSatisfying((location) -> assertThat(location.toString())
			.startsWith(IdentityProvider.issuer() + "/oauth2/authorize?")
			.contains("code_challenge_method=S256"));
		FormBrowser.Page login = browser.follow(toProvider);
		assertThat(login.uri().getPath()).isEqualTo("/login");
		FormBrowser.Page signUp = browser.get(provider("/signup"));
		FormBrowser.Page landed = browser.follow(browser.post(provider("/signup"), Map.of("username", username,
				"displayName", "", "password", PASSWORD, "confirmPassword", PASSWORD, "_csrf", signUp.csrf())));
		assertThat(landed.uri()).as("back in the app").isEqualTo(gateway("/"));
		assertThat(landed.status()).isEqualTo(200);
		// as the app does first: who is signed in, which also sets the CSRF cookie
		assertThat(session(browser)).containsEntry("signedIn", true);
		return browser;
	}

	static String someone() {
		return "learner-" + UUID.randomUUID().toString().substring(0, 8);
	}

	Map<String, Object> session(FormBrowser browser) {
		return json(browser.send(HttpRequest.newBuilder(gateway("/webapp/session")).GET().build()).body());
	}

	/** A GraphQL request with the browser's cookies, and the CSRF header when asked. */
	HttpResponse<String> graphql(FormBrowser browser, String query, boolean withCsrf) {
		HttpRequest.Builder request = HttpRequest.newBuilder(gateway("/graphql"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query))));
		if (withCsrf) {
			request.header("X-XSRF-TOKEN", browser.cookie(gateway("/"), "XSRF-TOKEN").orElseThrow());
		}
		return browser.send(request.build());
	}

	HttpResponse<String> withBearer(String token, String query) {
		return new FormBrowser().send(HttpRequest.newBuilder(gateway("/graphql"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query))))
			.build());
	}

	static String markDone(String skillId) {
		return "mutation { setSkillStatus(input: { skillId: \"" + skillId
				+ "\", status: DONE }) { progress { status } } }";
	}

	static final String COMPLETED = "{ me { completedSkillIds } }";

	@SuppressWarnings("unchecked")
	static Map<String, Object> json(String body) {
		return JSON.readValue(body, Map.class);
	}

	@Test
	void aLearnerWhoSignsUpThroughTheAppWritesWithTheirSessionAndItsCsrfToken() {
		String username = someone();
		FormBrowser browser = signedUp(username);
		Map<String, Object> session = session(browser);
		assertThat(session).containsEntry("signedIn", true).containsEntry("name", username);
		assertThat(session.get("roles")).isEqualTo(List.of("LEARNER"));
		assertThat(UUID.fromString((String) session.get("subject"))).as("the account id").isNotNull();

		Map<String, HttpCookie> cookies = browser.cookies(gateway("/"));
		assertThat(cookies.get("SKILLPATH_SESSION")).satisfies((cookie) -> assertThat(cookie.isHttpOnly()).isTrue());
		assertThat(cookies.get("XSRF-TOKEN")).isNotNull();
		assertThat(cookies.values()).as("no token leaves the gateway")
			.allSatisfy((cookie) -> assertThat(cookie.getValue()).doesNotStartWith("eyJ"));

		HttpResponse<String> saved = graphql(browser, markDone("internet"), true);
		assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
		assertThat(saved.body()).contains("\"status\":\"DONE\"").doesNotContain("errors");
		assertThat(graphql(browser, COMPLETED, true).body()).contains("internet");
		// one rule for every POST with the cookie, reads too: nothing to parse before the
		// check
		assertThat(graphql(browser, COMPLETED, false).statusCode()).isEqualTo(403);
	}

	@Test
	void aCookieWriteWithoutItsCsrfTokenIsRefusedAndNothingIsStored() {
		FormBrowser browser = signedUp(someone());
		HttpResponse<String> forged = graphql(browser, markDone("go"), false);
		assertThat(forged.statusCode()).isEqualTo(403);
		HttpResponse<String> wrong = browser.send(HttpRequest.newBuilder(gateway("/graphql"))
			.header("Content-Type", "application/json")
			.header("X-XSRF-TOKEN", UUID.randomUUID().toString())
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", markDone("go")))))
			.build());
		assertThat(wrong.statusCode()).isEqualTo(403);
		assertThat(graphql(browser, COMPLETED, true).body()).contains("\"completedSkillIds\":[]");
	}

	@Test
	void eachSessionIsItsOwnLearner() {
		FormBrowser ada = signedUp(someone());
		FormBrowser bob = signedUp(someone());
		assertThat(graphql(ada, markDone("git"), true).body()).contains("DONE");
		assertThat(graphql(ada, COMPLETED, true).body()).contains("git");
		assertThat(graphql(bob, COMPLETED, true).body()).contains("\"completedSkillIds\":[]");
		assertThat(session(ada).get("subject")).isNotEqualTo(session(bob).get("subject"));
	}

	@Test
	void signingOutEndsTheSessionAtTheGatewayAndAtTheProvider() {
		FormBrowser browser = signedUp(someone());
		String csrf = browser.cookie(gateway("/"), "XSRF-TOKEN").orElseThrow();
		FormBrowser.Page out = browser.post(gateway("/logout"), Map.of("_csrf", csrf));
		assertThat(out.location()).hasValueSatisfying(
				(location) -> assertThat(location.toString()).startsWith(IdentityProvider.issuer() + "/connect/logout?")
					.contains("id_token_hint="));
		FormBrowser.Page back = browser.follow(out);
		assertThat(back.uri()).isEqualTo(gateway("/"));
		assertThat(session(browser)).containsEntry("signedIn", false);
		assertThat(graphql(browser, COMPLETED, true).body()).contains("UNAUTHENTICATED");
		// signing in again asks for the password: the provider's session ended too
		FormBrowser.Page again = browser.follow(browser.get(gateway("/oauth2/authorization/skillpath")));
		assertThat(again.uri().getPath()).isEqualTo("/login");
	}

	@Test
	void requestsOfOneSessionThatRenewItsTokenAtOnceShareOneRefresh() {
		// the provider's access tokens live 30 s here, under the gateway's 60 s of clock
		// skew:
		// every request renews, and single-use refresh tokens would end a session that
		// renewed twice with one
		FormBrowser browser = signedUp(someone());
		String csrf = browser.cookie(gateway("/"), "XSRF-TOKEN").orElseThrow();
		List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> answers = new java.util.ArrayList<>();
		for (int i = 0; i < 6; i++) {
			answers.add(browser.sendAsync(HttpRequest.newBuilder(gateway("/graphql"))
				.header("Content-Type", "application/json")
				.header("X-XSRF-TOKEN", csrf)
				.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", COMPLETED))))
				.build()));
		}
		for (var answer : answers) {
			assertThat(answer.join().body()).contains("\"completedSkillIds\":[]").doesNotContain("errors");
		}
		assertThat(session(browser)).containsEntry("signedIn", true);
		assertThat(graphql(browser, markDone("dns"), true).body()).contains("DONE");
	}

	@Test
	void aSessionWhoseGrantIsRevokedEndsAndGoesOnAnonymous() {
		String username = someone();
		FormBrowser browser = signedUp(username);
		assertThat(graphql(browser, COMPLETED, true).body()).doesNotContain("errors");
		assertThat(IdentityProvider.revokeGrantsOf(username)).isPositive();
		assertThat(graphql(browser, COMPLETED, true).body()).contains("UNAUTHENTICATED");
		assertThat(session(browser)).containsEntry("signedIn", false);
	}

	@Test
	void forgedAndExpiredTokensAreUnauthenticated() throws Exception {
		signedUp(someone());
		var key = IdentityProvider.signingKey();
		String subject = UUID.randomUUID().toString();
		RSAPrivateKey real = (RSAPrivateKey) KeyFactory.getInstance("RSA")
			.generatePrivate(new PKCS8EncodedKeySpec(key.privateKey()));
		// the test's own signer is right: a fresh token with the provider's key passes
		assertThat(withBearer(sign(real, key.id(), subject, Instant.now().plusSeconds(300)), COMPLETED).body())
			.contains("\"completedSkillIds\":[]");
		HttpResponse<String> expired = withBearer(sign(real, key.id(), subject, Instant.now().minusSeconds(300)),
				COMPLETED);
		assertThat(expired.statusCode()).isEqualTo(401);
		assertThat(expired.body()).contains("UNAUTHENTICATED");
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		RSAPrivateKey other = (RSAPrivateKey) generator.generateKeyPair().getPrivate();
		HttpResponse<String> forged = withBearer(sign(other, key.id(), subject, Instant.now().plusSeconds(300)),
				COMPLETED);
		assertThat(forged.statusCode()).isEqualTo(401);
		assertThat(forged.body()).contains("UNAUTHENTICATED");
	}

	private static String sign(RSAPrivateKey key, String keyId, String subject, Instant expiresAt) throws Exception {
		JWTClaimsSet set = new JWTClaimsSet.Builder().issuer(IdentityProvider.issuer())
			.subject(subject)
			.audience(IdentityProvider.CLIENT_ID)
			.issueTime(Date.from(expiresAt.minusSeconds(600)))
			.notBeforeTime(Date.from(expiresAt.minusSeconds(600)))
			.expirationTime(Date.from(expiresAt))
			.claim("roles", List.of("LEARNER"))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(), set);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

}
