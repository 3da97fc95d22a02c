package io.codac.ingest;

import io.codac.ingest.GatewayCalls.Answer;
import io.codac.ingest.GatewayCalls.Client;
import io.codac.ingest.RequestedTopic.Requested;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A publish that ends without an acknowledgement may still be written: here the gateway stops waiting
 * (its publish timeout) while the producer still holds the record, and the broker takes it a moment
 * later. The client is told {@code 503}, the record is kept {@code UNCONFIRMED}, and its retry with the
 * same Idempotency-Key publishes the same verification again and answers {@code 202} with that id: the
 * request is carried out under one id, never as a second verification.
 */
@SpringBootTest(classes = IngestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UnconfirmedPublishIT {

    private static final IngestTestStack stack = new IngestTestStack();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        // the gateway gives up long before the producer does: the record is still on its way when we answer
        stack.register(registry, Map.of(
                "codac.topics.create", "false",
                "codac.ingest.publish-timeout", "3s",
                "spring.kafka.producer.properties.max.block.ms", "60000"));
    }

    @Autowired
    private WebTestClient http;

    private GatewayCalls gateway;
    private Client shop;

    @BeforeEach
    void setUp() {
        gateway = new GatewayCalls(http.mutate().responseTimeout(Duration.ofSeconds(30)).build());
        shop = gateway.createClient("Unconfirmed Shop");
    }

    @Test
    void aRequestKafkaMayHaveIsKeptAndItsRetryCompletesTheSameVerification() {
        String topic = stack.namespace.topics().verificationRequested();
        String body = "{\"phoneNumber\": \"+919876543210\", \"clientRef\": \"order-unconfirmed\"}";

        Answer refused = gateway.submit(shop.apiKey(), body, "unconfirmed-1");

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.code()).isEqualTo("service_unavailable");
        assertThat(refused.headers().getFirst("Retry-After")).isEqualTo("5");
        assertThat(refused.text("detail")).contains("same Idempotency-Key");
        assertThat(stack.count("SELECT COUNT(*) FROM accepted_verifications WHERE idempotency_key = 'unconfirmed-1'"
                + " AND publish_state = 'UNCONFIRMED'")).isEqualTo(1);

        LateTopic.create(stack.infra.kafkaBootstrapServers(), topic); // the held-up send now goes through
        Answer retried = gateway.submit(shop.apiKey(), body, "unconfirmed-1");

        assertThat(retried.status()).isEqualTo(202);
        String id = retried.text("id");
        assertThat(stack.count("SELECT COUNT(*) FROM accepted_verifications WHERE idempotency_key = 'unconfirmed-1'"
                + " AND verification_id = '" + id + "' AND publish_state = 'PUBLISHED'")).isEqualTo(1);
        List<Requested> published = new RequestedTopic(stack.infra.kafkaBootstrapServers(), topic).all().stream()
                .filter(r -> "order-unconfirmed".equals(r.event().clientRef())).toList();
        assertThat(published).isNotEmpty();
        assertThat(published).extracting(r -> r.event().verificationId()).containsOnly(id);
        assertThat(published).extracting(r -> r.event().eventId()).containsOnly(published.getFirst().event().eventId());
        assertThat(gateway.submit(shop.apiKey(), body, "unconfirmed-1").body()).isEqualTo(retried.body());
    }
}
