package dev.skillpath.identity;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.skillpath.support.testing.FormBrowser;
import dev.skillpath.support.testing.UsesTestDatabase;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * identity-service over real HTTP against the run's PostgreSQL: an OAuth client's
 * Authorization Code flow with PKCE, as the gateway runs it, from a browser that signs in
 * or signs up on the service's pages. On a port chosen before start, so that the issuer
 * in every token is the address the test talks to.
 */
@SpringBootTest(classes = IdentityServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = { "spring.config.name=" + IdentityServiceApplication.NAME,
				"skillpath.identity.demo-users.enabled=true", "skillpath.identity.demo-users.accounts=demo-eve:EDITOR",
				"SKILLPATH_IDENTITY_WEB_REDIRECT_URIS=" + IdentityServiceTestBase.REDIRECT,
				"SKILLPATH_IDENTITY_WEB_POST_LOGOUT_URIS=http://localhost:9/" })
@ActiveProfiles("test")
@UsesTestDatabase
abstract class IdentityServiceTestBase {

	static final String REDIRECT = "http://localhost:9/login/oauth2/code/skillpath";

	static final String CLIENT_ID = "skillpath-web";

	static final String CLIENT_SECRET = "skillpath-test-web-client-secret";

	static final int PORT = freePort();

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void port(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("SKILLPATH_IDENTITY_ISSUER", IdentityServiceTestBase::issuer);
	}

	static String issuer() {
		return "http://localhost:" + PORT;
	}

	static URI at(String path) {
		return URI.create(issuer() + path);
	}

	/** What the client keeps between sending the browser off and getting it back. */
	record AuthorizationRequest(URI uri, String state, String verifier) {
	}

	static AuthorizationRequest authorizationRequest() {
		String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
		String state = UUID.randomUUID().toString();
		String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier));
		return new AuthorizationRequest(at("/oauth2/authorize?response_type=code&client_id=" + CLIENT_ID
				+ "&scope=openid%20profile&redirect_uri=" + REDIRECT + "&state=" + state + "&code_challenge="
				+ challenge + "&code_challenge_method=S256"), state, verifier);
	}

	/** The browser's way from the client's authorization request to its code. */
	static String signIn(FormBrowser browser, AuthorizationRequest request, String username, String password) {
		FormBrowser.Page toLogin = browser.get(request.uri());
		FormBrowser.Page login = browser.follow(toLogin);
		FormBrowser.Page signedIn = browser.post(at("/login"),
				form("username", username, "password", password, "_csrf", login.csrf()));
		return code(browser, signedIn, request);
	}

	/** Follows the browser back to the client's redirect URI and takes the code. */
	static String code(FormBrowser browser, FormBrowser.Page page, AuthorizationRequest request) {
		FormBrowser.Page current = page;
		for (int hop = 0; hop < 5 && current.location().isPresent()
				&& !current.location().get().toString().startsWith(REDIRECT); hop++) {
			current = browser.get(current.location().get());
		}
		org.assertj.core.api.Assertions.assertThat(current.location())
			.as("the browser is sent back to the client: %s %s", current.status(), current.body())
			.hasValueSatisfying(
					(location) -> org.assertj.core.api.Assertions.assertThat(location.toString()).startsWith(REDIRECT));
		org.assertj.core.api.Assertions.assertThat(current.locationParameter("state")).isEqualTo(request.state());
		return current.locationParameter("code");
	}

	/** The client's call to the token endpoint; the parsed JSON answer and its status. */
	static Map<String, Object> token(Map<String, String> grant, int expectedStatus) {
		String body = String.join("&",
				grant.entrySet()
					.stream()
					.map((e) -> e.getKey() + "=" + java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
					.toList());
		String basic = Base64.getEncoder()
			.encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = new FormBrowser().send(HttpRequest.newBuilder(at("/oauth2/token"))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
		org.assertj.core.api.Assertions.assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
		@SuppressWarnings("unchecked")
		Map<String, Object> answer = JsonMapper.builder().build().readValue(response.body(), Map.class);
		return answer;
	}

	static Map<String, Object> exchange(String code, AuthorizationRequest request) {
		return token(form("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT, "code_verifier",
				request.verifier()), 200);
	}

	/** A token checked as the suite's services check it: the JWK set and the issuer. */
	static Jwt verified(Object token) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(issuer() + "/oauth2/jwks").build();
		decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuer()));
		return decoder.decode((String) token);
	}

	static Map<String, String> form(String... keysAndValues) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			fields.put(keysAndValues[i], keysAndValues[i + 1]);
		}
		return fields;
	}

	long accounts() {
		return this.jdbc.sql("SELECT count(*) FROM account").query(Long.class).single();
	}

	List<String> storedHashes(String username) {
		return this.jdbc.sql("SELECT password_hash FROM account WHERE lower(username) = lower(:u)")
			.param("u", username)
			.query(String.class)
			.list();
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
