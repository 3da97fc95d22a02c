package io.codac.scheduler;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** STYLE habit 1, enforced in the build: the scheduler's domain packages import no framework. */
class DomainIsPlainJavaTest {

    @Test
    void domainPackagesDependOnlyOnTheJdkAndTheSharedContracts() {
        var classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.codac.scheduler");
        noClasses().that().resideInAPackage("..domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "org.apache.kafka..", "io.r2dbc..", "io.asyncer..", "redis.clients..",
                        "ch.loway..", "io.netty..", "reactor..", "com.fasterxml..", "jakarta..", "io.github.resilience4j..",
                        "io.micrometer..", "org.slf4j..")
                .check(classes);
    }
}
