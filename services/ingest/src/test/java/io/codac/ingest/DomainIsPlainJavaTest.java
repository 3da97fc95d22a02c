package io.codac.ingest;

import io.codac.testsupport.DomainRules;
import org.junit.jupiter.api.Test;

/**
 * STYLE habit 1, enforced in the build: ingest's {@code ..domain..} packages use no framework, driver,
 * JSON library or reactive type (libphonenumber is plain Java and allowed).
 */
class DomainIsPlainJavaTest {

    @Test
    void domainPackagesArePlainJava() {
        DomainRules.assertDomainIsPlainJava("io.codac.ingest");
    }
}
