package io.codac.sim;

import io.codac.testsupport.DomainRules;
import org.junit.jupiter.api.Test;

/** STYLE habit 1 in the build: the simulated network's domain imports no framework, Netty, Reactor or Jackson. */
class DomainIsPlainJavaTest {

    @Test
    void theSimulatorsDomainIsPlainJava() {
        DomainRules.assertDomainIsPlainJava("io.codac.sim");
    }
}
