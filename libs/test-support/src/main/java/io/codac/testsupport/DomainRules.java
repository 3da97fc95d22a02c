package io.codac.testsupport;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * STYLE habit 1 as a rule that runs in the build: classes in {@code ..domain..} packages are plain Java.
 * They may use the JDK and CODAC's own plain types, never a framework, a driver or a JSON library.
 */
public final class DomainRules {

    static final String[] FORBIDDEN = {
            "org.springframework..", "org.apache.kafka..", "io.r2dbc..", "io.asyncer..", "redis.clients..",
            "ch.loway..", "io.netty..", "reactor..", "com.fasterxml..", "jakarta..", "io.github.resilience4j..",
            "io.micrometer..", "org.flywaydb..", "org.slf4j.."};

    private DomainRules() {
    }

    public static void assertDomainIsPlainJava(String basePackage) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
        noClasses().that().resideInAPackage("..domain..")
                .should().dependOnClassesThat().resideInAnyPackage(FORBIDDEN)
                .allowEmptyShould(true)
                .because("domain logic is plain Java (STYLE.md habit 1)")
                .check(classes);
    }
}
