package io.codac.ingest;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * STYLE habit 1, enforced in the build: ingest's domain packages import no framework, no JSON library
 * and no reactive types (libphonenumber is plain Java and allowed).
 * Same forbidden packages as {@code libs/contracts}' DomainIsPlainJavaTest; to be replaced by
 * {@code io.codac.testsupport.DomainRules.assertDomainIsPlainJava("io.codac.ingest")} once test-support has it.
 */
class DomainIsPlainJavaTest {

    @Test
    void domainPackagesDependOnlyOnPlainJava() {
        var classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.codac.ingest");
        noClasses().that().resideInAPackage("..domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "org.apache.kafka..", "io.r2dbc..", "io.asyncer..", "redis.clients..",
                        "ch.loway..", "io.netty..", "reactor..", "com.fasterxml..", "jakarta..", "io.github.resilience4j..")
                .check(classes);
    }
}
