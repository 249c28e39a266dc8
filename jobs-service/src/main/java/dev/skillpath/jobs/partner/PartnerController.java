package dev.skillpath.jobs.partner;

import java.util.Map;
import java.util.regex.Pattern;

import dev.skillpath.support.error.ApiException;
import dev.skillpath.support.security.Callers;
import dev.skillpath.support.security.Role;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.reactive.TransactionalOperator;

/** ADMIN operations on partners and their API keys. */
@Controller
public class PartnerController {

	private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

	private final PartnerRepository partners;

	private final TransactionalOperator transaction;

	public PartnerController(PartnerRepository partners, TransactionalOperator transaction) {
		this.partners = partners;
		this.transaction = transaction;
	}

	@QueryMapping
	public Flux<Partner> partners() {
		return Callers.withRole(Role.ADMIN).thenMany(this.partners.findAll());
	}

	public record RegisterPartnerInput(String id, String name) {
	}

	@MutationMapping
	public Mono<PartnerKeyPayload> registerPartner(@Argument RegisterPartnerInput input) {
		return Callers.withRole(Role.ADMIN).flatMap((admin) -> {
			if (!SLUG.matcher(input.id()).matches()) {
				return Mono.error(ApiException.badUserInput(
						"id must be 2-63 lowercase letters, digits or dashes, starting with a letter or digit",
						Map.of("field", "input.id")));
			}
			if (input.name().isBlank() || input.name().length() > 200) {
				return Mono
					.error(ApiException.badUserInput("name must have 1-200 characters", Map.of("field", "input.name")));
			}
			String key = ApiKeys.newKey();
			return this.partners.insert(input.id(), input.name().strip(), admin.subject())
				.flatMap((inserted) -> inserted
						? this.partners.addKey(input.id(), key).then(this.partners.find(input.id()))
						: Mono.error(ApiException.conflict("A partner with id '" + input.id() + "' exists",
								Map.of("field", "input.id"))))
				.as(this.transaction::transactional)
				.map((partner) -> new PartnerKeyPayload(partner, key));
		});
	}

	@MutationMapping
	public Mono<PartnerKeyPayload> rotatePartnerKey(@Argument String partnerId) {
		return Callers.withRole(Role.ADMIN).then(existing(partnerId)).flatMap((partner) -> {
			String key = ApiKeys.newKey();
			return this.partners.revokeKeys(partnerId)
				.then(this.partners.addKey(partnerId, key))
				.then(this.partners.find(partnerId))
				.as(this.transaction::transactional)
				.map((updated) -> new PartnerKeyPayload(updated, key));
		});
	}

	@MutationMapping
	public Mono<Partner> revokePartnerKeys(@Argument String partnerId) {
		return Callers.withRole(Role.ADMIN)
			.then(existing(partnerId))
			.flatMap((partner) -> this.partners.revokeKeys(partnerId).then(this.partners.find(partnerId)));
	}

	private Mono<Partner> existing(String partnerId) {
		return this.partners.find(partnerId)
			.switchIfEmpty(Mono.error(() -> ApiException.notFound("No partner with id '" + partnerId + "'")));
	}

}
