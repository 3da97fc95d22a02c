package io.codac.reporting.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.codac.contracts.json.CodacJson;
import io.codac.reporting.webhook.domain.BreakerPolicy;
import io.codac.reporting.webhook.domain.CallbackPolicy;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

import java.time.Clock;

/** Wires client webhooks: outbox, dispatcher, breakers and the internal delivery API. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
public class WebhookConfiguration {

    @Bean
    Clock webhookClock() {
        return Clock.systemUTC();
    }

    @Bean
    WebhookRepository webhookRepository(DatabaseClient databaseClient) {
        return new WebhookRepository(databaseClient);
    }

    @Bean
    CircuitBreakerRegistry webhookBreakers(WebhookProperties properties, Clock webhookClock) {
        return CircuitBreakerRegistry.of(breakerConfig(properties.webhooks().breaker(), webhookClock));
    }

    /** The resilience4j form of the breaker policy: a count-based window, half-open after {@code openFor}. */
    static CircuitBreakerConfig breakerConfig(BreakerPolicy policy, Clock clock) {
        return CircuitBreakerConfig.custom()
                .clock(clock)
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(policy.windowCalls())
                .minimumNumberOfCalls(policy.minimumCalls())
                .failureRateThreshold(policy.failureRatePercent())
                .waitDurationInOpenState(policy.openFor())
                .permittedNumberOfCallsInHalfOpenState(policy.probeCalls())
                .recordExceptions(Exception.class)
                .build();
    }

    @Bean
    WebhookDispatcher webhookDispatcher(WebhookRepository repository, WebhookProperties properties,
                                        CircuitBreakerRegistry webhookBreakers, Clock webhookClock, MeterRegistry meters) {
        return new WebhookDispatcher(repository, properties.webhooks(), webhookBreakers, webhookClock, meters);
    }

    @Bean
    WebhookOutbox webhookOutbox(WebhookRepository repository, WebhookDispatcher dispatcher,
                                WebhookProperties properties, Clock webhookClock) {
        ObjectMapper json = CodacJson.newMapper();
        return new WebhookOutbox(repository, dispatcher, new CallbackPolicy(properties.allowInsecureCallbacks()),
                properties.webhooks().schedule(), json, webhookClock);
    }
}
