package io.codac.ingest.verification;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.codac.contracts.domain.Fleet;
import io.codac.contracts.topic.Topics;
import io.codac.ingest.IngestProperties;
import io.codac.ingest.client.ApiKeyAuthenticator;
import io.codac.ingest.domain.RandomTokens;
import io.codac.ingest.verification.domain.CallbackUrlPolicy;
import io.codac.ingest.verification.domain.DialInNumbers;
import io.codac.ingest.verification.domain.PhoneNumberCheck;
import io.codac.ingest.verification.domain.VerificationRequestValidator;
import io.codac.support.EventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import java.time.Clock;

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

    @Bean
    public RouterFunction<ServerResponse> verificationRoutes(
            IngestProperties properties, DatabaseClient db, EventPublisher publisher, Topics topics, Clock clock,
            ObjectMapper mapper, ApiKeyAuthenticator authenticator, VerificationRequestValidator validator) {
        var accepted = new AcceptedVerifications(db);
        var handler = new VerificationHandler(
                authenticator,
                new VerificationBodyReader(strictReader(mapper)),
                validator,
                new AcceptingVerifications(accepted, publisher, topics, RandomTokens.secure(), clock,
                        properties.publishTimeout()),
                new FindingVerifications(new VerificationTimeline(db), accepted),
                properties.maxBodyBytes(),
                properties.retryAfter());
        var batch = new BatchVerificationHandler(authenticator, handler, mapper, properties.maxBatchBytes(),
                properties.retryAfter(), (client, items) -> reactor.core.publisher.Mono.empty());
        return RouterFunctions.route()
                .POST("/v1/verifications/batch", batch::submit)
                .POST("/v1/verifications", handler::submit)
                .GET("/v1/verifications/{id}", handler::find)
                .build();
    }
}
