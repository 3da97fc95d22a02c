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
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A retry with the same Idempotency-Key while the original request is still waiting for Kafka must not
 * be told {@code 202}: the original may yet fail. It is told {@code 503} with {@code Retry-After}, and
 * once the original is acknowledged the retry gets the original's {@code 202}. The original is held up
 * in {@code send()}, waiting for its topic to exist ({@link LateTopic}).
 */
@SpringBootTest(classes = IngestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReplayWhileStoringIT {

    private static final IngestTestStack stack = new IngestTestStack();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        // the original request waits until the test creates the topic
        stack.register(registry, Map.of(
                "codac.topics.create", "false",
                "codac.ingest.publish-timeout", "90s",
                "codac.ingest.unresolved.after", "180s",
                "spring.kafka.producer.properties.max.block.ms", "60000"));
    }

    @Autowired
    private WebTestClient http;

    private GatewayCalls gateway;
    private Client shop;

    @BeforeEach
    void setUp() {
        gateway = new GatewayCalls(http.mutate().responseTimeout(Duration.ofSeconds(90)).build());
        shop = gateway.createClient("Impatient Shop");
    }

    @Test
    void aRetryWhileTheOriginalIsStillBeingStoredIsToldToComeBackNotAccepted() {
        String topic = stack.namespace.topics().verificationRequested();
        String body = "{\"phoneNumber\": \"+919876543210\", \"clientRef\": \"order-in-flight\"}";
        CompletableFuture<Answer> original = CompletableFuture.supplyAsync(
                () -> gateway.submit(shop.apiKey(), body, "in-flight-1"));
        await().atMost(Duration.ofSeconds(30)).until(() -> stack.count(
                "SELECT COUNT(*) FROM accepted_verifications WHERE idempotency_key = 'in-flight-1'") == 1);

        Answer early = gateway.submit(shop.apiKey(), body, "in-flight-1");

        assertThat(early.status()).isEqualTo(503);
        assertThat(early.code()).isEqualTo("service_unavailable");
        assertThat(early.headers().getFirst("Retry-After")).isEqualTo("5");
        assertThat(original).isNotDone();

        LateTopic.create(stack.infra.kafkaBootstrapServers(), topic); // the original's send goes through

        Answer first = original.join();
        assertThat(first.status()).isEqualTo(202);
        Answer late = gateway.submit(shop.apiKey(), body, "in-flight-1");
        assertThat(late.status()).isEqualTo(202);
        assertThat(late.body()).isEqualTo(first.body());
        List<Requested> published = new RequestedTopic(stack.infra.kafkaBootstrapServers(), topic).all().stream()
                .filter(r -> "order-in-flight".equals(r.event().clientRef())).toList();
        assertThat(published).extracting(r -> r.event().verificationId()).containsExactly(first.text("id"));
    }
}
