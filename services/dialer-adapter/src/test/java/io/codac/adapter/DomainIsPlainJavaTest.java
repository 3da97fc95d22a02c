package io.codac.adapter;

import io.codac.testsupport.DomainRules;
import org.junit.jupiter.api.Test;

/**
 * STYLE habit 1, enforced in the build: the adapter's domain (trunk limits, the call-leg state machine)
 * imports no framework, no client library and no JSON library.
 */
class DomainIsPlainJavaTest {

    @Test
    void domainPackagesArePlainJava() {
        DomainRules.assertDomainIsPlainJava("io.codac.adapter");
    }
}
