package dev.skillpath.gateway.edge.clientaddress;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.UUID;

import dev.skillpath.gateway.GatewayApplication;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Anonymous rate limits behind a proxy, over real connections: the gateway trusts only
 * 127.0.0.2, so a client connecting from 127.0.0.2 is the Ingress and its
 * {@code X-Forwarded-For} names the learner, while one connecting from 127.0.0.1 is a
 * learner whose forwarding header is a claim and is ignored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + GatewayApplication.NAME,
				"skillpath.gateway.supergraph-file=../router/src/test/resources/fixtures/supergraph.graphql",
				"skillpath.gateway.rate-limit.store=memory", "skillpath.gateway.rate-limit.anonymous-per-window=2",
				// windows are fixed and aligned to the epoch: one this long never ends
				// mid-test
				"skillpath.gateway.rate-limit.window=1d",
				"skillpath.gateway.client-address.trusted-proxies=127.0.0.2/32, 192.0.2.0/24" })
@ActiveProfiles("test")
class ClientAddressRateLimitTest {

	@LocalServerPort
	int port;

	/** A client whose connections come from {@code source}, a loopback address. */
	WebTestClient from(String source) {
		HttpClient http = HttpClient.create().bindAddress(() -> new InetSocketAddress(source, 0));
		return WebTestClient.bindToServer(new ReactorClientHttpConnector(http))
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(20))
			.build();
	}

	int ask(WebTestClient client, String forwardedFor) {
		return client.post().uri("/graphql").headers((headers) -> {
			if (forwardedFor != null) {
				headers.set("X-Forwarded-For", forwardedFor);
			}
		})
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"query\":\"{ __typename }\"}")
			.exchange()
			.expectBody(String.class)
			.returnResult()
			.getStatus()
			.value();
	}

	/** A documentation address (RFC 5737) no other test of this context uses. */
	static String someLearner() {
		return "198.51.100." + (1 + Math.floorMod(UUID.randomUUID().hashCode(), 254));
	}

	@Test
	void behindTheTrustedProxyEachForwardedClientHasItsOwnBudget() {
		WebTestClient ingress = from("127.0.0.2");
		String ada = "203.0.113.10";
		String bob = "203.0.113.11";
		assertThat(ask(ingress, ada)).isEqualTo(200);
		assertThat(ask(ingress, ada)).isEqualTo(200);
		assertThat(ask(ingress, ada)).as("ada's third request in the window").isEqualTo(429);
		// another learner behind the same Ingress is not affected
		assertThat(ask(ingress, bob)).isEqualTo(200);
		// ada cannot escape her bucket by prepending an address: the Ingress appends what
		// it
		// saw, and only the rightmost untrusted hop counts
		assertThat(ask(ingress, "203.0.113.99, " + ada)).isEqualTo(429);
		// a chain of trusted proxies is walked past to the client
		assertThat(ask(ingress, bob + ", 192.0.2.7")).isEqualTo(200);
		assertThat(ask(ingress, bob + ", 192.0.2.7")).as("bob's third request, through two proxies").isEqualTo(429);
	}

	@Test
	void aClientThatIsNotATrustedProxyIsLimitedByItsOwnAddressWhateverItForwards() {
		// 127.0.0.3 is a learner connecting directly: its X-Forwarded-For is not believed
		WebTestClient learner = from("127.0.0.3");
		assertThat(ask(learner, someLearner())).isEqualTo(200);
		assertThat(ask(learner, someLearner())).isEqualTo(200);
		assertThat(ask(learner, someLearner())).as("a third request, each claiming another address").isEqualTo(429);
		assertThat(ask(learner, null)).isEqualTo(429);
	}

}
