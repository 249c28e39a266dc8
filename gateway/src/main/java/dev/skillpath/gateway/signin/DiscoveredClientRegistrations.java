package dev.skillpath.gateway.signin;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * The provider's endpoints, read from its OpenID discovery document on the first sign-in
 * rather than at start: the gateway starts, and serves anonymous learners, while the
 * provider is still starting or away. Spring Boot's registration from an issuer URI reads
 * it at start and fails the start without it. A failed read is tried again on the next
 * sign-in.
 */
final class DiscoveredClientRegistrations implements ReactiveClientRegistrationRepository {

	private static final Log logger = LogFactory.getLog(DiscoveredClientRegistrations.class);

	private final SignInProperties properties;

	private final AtomicReference<ClientRegistration> discovered = new AtomicReference<>();

	DiscoveredClientRegistrations(SignInProperties properties) {
		this.properties = properties;
	}

	@Override
	public Mono<ClientRegistration> findByRegistrationId(String registrationId) {
		if (!SignInProperties.REGISTRATION.equals(registrationId)) {
			return Mono.empty();
		}
		ClientRegistration known = this.discovered.get();
		if (known != null) {
			return Mono.just(known);
		}
		// the discovery client blocks (RestClient): off the event loop, and bounded
		return Mono.fromCallable(this::discover)
			.subscribeOn(Schedulers.boundedElastic())
			.timeout(Duration.ofSeconds(10))
			.doOnNext(this.discovered::set)
			.doOnError((ex) -> logger.warn("Sign-in is unavailable: the OpenID provider at "
					+ this.properties.issuerUri() + " did not describe itself: " + ex));
	}

	private ClientRegistration discover() {
		return ClientRegistrations.fromIssuerLocation(this.properties.issuerUri())
			.registrationId(SignInProperties.REGISTRATION)
			.clientId(this.properties.clientId())
			.clientSecret(this.properties.clientSecret())
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri(this.properties.redirectUri())
			.scope(this.properties.scopes())
			.userNameAttributeName("sub")
			.build();
	}

}
