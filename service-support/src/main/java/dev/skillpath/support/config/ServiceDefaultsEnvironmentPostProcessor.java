package dev.skillpath.support.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds the settings every Skillpath service shares (actuator exposure, metric tags,
 * GraphQL defaults, the local profile's development token key) at the lowest precedence,
 * so a service's own {@code application.yaml} or the environment can still override any
 * of them. Kept in one place instead of being copied into four {@code application.yaml}
 * files.
 */
public class ServiceDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String BASE = "skillpath-defaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		List<String> profiles = new ArrayList<>(Arrays.asList(environment.getActiveProfiles()));
		if (profiles.isEmpty()) {
			profiles.addAll(Arrays.asList(environment.getDefaultProfiles()));
		}
		// profile files first: among sources added last, the earlier one wins
		for (String profile : profiles) {
			addIfPresent(environment, BASE + "-" + profile + ".properties");
		}
		addIfPresent(environment, BASE + ".properties");
	}

	private static void addIfPresent(ConfigurableEnvironment environment, String name) {
		ClassPathResource resource = new ClassPathResource("META-INF/skillpath/" + name);
		if (!resource.exists()) {
			return;
		}
		Properties properties = new Properties();
		try (var in = resource.getInputStream()) {
			properties.load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		environment.getPropertySources().addLast(new PropertiesPropertySource(name, properties));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 20;
	}

}
