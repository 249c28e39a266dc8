package dev.skillpath.identity;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.skillpath.identity.token.SigningKeys;
import dev.skillpath.support.testing.FormBrowser;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client gets after a person signs in: tokens the services can check, with the
 * account's id as subject and its roles; refresh that rotates; and what it does not get.
 */
class TokensTest extends IdentityServiceTestBase {

	@Autowired
	JWKSource<SecurityContext> signingKeys;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void aSignedInEditorGetsTokensWithTheAccountIdAndRolesThatTheJwkSetVerifies() {
		AuthorizationRequest request = authorizationRequest();
		String code = signIn(new FormBrowser(), request, "demo-eve", "skillpath-demo");
		Map<String, Object> tokens = exchange(code, request);
		assertThat(tokens).containsKeys("access_token", "refresh_token", "id_token");
		assertThat(tokens.get("token_type")).isEqualTo("Bearer");

		Jwt access = verified(tokens.get("access_token"));
		String accountId = this.jdbc.sql("SELECT id::text FROM account WHERE username = 'demo-eve'")
			.query(String.class)
			.single();
		assertThat(access.getSubject()).isEqualTo(accountId);
		assertThat(UUID.fromString(access.getSubject())).isNotNull();
		assertThat(access.getClaimAsStringList("roles")).containsExactly("EDITOR");
		assertThat(access.getClaimAsString("preferred_username")).isEqualTo("demo-eve");
		assertThat(access.getIssuer().toString()).isEqualTo(issuer());
		assertThat(access.getExpiresAt()).isBefore(access.getIssuedAt().plusSeconds(11 * 60));

		Jwt id = verified(tokens.get("id_token"));
		assertThat(id.getSubject()).isEqualTo(accountId);
		assertThat(id.getAudience()).containsExactly(CLIENT_ID);
		assertThat(id.getClaimAsStringList("roles")).containsExactly("EDITOR");
	}

	@Test
	void aRefreshTokenGivesNewTokensOnceAndIsThenSpent() {
		AuthorizationRequest request = authorizationRequest();
		Map<String, Object> first = exchange(signIn(new FormBrowser(), request, "demo-eve", "skillpath-demo"), request);
		String refresh = (String) first.get("refresh_token");
		Map<String, Object> second = token(form("grant_type", "refresh_token", "refresh_token", refresh), 200);
		assertThat(second.get("access_token")).isNotEqualTo(first.get("access_token"));
		assertThat(verified(second.get("access_token")).getClaimAsStringList("roles")).containsExactly("EDITOR");
		assertThat(second.get("refresh_token")).as("rotated").isNotEqualTo(refresh);
		Map<String, Object> reused = token(form("grant_type", "refresh_token", "refresh_token", refresh), 400);
		assertThat(reused.get("error")).isEqualTo("invalid_grant");
	}

	@Test
	void signOutTakesAnEarlierIdTokenOfTheSessionAsItsHintNotAnotherOne() {
		FormBrowser browser = new FormBrowser();
		AuthorizationRequest request = authorizationRequest();
		Map<String, Object> first = exchange(signIn(browser, request, "demo-eve", "skillpath-demo"), request);
		// a refresh replaces the session's ID token; a client may still hold the first
		Map<String, Object> refreshed = token(
				form("grant_type", "refresh_token", "refresh_token", (String) first.get("refresh_token")), 200);
		assertThat(refreshed.get("id_token")).isNotEqualTo(first.get("id_token"));
		String back = "http://localhost:9/";
		FormBrowser.Page forged = browser.get(at("/connect/logout?id_token_hint="
				+ tamper((String) first.get("id_token")) + "&post_logout_redirect_uri=" + back));
		assertThat(forged.status()).as("a hint that is not signed here").isEqualTo(400);
		FormBrowser.Page out = browser
			.get(at("/connect/logout?id_token_hint=" + first.get("id_token") + "&post_logout_redirect_uri=" + back));
		assertThat(out.location()).as("%s %s", out.status(), out.body()).hasValue(URI.create(back));
		// the provider's session has ended: the next authorization asks for the password
		assertThat(browser.follow(browser.get(authorizationRequest().uri())).uri().getPath()).isEqualTo("/login");
	}

	/** The token with one character of its signature changed. */
	private static String tamper(String jwt) {
		char last = jwt.charAt(jwt.length() - 2);
		return jwt.substring(0, jwt.length() - 2) + (last == 'A' ? 'B' : 'A') + jwt.charAt(jwt.length() - 1);
	}

	@Test
	void aCodeIsGoodOnceAndOnlyWithItsVerifier() {
		AuthorizationRequest request = authorizationRequest();
		String code = signIn(new FormBrowser(), request, "demo-eve", "skillpath-demo");
		Map<String, Object> wrongVerifier = token(form("grant_type", "authorization_code", "code", code, "redirect_uri",
				REDIRECT, "code_verifier", "not-the-verifier-" + UUID.randomUUID()), 400);
		assertThat(wrongVerifier.get("error")).isEqualTo("invalid_grant");
		assertThat(exchange(code, request)).containsKey("access_token");
		Map<String, Object> again = token(form("grant_type", "authorization_code", "code", code, "redirect_uri",
				REDIRECT, "code_verifier", request.verifier()), 400);
		assertThat(again.get("error")).as("a code is spent once exchanged").isEqualTo("invalid_grant");
	}

	@Test
	void aWrongPasswordIsRefusedOnThePageAndIssuesNoCode() {
		FormBrowser browser = new FormBrowser();
		AuthorizationRequest request = authorizationRequest();
		FormBrowser.Page login = browser.follow(browser.get(request.uri()));
		FormBrowser.Page refused = browser.post(at("/login"),
				form("username", "demo-eve", "password", "not-her-password", "_csrf", login.csrf()));
		FormBrowser.Page page = browser.follow(refused);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("That username and password do not match an account.");
		assertThat(page.uri().getPath()).isEqualTo("/login");
	}

	@Test
	void aRedirectUriThatIsNotRegisteredIsAnErrorNotARedirect() {
		String request = authorizationRequest().uri().toString().replace(REDIRECT, "https://evil.example/callback");
		FormBrowser.Page answer = new FormBrowser().get(request);
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.location()).as("never sent to the unregistered address").isEmpty();
	}

	@Test
	void theSigningKeyIsKeptSoThatARestartSignsWithTheKeyTheServicesKnow() {
		String inUse = ((SigningKeys) this.signingKeys).keyId();
		SigningKeys reloaded = SigningKeys.load(this.jdbc, this.transactions);
		assertThat(reloaded.keyId()).isEqualTo(inUse);
		assertThat(this.jdbc.sql("SELECT count(*) FROM signing_key").query(Long.class).single()).isEqualTo(1L);
		AuthorizationRequest request = authorizationRequest();
		Jwt access = verified(exchange(signIn(new FormBrowser(), request, "demo-eve", "skillpath-demo"), request)
			.get("access_token"));
		assertThat(access.getHeaders()).containsEntry("kid", inUse);
		assertThat(List.of(access.getHeaders().get("alg").toString())).containsExactly("RS256");
	}

}
