package dev.skillpath.identity.signin;

import java.security.Principal;

import dev.skillpath.identity.IdentityProperties;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page (Spring Security handles its POST) and the page a person lands on who
 * came here directly rather than from the app.
 */
@Controller
class SignInPages {

	private final IdentityProperties properties;

	SignInPages(IdentityProperties properties) {
		this.properties = properties;
	}

	@GetMapping("/login")
	String signIn(Model model) {
		model.addAttribute("demoUsers", this.properties.demoUsers().enabled() ? this.properties.demoUsers() : null);
		return "login";
	}

	@GetMapping("/")
	String home(Principal principal, Model model) {
		model.addAttribute("username", principal.getName());
		model.addAttribute("appUrl", this.properties.appUrl());
		return "home";
	}

}
