package io.codac.sim.admin;

import io.codac.contracts.domain.Fleet;
import io.codac.sim.SimulatedFleet;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Starts the simulated fleet from the fleet file's {@link Fleet} bean, and stops it with the context. */
@Configuration(proxyBeanMethods = false)
class SimConfiguration {

    @Bean(destroyMethod = "close")
    SimulatedFleet simulatedFleet(Fleet fleet, SimProperties properties) {
        return SimulatedFleet.start(fleet, properties.toSettings());
    }
}
