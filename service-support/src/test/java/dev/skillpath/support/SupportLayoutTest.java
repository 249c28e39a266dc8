package dev.skillpath.support;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Cross-cutting code knows no domain: a service, the gateway or the router imported here
 * would make every service depend on every other one.
 */
class SupportLayoutTest {

	@Test
	void supportCodeImportsNoServiceNorTheGatewayNorTheRouter() {
		JavaClasses support = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("dev.skillpath.support");
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.skillpath.content..", "dev.skillpath.progress..", "dev.skillpath.jobs..",
					"dev.skillpath.gateway..", "dev.skillpath.router..")
			.because("service-support holds cross-cutting code only")
			.check(support);
	}

}
