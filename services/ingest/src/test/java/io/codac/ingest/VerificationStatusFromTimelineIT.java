package io.codac.ingest;

import io.codac.ingest.GatewayCalls.Answer;
import io.codac.ingest.GatewayCalls.Client;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET} once reporting has projected a verification: the status, reason and attempts come from
 * {@code verification_timeline} and {@code call_legs}. The tables are created by reporting's own
 * migration (its jar is a test dependency), so a change there that breaks what ingest reads fails here;
 * the test plays reporting's part by writing rows the way reporting would.
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
    static void reportingHasMigrated() {
        var migrated = Flyway.configure()
                .dataSource(stack.db.jdbcUrl(), stack.db.username(), stack.db.password())
                .locations("classpath:db/migration/reporting")
                .table("flyway_history_reporting")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        assertThat(migrated.migrationsExecuted).as("reporting's migrations found on the test classpath").isPositive();
    }

    @Autowired
    private WebTestClient http;

    @Autowired
    private Environment environment;

    private GatewayCalls gateway;
    private Client shop;

    @BeforeEach
    void setUp() {
        gateway = new GatewayCalls(http);
        shop = gateway.createClient("Timeline Shop");
    }

    @Test
    void reportingsJarOnTheTestClasspathDoesNotConfigureTheGateway() {
        // reporting's application.yml is on the classpath too; ingest's own comes first and wins
        assertThat(environment.getProperty("spring.application.name")).isEqualTo("codac-ingest");
        assertThat(environment.getProperty("spring.flyway.table")).isEqualTo("flyway_history_ingest");
        assertThat(stack.count("SELECT COUNT(*) FROM flyway_history_ingest WHERE success = 1 AND version = '2'")).isEqualTo(1);
    }

    @Test
    void aProjectedVerificationShowsItsStatusAndAttemptsInOrder() {
        String id = gateway.submit(shop.apiKey(), "{\"phoneNumber\": \"" + MOBILE + "\", \"clientRef\": \"order-9\"}").text("id");
        reportingProjects(id, shop.clientId(), "VERIFIED", "ringing seen", "'2026-11-22 10:00:03.250'");
        reportingRecordsLeg(id, "att-2", 2, "'2026-11-22 10:00:02.000'", "'2026-11-22 10:00:02.900'", 16, "NORMAL_CLEARING", "VERIFIED");
        reportingRecordsLeg(id, "att-1", 1, "'2026-11-22 10:00:00.100'", null, 34, "NO_CIRCUIT_AVAILABLE", "ROUTE_FAILURE");

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
        assertThat(attempts.get(0).get("outcome").asText()).isEqualTo("ROUTE_FAILURE");
        assertThat(attempts.get(0).has("ringingAt")).isFalse();
        assertThat(attempts.get(1).get("attemptId").asText()).isEqualTo("att-2");
        assertThat(attempts.get(1).get("ringingAt").asText()).isEqualTo("2026-11-22T10:00:02.900Z");
        assertThat(attempts.get(1).get("outcome").asText()).isEqualTo("VERIFIED");
    }

    @Test
    void aLegTheAdapterHandedBackUndialedIsNotAnAttempt() {
        String id = gateway.submit(shop.apiKey(), "{\"phoneNumber\": \"" + MOBILE + "\"}").text("id");
        reportingProjects(id, shop.clientId(), "IN_PROGRESS", null, null);
        reportingRecordsLeg(id, "att-handed-back", 1, "REJECTED", null, null, null, null, null);
        reportingRecordsLeg(id, "att-ringing", 2, "RINGING", "'2026-11-22 10:00:01.000'", "'2026-11-22 10:00:01.500'",
                null, null, null);

        var attempts = gateway.find(shop.apiKey(), id).body().get("attempts");

        assertThat(attempts).hasSize(1);
        assertThat(attempts.get(0).get("attemptId").asText()).isEqualTo("att-ringing");
        assertThat(attempts.get(0).has("outcome")).isFalse();
    }

    @Test
    void aProjectedMissedCallShowsTheDialInNumberItWasGiven() {
        Answer accepted = gateway.submit(shop.apiKey(),
                "{\"phoneNumber\": \"" + MOBILE + "\", \"method\": \"MISSED_CALL\"}");
        String id = accepted.text("id");
        reportingProjects(id, shop.clientId(), "VERIFIED", "missed call received", "'2026-11-22 10:00:20.000'");

        Answer found = gateway.find(shop.apiKey(), id);

        assertThat(found.text("status")).isEqualTo("VERIFIED");
        assertThat(found.text("method")).isEqualTo("MISSED_CALL");
        assertThat(found.text("dialInNumber")).isEqualTo(accepted.text("dialInNumber")).isNotBlank();
        assertThat(found.body().get("attempts")).isEmpty();
    }

    @Test
    void aProjectedFlashCallHasNoDialInNumber() {
        String id = gateway.submit(shop.apiKey(), "{\"phoneNumber\": \"" + MOBILE + "\"}").text("id");
        reportingProjects(id, shop.clientId(), "VERIFIED", null, "'2026-11-22 10:00:03.000'");

        assertThat(gateway.find(shop.apiKey(), id).body().has("dialInNumber")).isFalse();
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

    @Test
    void theWebhookLogShowsEveryDeliveryWithItsTriesOnlyToItsClient() {
        String id = gateway.submit(shop.apiKey(), "{\"phoneNumber\": \"" + MOBILE + "\"}").text("id");
        reportingProjects(id, shop.clientId(), "VERIFIED", "ringing seen", "'2026-11-22 10:00:03.250'");
        assertThat(gateway.deliveries(shop.apiKey(), id).body().get("deliveries")).isEmpty();

        stack.execute("INSERT INTO webhook_deliveries (event_id, verification_id, client_id, callback_url, endpoint, body,"
                + " state, attempts, terminal_at, created_at, next_attempt_at, give_up_at, delivered_at, last_error)"
                + " VALUES ('evt-1', '" + id + "', '" + shop.clientId() + "', 'https://shop.example/hooks',"
                + " 'https://shop.example:443', '{}', 'DELIVERED', 2, '2026-11-22 10:00:03.250', '2026-11-22 10:00:03.300',"
                + " '2026-11-22 10:00:04.300', '2026-11-23 10:00:03.300', '2026-11-22 10:00:04.420', 'HTTP 503')");
        stack.execute("INSERT INTO webhook_attempts (event_id, verification_id, attempt_number, attempted_at, http_status,"
                + " error, duration_ms) VALUES ('evt-1', '" + id + "', 2, '2026-11-22 10:00:04.400', 200, NULL, 20),"
                + " ('evt-1', '" + id + "', 1, '2026-11-22 10:00:03.310', 503, 'HTTP 503', 41)");

        Answer log = gateway.deliveries(shop.apiKey(), id);

        assertThat(log.status()).isEqualTo(200);
        assertThat(log.text("verificationId")).isEqualTo(id);
        var delivery = log.body().get("deliveries");
        assertThat(delivery).hasSize(1);
        assertThat(delivery.get(0).get("eventId").asText()).isEqualTo("evt-1");
        assertThat(delivery.get(0).get("state").asText()).isEqualTo("DELIVERED");
        assertThat(delivery.get(0).get("deliveredAt").asText()).isEqualTo("2026-11-22T10:00:04.420Z");
        assertThat(delivery.get(0).has("nextAttemptAt")).as("only while pending").isFalse();
        var tries = delivery.get(0).get("tries");
        assertThat(tries).hasSize(2);
        assertThat(tries.get(0).get("attemptNumber").asInt()).isEqualTo(1);
        assertThat(tries.get(0).get("httpStatus").asInt()).isEqualTo(503);
        assertThat(tries.get(1).get("httpStatus").asInt()).isEqualTo(200);

        Client other = gateway.createClient("Nosy Webhook Shop");
        Answer nosy = gateway.deliveries(other.apiKey(), id);
        assertThat(nosy.status()).isEqualTo(404);
        assertThat(nosy.code()).isEqualTo("not_found");
        assertThat(gateway.deliveries(shop.apiKey(), "ver_unknown").status()).isEqualTo(404);
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
        reportingRecordsLeg(id, attemptId, number, "ENDED", startedAt, ringingAt, cause, "'" + causeText + "'",
                "'" + outcome + "'");
    }

    /** SQL literals (or {@code null}) for the times, cause, cause text and outcome. */
    private static void reportingRecordsLeg(String id, String attemptId, int number, String state, String startedAt,
                                            String ringingAt, Integer cause, String causeText, String outcome) {
        boolean ended = state.equals("ENDED");
        stack.execute("INSERT INTO call_legs (attempt_id, verification_id, attempt_number, trunk_id, server_id, state,"
                + " started_at, ringing_at, ended_at, q850_cause, cause_text, outcome) VALUES ('" + attemptId + "', '" + id
                + "', " + number + ", 'srv1-t1', 'srv1', '" + state + "', " + sql(startedAt) + ", " + sql(ringingAt)
                + ", " + (ended ? sql(startedAt) : "NULL") + ", " + sql(cause) + ", " + sql(causeText) + ", "
                + sql(outcome) + ")");
    }

    private static String sql(Object literal) {
        return literal == null ? "NULL" : literal.toString();
    }
}
