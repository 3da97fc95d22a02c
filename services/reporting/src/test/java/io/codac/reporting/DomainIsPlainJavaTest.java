package io.codac.reporting;

import io.codac.testsupport.DomainRules;
import org.junit.jupiter.api.Test;

/** STYLE habit 1, enforced in the build: reporting's domain packages are plain Java. */
class DomainIsPlainJavaTest {

    @Test
    void domainPackagesUseNoFramework() {
        DomainRules.assertDomainIsPlainJava("io.codac.reporting");
    }
}
