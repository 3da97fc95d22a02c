package io.codac.ingest;

import io.codac.ingest.GatewayCalls.Answer;
import io.codac.ingest.GatewayCalls.Client;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET} once reporting has projected a verification: the status, reason and attempts come from
 * {@code verification_timeline} and {@code call_legs}. This test plays reporting's part by creating those
 * tables from a copy of reporting's contract and writing rows the way reporting would.
 */
@SpringBootTest(classes = IngestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class VerificationStatusFromTimelineIT {

    private static final IngestTestStack stack = new IngestTestStack();
    private static final String MOBILE = "+919876543210";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        stack.register(registry, Map.of());
    }

    @BeforeAll
    static void reportingHasMigrated() throws IOException {
        stack.execute(new ClassPathResource("reporting-contract/timeline-tables.sql").getContentAsString(StandardCharsets.UTF_8));
    }

    @Autowired
    private WebTestClient http;

    private GatewayCalls gateway;
    private Client shop;

    @BeforeEach
    void setUp() {
        gateway = new GatewayCalls(http);
        shop = gateway.createClient("Timeline Shop");
    }

    @Test
    void aProjectedVerificationShowsItsStatusAndAttemptsInOrder() {
        String id = gateway.submit(shop.apiKey(), "{\"phoneNumber\": \"" + MOBILE + "\", \"clientRef\": \"order-9\"}").text("id");
        reportingProjects(id, shop.clientId(), "VERIFIED", "ringing seen", "'2026-11-22 10:00:03.250'");
        reportingRecordsLeg(id, "att-2", 2, "'2026-11-22 10:00:02.000'", "'2026-11-22 10:00:02.900'", 16, "NORMAL_CLEARING", "VERIFIED");
        reportingRecordsLeg(id, "att-1", 1, "'2026-11-22 10:00:00.100'", null, 34, "NO_CIRCUIT_AVAILABLE", "RETRY_OTHER_ROUTE");

        Answer found = gateway.find(shop.apiKey(), id);

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.text("id")).isEqualTo(id);
        assertThat(found.text("status")).isEqualTo("VERIFIED");
        assertThat(found.text("reason")).isEqualTo("ringing seen");
        assertThat(found.text("phoneNumber")).isEqualTo(MOBILE);
        assertThat(found.text("method")).isEqualTo("FLASH_CALL");
        assertThat(found.text("clientRef")).isEqualTo("order-9");
        assertThat(found.text("createdAt")).isEqualTo("2026-11-22T10:00:00Z");
        assertThat(found.text("completedAt")).isEqualTo("2026-11-22T10:00:03.250Z");
        var attempts = found.body().get("attempts");
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).get("attemptId").asText()).isEqualTo("att-1");
        assertThat(attempts.get(0).get("attemptNumber").asInt()).isEqualTo(1);
        assertThat(attempts.get(0).get("cause").asInt()).isEqualTo(34);
        assertThat(attempts.get(0).get("outcome").asText()).isEqualTo("RETRY_OTHER_ROUTE");
        assertThat(attempts.get(0).has("ringingAt")).isFalse();
        assertThat(attempts.get(1).get("attemptId").asText()).isEqualTo("att-2");
        assertThat(attempts.get(1).get("ringingAt").asText()).isEqualTo("2026-11-22T10:00:02.900Z");
        assertThat(attempts.get(1).get("outcome").asText()).isEqualTo("VERIFIED");
    }

    @Test
    void anInProgressVerificationHasNoCompletionYet() {
        String id = gateway.submit(shop.apiKey(), "{\"phoneNumber\": \"" + MOBILE + "\"}").text("id");
        reportingProjects(id, shop.clientId(), "IN_PROGRESS", null, null);

        Answer found = gateway.find(shop.apiKey(), id);

        assertThat(found.text("status")).isEqualTo("IN_PROGRESS");
        assertThat(found.body().has("completedAt")).isFalse();
        assertThat(found.body().get("attempts")).isEmpty();
    }

    @Test
    void withTheTablesPresentButNoRowYetTheVerificationIsPending() {
        String id = gateway.submit(shop.apiKey(), "{\"phoneNumber\": \"" + MOBILE + "\"}").text("id");

        assertThat(gateway.find(shop.apiKey(), id).text("status")).isEqualTo("PENDING");
    }

    @Test
    void anotherClientCannotReadAProjectedVerification() {
        Client other = gateway.createClient("Nosy Shop");
        String id = gateway.submit(shop.apiKey(), "{\"phoneNumber\": \"" + MOBILE + "\"}").text("id");
        reportingProjects(id, shop.clientId(), "VERIFIED", null, "'2026-11-22 10:00:03.000'");

        Answer answer = gateway.find(other.apiKey(), id);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.code()).isEqualTo("not_found");
    }

    private static void reportingProjects(String id, String clientId, String status, String reason, String completedAt) {
        stack.execute("INSERT INTO verification_timeline (verification_id, client_id, phone_number, method, client_ref,"
                + " status, reason, requested_at, expires_at, completed_at, updated_at) SELECT verification_id, client_id,"
                + " phone_number, method, client_ref, '" + status + "', " + (reason == null ? "NULL" : "'" + reason + "'")
                + ", '2026-11-22 10:00:00.000', '2026-11-22 10:05:00.000', " + (completedAt == null ? "NULL" : completedAt)
                + ", CURRENT_TIMESTAMP(3) FROM accepted_verifications WHERE verification_id = '" + id + "' AND client_id = '"
                + clientId + "'");
    }

    private static void reportingRecordsLeg(String id, String attemptId, int number, String startedAt, String ringingAt,
                                            int cause, String causeText, String outcome) {
        stack.execute("INSERT INTO call_legs (attempt_id, verification_id, attempt_number, trunk_id, server_id, state,"
                + " started_at, ringing_at, ended_at, q850_cause, cause_text, outcome) VALUES ('" + attemptId + "', '" + id
                + "', " + number + ", 'srv1-t1', 'srv1', 'ENDED', " + startedAt + ", " + (ringingAt == null ? "NULL" : ringingAt)
                + ", " + startedAt + ", " + cause + ", '" + causeText + "', '" + outcome + "')");
    }
}
