package io.codac.ingest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/** Starts the ingest gateway. */
@SpringBootApplication
@EnableConfigurationProperties(IngestProperties.class)
public class IngestApplication {

    public static void main(String[] args) {
        SpringApplication.run(IngestApplication.class, args);
    }

    /** All times the gateway records or answers are UTC. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
