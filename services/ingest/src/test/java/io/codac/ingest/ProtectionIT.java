package io.codac.ingest;

import io.codac.ingest.GatewayCalls.Answer;
import io.codac.ingest.GatewayCalls.Client;
import io.codac.ingest.protection.Protection;
import io.codac.testsupport.ServiceProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The protections on the real Redis, shared by two gateway instances: a client's rate limit is one
 * bucket whichever instance it calls ({@code 429 rate_limited} with {@code Retry-After}), and a phone
 * number requested too often in an hour is refused whoever asks ({@code 429 number_rate_limited}).
 */
@SpringBootTest(classes = IngestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProtectionIT {

    private static final IngestTestStack stack = new IngestTestStack();
    private static final Map<String, Object> OVERRIDES = Map.of(
            "codac.ingest.rate-limit.requests-per-second", "1000",
            "codac.ingest.rate-limit.burst", "1000",
            "codac.ingest.number-guard.per-hour", "2");
    private static ConfigurableApplicationContext second;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        stack.register(registry, OVERRIDES);
    }

    @BeforeAll
    static void startSecondInstance() {
        var properties = new HashMap<>(stack.properties());
        properties.putAll(OVERRIDES);
        second = new SpringApplicationBuilder(IngestApplication.class).run(ServiceProperties.asArgs(properties));
    }

    @AfterAll
    static void stopSecondInstance() {
        if (second != null) {
            second.close();
        }
    }

    @Autowired
    private WebTestClient http;

    @Autowired
    private MeterRegistry meters;

    private GatewayCalls other() {
        String port = second.getEnvironment().getProperty("local.server.port");
        return new GatewayCalls(WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build());
    }

    @Test
    void aClientsRateLimitIsOneBucketAcrossInstancesAndIsAnswered429WithRetryAfter() {
        var gateway = new GatewayCalls(http);
        Client slow = gateway.createClient(Map.of("name", "Slow Shop", "rateLimitPerSecond", 1, "rateLimitBurst", 3));
        GatewayCalls[] instances = {gateway, other(), gateway};

        for (int i = 0; i < 3; i++) {
            Answer answer = instances[i].submit(slow.apiKey(), "{\"phoneNumber\": \"+91987651000" + i + "\"}");
            assertThat(answer.status()).as("request %d", i).isEqualTo(202);
        }
        Answer refused = other().submit(slow.apiKey(), "{\"phoneNumber\": \"+919876510009\"}");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.code()).isEqualTo("rate_limited");
        assertThat(Integer.parseInt(refused.headers().getFirst("Retry-After"))).isBetween(1, 2);
        assertThat(stack.count("SELECT COUNT(*) FROM accepted_verifications WHERE client_id = '" + slow.clientId() + "'"))
                .isEqualTo(3);
        // another client has its own bucket
        Client fast = gateway.createClient("Fast Shop");
        assertThat(other().submit(fast.apiKey(), "{\"phoneNumber\": \"+919876510010\"}").status()).isEqualTo(202);
        assertThat(meters.counter(Protection.LIMITED_METRIC, "limit", "client").count()
                + second.getBean(MeterRegistry.class).counter(Protection.LIMITED_METRIC, "limit", "client").count())
                .isEqualTo(1);
    }

    @Test
    void aNumberRequestedTooOftenInAnHourIsRefusedWhoeverAsks() {
        var gateway = new GatewayCalls(http);
        Client one = gateway.createClient("Shop One");
        Client two = gateway.createClient("Shop Two");
        String number = "{\"phoneNumber\": \"+919876520000\"}";

        assertThat(gateway.submit(one.apiKey(), number).status()).isEqualTo(202);
        assertThat(other().submit(two.apiKey(), number).status()).isEqualTo(202);
        Answer refused = gateway.submit(two.apiKey(), number);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.code()).isEqualTo("number_rate_limited");
        assertThat(refused.text("field")).isEqualTo("phoneNumber");
        // refused before anything is recorded or published
        assertThat(stack.count("SELECT COUNT(*) FROM accepted_verifications WHERE phone_number = '+919876520000'"))
                .isEqualTo(2);
        assertThat(Integer.parseInt(refused.headers().getFirst("Retry-After"))).isBetween(1, 3600);
        // another number is not affected
        assertThat(gateway.submit(two.apiKey(), "{\"phoneNumber\": \"+919876520001\"}").status()).isEqualTo(202);
    }

    @Test
    void idempotentReplaysAreNotCountedByTheNumberGuard() {
        var gateway = new GatewayCalls(http);
        Client shop = gateway.createClient("Retrying Shop");
        String number = "{\"phoneNumber\": \"+919876540000\"}";

        Answer first = gateway.submit(shop.apiKey(), number, "order-77");
        assertThat(first.status()).isEqualTo(202);
        for (int replay = 0; replay < 3; replay++) {
            Answer again = (replay % 2 == 0 ? other() : gateway).submit(shop.apiKey(), number, "order-77");
            assertThat(again.status()).as("replay %d", replay).isEqualTo(202);
            assertThat(again.text("id")).isEqualTo(first.text("id"));
        }
        // the replays started nothing: the number has had one verification, so one more is allowed, not two
        assertThat(gateway.submit(shop.apiKey(), number, "order-78").status()).isEqualTo(202);
        Answer refused = other().submit(shop.apiKey(), number, "order-79");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.code()).isEqualTo("number_rate_limited");
        assertThat(stack.count("SELECT COUNT(*) FROM accepted_verifications WHERE idempotency_key = 'order-79'")).isZero();
        // a replay of an accepted request is still answered after the guard closed the number
        assertThat(gateway.submit(shop.apiKey(), number, "order-77").status()).isEqualTo(202);
    }

    /**
     * A request without an Idempotency-Key takes the client's token and counts its number in one round trip; a
     * request the bucket refuses must still not be counted against its number, and an over-limit client is told so
     * first, whatever else is wrong with its request.
     */
    @Test
    void aRequestTheClientsBucketRefusesIsNotCountedAgainstItsNumberAndIsAnswered429First() {
        var gateway = new GatewayCalls(http);
        Client slow = gateway.createClient(Map.of("name", "One At A Time", "rateLimitPerSecond", 1, "rateLimitBurst", 1));
        Client other = gateway.createClient("Other Shop");
        String number = "{\"phoneNumber\": \"+919876550000\"}";

        assertThat(gateway.submit(slow.apiKey(), number).status()).isEqualTo(202);
        Answer limited = other().submit(slow.apiKey(), number);
        Answer limitedAndInvalid = gateway.submit(slow.apiKey(), "{\"phoneNumber\": \"not a number\"}");
        Answer limitedAndMalformed = gateway.submit(slow.apiKey(), "{\"phoneNumber\": ");

        assertThat(limited.code()).isEqualTo("rate_limited");
        assertThat(limitedAndInvalid.code()).isEqualTo("rate_limited");
        assertThat(limitedAndMalformed.code()).isEqualTo("rate_limited");
        // the number has had one request counted, so (at two an hour) another client still gets it once more
        assertThat(other().submit(other.apiKey(), number).status()).isEqualTo(202);
        assertThat(gateway.submit(other.apiKey(), number).code()).isEqualTo("number_rate_limited");
    }

    @Test
    void aBatchItemForAGuardedNumberIsRefusedAloneWithItsRetryAfter() {
        var gateway = new GatewayCalls(http);
        Client shop = gateway.createClient("Batch Guarded Shop");

        Answer answer = gateway.submitBatch(shop.apiKey(), """
                {"items": [{"phoneNumber": "+919876530000"}, {"phoneNumber": "+919876530000"},
                           {"phoneNumber": "+919876530000"}, {"phoneNumber": "+919876530001"}]}""", null);

        assertThat(answer.body().get("accepted").asInt()).isEqualTo(3);
        var refused = answer.body().get("results").findValues("problem");
        assertThat(refused).hasSize(1);
        assertThat(refused.getFirst().get("code").asText()).isEqualTo("number_rate_limited");
        assertThat(refused.getFirst().get("retryAfterSeconds").asInt()).isPositive();
    }
}
