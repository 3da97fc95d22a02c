package io.codac.sim;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The simulator as a process: loads the fleet file ({@code codac.fleet-file}), starts a {@link SimulatedFleet}
 * on the fleet's ARI ports, and serves the admin API ({@code /sim/...}) and actuator on {@code server.port}.
 * It talks to no broker, database or Redis, so those auto-configurations stay off even when a test classpath
 * carries their libraries.
 */
@SpringBootApplication(excludeName = {
        "org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration",
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
        "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
        "org.springframework.boot.autoconfigure.r2dbc.R2dbcAutoConfiguration",
        "org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration",
        "io.codac.support.CodacKafkaAutoConfiguration",
        "io.codac.support.CodacRedisAutoConfiguration"})
@ConfigurationPropertiesScan
public class TelephonySimApplication {

    public static void main(String[] args) {
        SpringApplication.run(TelephonySimApplication.class, args);
    }
}
