package dev.skillpath.gateway.signin;

import reactor.core.publisher.Mono;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;

/**
 * The signed-in browser's security context from its web session, and no session at all
 * for anyone else: the mobile app, partners and anonymous visitors send no session
 * cookie, and looking a session up for them made one per request (an id generated on a
 * worker thread, two thread hops, for a bearer request that needs none).
 */
final class SessionCookieSecurityContextRepository implements ServerSecurityContextRepository {

	private final WebSessionServerSecurityContextRepository sessions = new WebSessionServerSecurityContextRepository();

	private final String cookieName;

	SessionCookieSecurityContextRepository(String cookieName) {
		this.cookieName = cookieName;
	}

	@Override
	public Mono<Void> save(ServerWebExchange exchange, SecurityContext context) {
		return this.sessions.save(exchange, context);
	}

	@Override
	public Mono<SecurityContext> load(ServerWebExchange exchange) {
		return hasSession(exchange) ? this.sessions.load(exchange) : Mono.empty();
	}

	/**
	 * The same person's context with a renewed token, in place: unlike {@link #save},
	 * which gives a new sign-in a new session id (against fixation), the id stays, so
	 * that the session's other requests in flight, sent with the current cookie, still
	 * find it.
	 */
	Mono<Void> replace(ServerWebExchange exchange, SecurityContext context) {
		return exchange.getSession()
			.doOnNext((session) -> session.getAttributes()
				.put(WebSessionServerSecurityContextRepository.DEFAULT_SPRING_SECURITY_CONTEXT_ATTR_NAME, context))
			.then();
	}

	boolean hasSession(ServerWebExchange exchange) {
		return exchange.getRequest().getCookies().containsKey(this.cookieName);
	}

}
