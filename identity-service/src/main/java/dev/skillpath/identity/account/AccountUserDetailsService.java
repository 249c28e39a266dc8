package dev.skillpath.identity.account;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/**
 * Accounts as Spring Security users. The principal is Spring's own {@link User}, which
 * the authorization server can store with an authorization and read back.
 */
@Service
public class AccountUserDetailsService implements UserDetailsService {

	private final AccountRepository accounts;

	public AccountUserDetailsService(AccountRepository accounts) {
		this.accounts = accounts;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		Account account = this.accounts.findByUsername(username)
			.orElseThrow(() -> new UsernameNotFoundException("No account " + username));
		return User.withUsername(account.username())
			.password(account.passwordHash())
			.roles(account.roles().toArray(String[]::new))
			.build();
	}

}
