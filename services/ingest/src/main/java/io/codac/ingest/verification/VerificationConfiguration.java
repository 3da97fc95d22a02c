package io.codac.ingest.verification;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.codac.contracts.domain.Fleet;
import io.codac.contracts.topic.Topics;
import io.codac.ingest.IngestProperties;
import io.codac.ingest.client.ApiKeyAuthenticator;
import io.codac.ingest.domain.RandomTokens;
import io.codac.ingest.protection.Protection;
import io.codac.ingest.verification.domain.CallbackUrlPolicy;
import io.codac.ingest.verification.domain.DialInNumbers;
import io.codac.ingest.verification.domain.PhoneNumberCheck;
import io.codac.ingest.verification.domain.VerificationRequestValidator;
import io.codac.support.EventPublisher;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import java.time.Clock;
import java.time.Duration;

import static io.codac.ingest.web.JsonBody.strictReader;

/** Wires the verification context explicitly: the rules, the stores, the use cases and the routes. */
@Configuration(proxyBeanMethods = false)
public class VerificationConfiguration {

    @Bean
    public VerificationRequestValidator verificationRequestValidator(IngestProperties properties, Fleet fleet) {
        var phoneNumbers = new PhoneNumberCheck();
        return new VerificationRequestValidator(phoneNumbers,
                new CallbackUrlPolicy(properties.allowInsecureCallbacks()),
                new DialInNumbers(fleet.dids(), phoneNumbers::countryCodeOf),
                properties.missedCallEnabled());
    }

    /**
     * The circuit breaker around the Kafka publish: once most recent publishes failed, requests are
     * answered {@code 503} at once instead of each waiting {@code max.block.ms} or the publish timeout.
     */
    @Bean
    public CircuitBreaker kafkaPublishBreaker(IngestProperties properties, MeterRegistry meters) {
        IngestProperties.Breaker settings = properties.breaker();
        var breaker = CircuitBreaker.of("kafka-publish", CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRatePercent())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.window())
                .minimumNumberOfCalls(Math.min(settings.minimumCalls(), settings.window()))
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(2)
                .automaticTransitionFromOpenToHalfOpenEnabled(true) // so that the state check before recording sees the probe time come
                .build());
        Gauge.builder("codac.ingest.kafka.breaker.open", breaker,
                        b -> b.getState() == CircuitBreaker.State.CLOSED ? 0 : 1)
                .description("1 while the Kafka publish breaker is open or probing")
                .register(meters);
        breaker.getEventPublisher().onStateTransition(event ->
                org.slf4j.LoggerFactory.getLogger(VerificationConfiguration.class)
                        .warn("Kafka publish breaker: {}", event.getStateTransition()));
        return breaker;
    }

    @Bean
    AcceptedVerifications acceptedVerifications(DatabaseClient db, ObjectMapper mapper, IngestProperties properties,
                                                MeterRegistry meters) {
        return new AcceptedVerifications(db, mapper, properties.statementBatching(), meters);
    }

    @Bean
    AcceptingVerifications acceptingVerifications(AcceptedVerifications accepted, EventPublisher publisher,
                                                  Topics topics, Clock clock, IngestProperties properties,
                                                  CircuitBreaker kafkaPublishBreaker) {
        return new AcceptingVerifications(accepted, publisher, topics, RandomTokens.secure(), clock,
                properties.publishTimeout(), kafkaPublishBreaker);
    }

    @Bean(initMethod = "start", destroyMethod = "stop")
    public ResolvingUnpublished resolvingUnpublished(AcceptedVerifications accepted, AcceptingVerifications accepting,
                                                     Clock clock, IngestProperties properties, MeterRegistry meters) {
        return new ResolvingUnpublished(accepted, accepting, clock, properties.unresolved().after(),
                properties.unresolved().every(), meters);
    }

    @Bean(initMethod = "start", destroyMethod = "stop")
    public IdempotencyPurge idempotencyPurge(AcceptedVerifications accepted, Clock clock, IngestProperties properties) {
        return new IdempotencyPurge(accepted, clock, properties.idempotencyRetention(), Duration.ofMinutes(10));
    }

    @Bean
    public RouterFunction<ServerResponse> verificationRoutes(
            IngestProperties properties, DatabaseClient db, ObjectMapper mapper, ApiKeyAuthenticator authenticator,
            VerificationRequestValidator validator, Protection protection, AcceptingVerifications accepting,
            AcceptedVerifications accepted, MeterRegistry meters) {
        var handler = new VerificationHandler(
                authenticator,
                new VerificationBodyReader(strictReader(mapper)),
                validator,
                accepting,
                new FindingVerifications(new VerificationTimeline(db), accepted),
                new WebhookDeliveryLog(db),
                properties.maxBodyBytes(),
                properties.retryAfter(),
                protection,
                meters);
        var batch = new BatchVerificationHandler(authenticator, handler, mapper, properties.maxBatchBytes(),
                properties.retryAfter(), protection::admitClient);
        return RouterFunctions.route()
                .POST("/v1/verifications/batch", batch::submit)
                .POST("/v1/verifications", handler::submit)
                .GET("/v1/verifications/{id}", handler::find)
                .GET("/v1/verifications/{id}/deliveries", handler::deliveries)
                .build();
    }
}
