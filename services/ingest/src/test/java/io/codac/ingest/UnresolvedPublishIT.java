package io.codac.ingest;

import io.codac.ingest.GatewayCalls.Answer;
import io.codac.ingest.GatewayCalls.Client;
import io.codac.ingest.RequestedTopic.Requested;
import io.codac.ingest.verification.ResolvingUnpublished;
import io.micrometer.core.instrument.MeterRegistry;
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
import static org.awaitility.Awaitility.await;

/**
 * A request without an {@code Idempotency-Key} whose publish ended without an acknowledgement cannot be retried
 * into the same verification by its client; the gateway resolves it itself: the very same event is published again
 * (same verification id, same event id), and the record ends {@code PUBLISHED}. So does a record abandoned
 * mid-publish. As in {@link UnconfirmedPublishIT}, the first publish is held up by a missing topic until the test
 * creates it.
 */
@SpringBootTest(classes = IngestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UnresolvedPublishIT {

    private static final IngestTestStack stack = new IngestTestStack();
    private static final Duration BOUND = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        stack.register(registry, Map.of(
                "codac.topics.create", "false",
                "codac.ingest.publish-timeout", "2s",
                "codac.ingest.unresolved.after", "4s",
                "codac.ingest.unresolved.every", "500ms",
                "spring.kafka.producer.properties.max.block.ms", "60000"));
    }

    @Autowired
    private WebTestClient http;

    @Autowired
    private MeterRegistry meters;

    @Test
    void unconfirmedAndAbandonedRequestsArePublishedAgainUnderTheirOwnIdsWithoutARetry() {
        GatewayCalls gateway = new GatewayCalls(http.mutate().responseTimeout(Duration.ofSeconds(30)).build());
        Client shop = gateway.createClient("Keyless Shop");
        String topic = stack.namespace.topics().verificationRequested();

        Answer refused = gateway.submit(shop.apiKey(),
                "{\"phoneNumber\": \"+919876543210\", \"clientRef\": \"order-keyless\", \"metadata\": {\"cart\": \"7\"}}");
        assertThat(refused.status()).isEqualTo(503);
        String unconfirmed = stack.queryOne("SELECT verification_id FROM accepted_verifications"
                + " WHERE client_ref = 'order-keyless' AND publish_state = 'UNCONFIRMED' AND idempotency_key IS NULL");
        // a gateway died after recording this one, before publishing it
        stack.execute("INSERT INTO accepted_verifications (verification_id, client_id, phone_number, method, client_ref,"
                + " request_hash, created_at, expires_at, publish_state) VALUES ('ver_abandoned', '" + shop.clientId()
                + "', '+919876543211', 'FLASH_CALL', 'order-abandoned', '" + "0".repeat(64) + "',"
                + " UTC_TIMESTAMP(3) - INTERVAL 1 MINUTE, UTC_TIMESTAMP(3) + INTERVAL 4 MINUTE, 'PUBLISHING')");

        LateTopic.create(stack.infra.kafkaBootstrapServers(), topic);

        await().atMost(BOUND).until(() -> stack.count("SELECT COUNT(*) FROM accepted_verifications WHERE"
                + " verification_id IN ('" + unconfirmed + "', 'ver_abandoned') AND publish_state = 'PUBLISHED'") == 2);
        List<Requested> published = new RequestedTopic(stack.infra.kafkaBootstrapServers(), topic).all();
        List<Requested> keyless = published.stream().filter(r -> "order-keyless".equals(r.event().clientRef())).toList();
        assertThat(keyless).isNotEmpty().allSatisfy(record -> {
            assertThat(record.event().verificationId()).isEqualTo(unconfirmed);
            assertThat(record.event().eventId()).isEqualTo(keyless.getFirst().event().eventId());
            assertThat(record.event().metadata()).containsEntry("cart", "7");
        });
        assertThat(published).filteredOn(r -> "order-abandoned".equals(r.event().clientRef()))
                .singleElement().satisfies(record -> assertThat(record.event().verificationId()).isEqualTo("ver_abandoned"));
        assertThat(gateway.find(shop.apiKey(), unconfirmed).text("status")).isEqualTo("PENDING");
        assertThat(meters.counter(ResolvingUnpublished.METRIC, "outcome", "published").count()).isEqualTo(2);
    }
}
