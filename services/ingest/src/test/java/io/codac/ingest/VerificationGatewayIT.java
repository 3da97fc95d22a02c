package io.codac.ingest;

import io.codac.ingest.GatewayCalls.Answer;
import io.codac.ingest.GatewayCalls.Client;
import io.codac.ingest.RequestedTopic.Requested;
import io.codac.ingest.web.RequestMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway on the real broker and database: clients created through the admin endpoint, requests
 * accepted only once their record is on the topic, every refusal a problem with its code. Reporting's
 * tables do not exist in this schema, so every {@code GET} here is answered from ingest's own record.
 */
@SpringBootTest(classes = IngestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class VerificationGatewayIT {

    private static final IngestTestStack stack = new IngestTestStack();
    private static final String MOBILE = "+919876543210";
    private static final String LANDLINE = "+911123456789";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        stack.register(registry, Map.of());
    }

    @Autowired
    private WebTestClient http;

    @Autowired
    private MeterRegistry meters;

    private GatewayCalls gateway;
    private RequestedTopic requested;
    private Client shop;

    @BeforeEach
    void setUp() {
        gateway = new GatewayCalls(http);
        requested = new RequestedTopic(stack.infra.kafkaBootstrapServers(), stack.namespace.topics().verificationRequested());
        shop = gateway.createClient("Acme Shop");
    }

    @Test
    void anAcceptedRequestIsOnTheTopicKeyedByItsNormalizedNumber() {
        Answer answer = gateway.submit(shop.apiKey(), """
                {"phoneNumber": "+919876543210", "clientRef": "order-1", "metadata": {"channel": "web"}}""");

        assertThat(answer.status()).isEqualTo(202);
        String id = answer.text("id");
        assertThat(id).startsWith("ver_");
        assertThat(answer.text("status")).isEqualTo("PENDING");
        assertThat(answer.text("phoneNumber")).isEqualTo(MOBILE);
        assertThat(answer.text("method")).isEqualTo("FLASH_CALL");
        assertThat(answer.text("clientRef")).isEqualTo("order-1");
        assertThat(answer.text("expiresAt")).isNotBlank();
        assertThat(answer.body().has("dialInNumber")).isFalse();
        assertThat(answer.headers().getLocation()).hasToString("/v1/verifications/" + id);

        List<Requested> records = requested.forVerification(id);
        assertThat(records).hasSize(1);
        assertThat(records.getFirst().key()).isEqualTo(MOBILE);
        assertThat(records.getFirst().event().clientId()).isEqualTo(shop.clientId());
        assertThat(records.getFirst().event().phoneNumber()).isEqualTo(MOBILE);
        assertThat(records.getFirst().event().metadata()).containsEntry("channel", "web");
        assertThat(records.getFirst().event().expiresAt()).hasToString(answer.text("expiresAt"));
    }

    @Test
    void aNationalNumberWithItsRegionIsNormalizedToE164() {
        Answer answer = gateway.submit(shop.apiKey(), """
                {"phoneNumber": "098765 43210", "defaultRegion": "IN", "clientRef": "order-2"}""");

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.text("phoneNumber")).isEqualTo(MOBILE);
        assertThat(requested.forVerification(answer.text("id"))).extracting(Requested::key).containsExactly(MOBILE);
    }

    @Test
    void aMissedCallIsGivenTheFleetsDialInNumberInTheAnswerTheEventAndItsStatus() {
        String did = stack.fleet.dids().getFirst();

        Answer answer = gateway.submit(shop.apiKey(), """
                {"phoneNumber": "+919876543210", "method": "MISSED_CALL"}""", "missed-1");

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.text("method")).isEqualTo("MISSED_CALL");
        assertThat(answer.text("dialInNumber")).isEqualTo(did);
        String id = answer.text("id");
        assertThat(requested.forVerification(id)).singleElement()
                .satisfies(record -> assertThat(record.event().dialInNumber()).isEqualTo(did));
        Answer found = gateway.find(shop.apiKey(), id);
        assertThat(found.text("status")).isEqualTo("PENDING");
        assertThat(found.text("dialInNumber")).isEqualTo(did);
    }

    @Test
    void aLandlineIsRefusedAsAnUnsupportedNumberType() {
        Answer answer = gateway.submit(shop.apiKey(), "{\"phoneNumber\": \"" + LANDLINE + "\"}");

        assertProblem(answer, 422, "unsupported_number_type");
        assertThat(answer.text("field")).isEqualTo("phoneNumber");
    }

    @Test
    void garbageIsRefusedAsAnInvalidPhoneNumber() {
        assertProblem(gateway.submit(shop.apiKey(), "{\"phoneNumber\": \"call me maybe\"}"), 422, "invalid_phone_number");
    }

    @Test
    void noKeyOrABadKeyIsUnauthorized() {
        String body = "{\"phoneNumber\": \"" + MOBILE + "\"}";

        assertProblem(gateway.submit(null, body), 401, "unauthorized");
        assertProblem(gateway.submit("codac_thisisnotakeyofanyclient0000000000000", body), 401, "unauthorized");
        assertProblem(gateway.submit(shop.webhookSecret(), body), 401, "unauthorized");
        assertProblem(gateway.find("codac_nope", "ver_x"), 401, "unauthorized");
    }

    @Test
    void aRevokedKeyIsRefusedAtOnce() {
        Client revoked = gateway.createClient("Revoked Shop");
        stack.execute("UPDATE api_keys SET revoked_at = CURRENT_TIMESTAMP(3) WHERE client_id = '" + revoked.clientId() + "'");

        assertProblem(gateway.submit(revoked.apiKey(), "{\"phoneNumber\": \"" + MOBILE + "\"}"), 401, "unauthorized");
    }

    @Test
    void malformedJsonAndWrongTypesAreBadRequestsNamingTheField() {
        assertProblem(gateway.submit(shop.apiKey(), "{\"phoneNumber\": "), 400, "malformed_request");

        Answer wrongType = gateway.submit(shop.apiKey(), "{\"phoneNumber\": \"" + MOBILE + "\", \"ttlSeconds\": \"soon\"}");
        assertProblem(wrongType, 400, "malformed_request");
        assertThat(wrongType.text("field")).isEqualTo("ttlSeconds");

        Answer unknownField = gateway.submit(shop.apiKey(), "{\"phoneNumber\": \"" + MOBILE + "\", \"callbackURL\": \"https://x.example\"}");
        assertThat(unknownField.text("field")).isEqualTo("callbackURL");

        Answer insecureCallback = gateway.submit(shop.apiKey(),
                "{\"phoneNumber\": \"" + MOBILE + "\", \"callbackUrl\": \"http://127.0.0.1:9/hook\"}");
        assertProblem(insecureCallback, 400, "malformed_request");
        assertThat(insecureCallback.text("field")).isEqualTo("callbackUrl");
    }

    @Test
    void aBodyOverTheLimitIsTooLarge() {
        String huge = "{\"phoneNumber\": \"" + MOBILE + "\", \"clientRef\": \"" + "x".repeat(20_000) + "\"}";

        assertProblem(gateway.submit(shop.apiKey(), huge), 413, "payload_too_large");
    }

    @Test
    void anAcceptedRequestIsRecordedAsPublished() {
        Answer answer = gateway.submit(shop.apiKey(), "{\"phoneNumber\": \"" + MOBILE + "\"}", "published-1");

        assertThat(answer.status()).isEqualTo(202);
        assertThat(stack.count("SELECT COUNT(*) FROM accepted_verifications WHERE verification_id = '"
                + answer.text("id") + "' AND publish_state = 'PUBLISHED'")).isEqualTo(1);
    }

    @Test
    void theSameIdempotencyKeyAndBodyReturnTheOriginalAnswerAndMakeOneVerification() {
        String body = "{\"phoneNumber\": \"" + MOBILE + "\", \"clientRef\": \"order-3\"}";

        Answer first = gateway.submit(shop.apiKey(), body, "order-3-attempt");
        Answer retry = gateway.submit(shop.apiKey(), body, "order-3-attempt");

        assertThat(first.status()).isEqualTo(202);
        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(requested.forVerification(first.text("id"))).hasSize(1);
        assertThat(requested.all()).filteredOn(r -> "order-3".equals(r.event().clientRef())).hasSize(1);
        assertThat(stack.count("SELECT COUNT(*) FROM accepted_verifications WHERE idempotency_key = 'order-3-attempt'"))
                .isEqualTo(1);
    }

    @Test
    void theSameIdempotencyKeyWithAnotherBodyIsAConflict() {
        Answer first = gateway.submit(shop.apiKey(), "{\"phoneNumber\": \"" + MOBILE + "\", \"clientRef\": \"order-4\"}", "key-4");
        Answer other = gateway.submit(shop.apiKey(), "{\"phoneNumber\": \"" + MOBILE + "\", \"clientRef\": \"order-5\"}", "key-4");

        assertThat(first.status()).isEqualTo(202);
        assertProblem(other, 409, "idempotency_conflict");
        assertThat(requested.all()).filteredOn(r -> "order-5".equals(r.event().clientRef())).isEmpty();
    }

    @Test
    void idempotencyKeysAreScopedToTheClient() {
        Client other = gateway.createClient("Other Shop");
        String body = "{\"phoneNumber\": \"" + MOBILE + "\"}";

        Answer mine = gateway.submit(shop.apiKey(), body, "shared-key");
        Answer theirs = gateway.submit(other.apiKey(), body, "shared-key");

        assertThat(theirs.status()).isEqualTo(202);
        assertThat(theirs.text("id")).isNotEqualTo(mine.text("id"));
    }

    @Test
    void aGetRightAfterTheAcceptanceFindsItPending() {
        Answer accepted = gateway.submit(shop.apiKey(), "{\"phoneNumber\": \"" + MOBILE + "\", \"clientRef\": \"order-6\"}");

        Answer found = gateway.find(shop.apiKey(), accepted.text("id"));

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.text("id")).isEqualTo(accepted.text("id"));
        assertThat(found.text("status")).isEqualTo("PENDING");
        assertThat(found.text("phoneNumber")).isEqualTo(MOBILE);
        assertThat(found.text("clientRef")).isEqualTo("order-6");
        assertThat(found.text("expiresAt")).isEqualTo(accepted.text("expiresAt"));
        assertThat(found.body().get("attempts")).isEmpty();
    }

    @Test
    void anotherClientsVerificationIsNotFound() {
        Client other = gateway.createClient("Nosy Shop");
        Answer accepted = gateway.submit(shop.apiKey(), "{\"phoneNumber\": \"" + MOBILE + "\"}");

        assertProblem(gateway.find(other.apiKey(), accepted.text("id")), 404, "not_found");
        assertProblem(gateway.find(shop.apiKey(), "ver_doesnotexist"), 404, "not_found");
    }

    @Test
    void unknownRoutesAreNotFoundProblems() {
        assertProblem(gateway.get("/v2/whatever"), 404, "not_found");
    }

    @Test
    void theAdminEndpointWantsTheOperatorToken() {
        var answer = http.post().uri("/admin/v1/clients")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + shop.apiKey())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Sneaky"))
                .exchange();

        answer.expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("unauthorized");
    }

    @Test
    void keysAreStoredOnlyAsHashes() {
        assertThat(stack.count("SELECT COUNT(*) FROM api_keys WHERE key_hash = SHA2('" + shop.apiKey() + "', 256)")).isEqualTo(1);
        assertThat(stack.count("SELECT COUNT(*) FROM api_keys WHERE key_hash = '" + shop.apiKey()
                + "' OR key_prefix = '" + shop.apiKey() + "'")).isZero();
    }

    @Test
    void theGatewayServesItsOpenApiDescription() {
        http.get().uri("/v1/openapi.yaml").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("application/yaml")
                .expectBody(String.class).value(yaml -> assertThat(yaml).startsWith("openapi: 3.1.0"));
    }

    @Test
    void requestsAreCountedByRouteAndOutcome() {
        gateway.submit(shop.apiKey(), "{\"phoneNumber\": \"" + MOBILE + "\"}");
        gateway.submit(shop.apiKey(), "{\"phoneNumber\": \"" + LANDLINE + "\"}");

        assertThat(count("/v1/verifications", "accepted")).isPositive();
        assertThat(count("/v1/verifications", "unsupported_number_type")).isPositive();
        assertThat(count("/admin/v1/clients", "created")).isPositive();
    }

    private double count(String route, String outcome) {
        var counter = meters.find(RequestMetrics.METRIC).tag("route", route).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static void assertProblem(Answer answer, int status, String code) {
        assertThat(answer.status()).as("status of %s", answer.body()).isEqualTo(status);
        assertThat(answer.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.code()).isEqualTo(code);
        assertThat(answer.text("type")).isEqualTo("urn:codac:problem:" + code);
        assertThat(answer.body().path("status").asInt()).isEqualTo(status);
        assertThat(answer.text("title")).isNotBlank();
        assertThat(answer.text("detail")).isNotBlank();
    }
}
