package dev.skillpath.router;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The router is a plain Java library: any HTTP stack, any framework, any supergraph.
 * Spring and our services stay out of it, so that the gateway (or a benchmark, or another
 * host) wires it and not the other way round.
 */
class RouterLayoutTest {

	static final JavaClasses ROUTER = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.skillpath.router");

	@Test
	void theRouterUsesNoSpringType() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..")
			.because("the router is a plain Java library; the gateway module is where Spring meets it")
			.check(ROUTER);
	}

	@Test
	void theRouterKnowsNoServiceNorTheGateway() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.skillpath.gateway..", "dev.skillpath.support..", "dev.skillpath.content..",
					"dev.skillpath.progress..", "dev.skillpath.jobs..")
			.because("the router must serve any federation v2 supergraph, not only ours")
			.check(ROUTER);
	}

}
