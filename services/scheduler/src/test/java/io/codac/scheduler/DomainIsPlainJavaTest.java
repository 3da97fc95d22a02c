package io.codac.scheduler;

import io.codac.testsupport.DomainRules;
import org.junit.jupiter.api.Test;

/** STYLE habit 1, enforced in the build: the scheduler's domain packages import no framework. */
class DomainIsPlainJavaTest {

    @Test
    void domainPackagesArePlainJava() {
        DomainRules.assertDomainIsPlainJava("io.codac.scheduler");
    }
}
