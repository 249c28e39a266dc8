package dev.skillpath.identity.account;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Sign-up: a new account is a LEARNER, signed in at once and sent on to where the sign-in
 * started (the app's authorization request), so that signing up is one step, not two.
 */
@Controller
class SignUpController {

	private final AccountRepository accounts;

	private final AccountUserDetailsService users;

	private final PasswordEncoder passwords;

	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	private final RequestCache requests = new HttpSessionRequestCache();

	SignUpController(AccountRepository accounts, AccountUserDetailsService users, PasswordEncoder passwords) {
		this.accounts = accounts;
		this.users = users;
		this.passwords = passwords;
	}

	@GetMapping("/signup")
	String form(Model model) {
		model.addAttribute("form", new SignUp("", "", "", ""));
		model.addAttribute("problems", Map.of());
		return "signup";
	}

	@PostMapping("/signup")
	String signUp(@ModelAttribute SignUp form, Model model, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		Map<String, String> problems = form.problems();
		if (problems.isEmpty()) {
			try {
				this.accounts.create(form.username(), form.name(), this.passwords.encode(form.password()),
						List.of("LEARNER"));
			}
			catch (AccountRepository.UsernameTakenException ex) {
				problems = Map.of("username", "That username is taken: choose another, or sign in.");
			}
		}
		if (!problems.isEmpty()) {
			response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
			model.addAttribute("form", new SignUp(form.username(), form.displayName(), "", ""));
			model.addAttribute("problems", problems);
			return "signup";
		}
		signIn(form.username(), request, response);
		SavedRequest saved = this.requests.getRequest(request, response);
		if (saved != null) {
			this.requests.removeRequest(request, response);
			return "redirect:" + saved.getRedirectUrl();
		}
		return "redirect:/";
	}

	/** As a form sign-in would: a new session id, then the context saved in it. */
	private void signIn(String username, HttpServletRequest request, HttpServletResponse response) {
		UserDetails user = this.users.loadUserByUsername(username);
		// the password factor, with its time, as form login records it (the ID token's
		// auth_time)
		List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
		authorities.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY));
		var authentication = UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
		if (request.getSession(false) != null) {
			request.changeSessionId();
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(authentication);
		SecurityContextHolder.setContext(context);
		this.contexts.saveContext(context, request, response);
	}

}
