package dev.skillpath.systemtests;

import dev.skillpath.gateway.GatewayApplication;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway as the suite runs it for browsers: signing people in through the real
 * identity provider ({@link IdentityProvider}, its own process), in front of the three
 * services, which accept the provider's tokens. On the port registered at the provider.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = { "spring.config.name=" + GatewayApplication.NAME, "skillpath.gateway.poll-interval=1s",
				"skillpath.gateway.sign-in.client-id=" + IdentityProvider.CLIENT_ID,
				"skillpath.gateway.sign-in.client-secret=" + IdentityProvider.CLIENT_SECRET,
				SuiteServices.GATEWAY_EXCLUSIONS })
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SignInGatewayTest extends SuiteGatewayTest {

	@DynamicPropertySource
	static void signIn(DynamicPropertyRegistry registry) {
		SuiteServices.register(registry);
		registry.add("server.port", () -> IdentityProvider.GATEWAY_PORT);
		registry.add("skillpath.gateway.sign-in.issuer-uri", IdentityProvider::issuer);
		registry.add("skillpath.security.jwt.issuer-uri", IdentityProvider::issuer);
	}

	@BeforeAll
	void provider() {
		IdentityProvider.ensureStarted();
		awaitSupergraph();
	}

}
