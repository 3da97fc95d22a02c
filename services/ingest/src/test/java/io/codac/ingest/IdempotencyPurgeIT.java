package io.codac.ingest;

import io.codac.ingest.GatewayCalls.Client;
import io.codac.ingest.verification.IdempotencyPurge;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Idempotency records are kept for the retention (here the minimum, 24 h) and purged after it: a
 * request older than that is forgotten, a younger one still answers its replay.
 */
@SpringBootTest(classes = IngestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IdempotencyPurgeIT {

    private static final IngestTestStack stack = new IngestTestStack();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        stack.register(registry, Map.of("codac.ingest.idempotency-retention", "24h"));
    }

    @Autowired
    private WebTestClient http;

    @Autowired
    private IdempotencyPurge purge;

    @Test
    void recordsOlderThanTheRetentionArePurgedAndYoungerOnesStillReplay() {
        var gateway = new GatewayCalls(http);
        Client shop = gateway.createClient("Old Shop");
        String body = "{\"phoneNumber\": \"+919876550000\"}";
        String old = gateway.submit(shop.apiKey(), body, "old").text("id");
        String young = gateway.submit(shop.apiKey(), body, "young").text("id");
        stack.execute("UPDATE accepted_verifications SET created_at = created_at - INTERVAL 25 HOUR"
                + " WHERE verification_id = '" + old + "'");
        stack.execute("UPDATE accepted_verifications SET created_at = created_at - INTERVAL 23 HOUR"
                + " WHERE verification_id = '" + young + "'");

        Long deleted = purge.purge().block(Duration.ofSeconds(10));

        assertThat(deleted).isEqualTo(1);
        assertThat(stack.count("SELECT COUNT(*) FROM accepted_verifications WHERE verification_id = '" + old + "'")).isZero();
        assertThat(gateway.submit(shop.apiKey(), body, "young").text("id")).isEqualTo(young);
    }
}
