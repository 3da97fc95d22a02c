package io.codac.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.codac.ingest.GatewayCalls.Client;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Key rotation and revocation through the operator endpoints, on the real database: a new key works at
 * once, the old one until the end of the overlap, and a revoked key is refused from the next request.
 */
@SpringBootTest(classes = IngestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KeyRotationIT {

    private static final IngestTestStack stack = new IngestTestStack();
    private static final String BODY = "{\"phoneNumber\": \"+919876540000\"}";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        stack.register(registry, Map.of());
    }

    private WebTestClient http;

    @Autowired
    void http(WebTestClient client) {
        this.http = client.mutate().responseTimeout(Duration.ofSeconds(20)).build(); // a shared, busy machine
    }

    private JsonNode rotate(String clientId, String body) {
        var request = http.post().uri("/admin/v1/clients/{id}/keys", clientId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + IngestTestStack.ADMIN_TOKEN)
                .contentType(MediaType.APPLICATION_JSON);
        return (body == null ? request : request.bodyValue(body)).exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private int revoke(String clientId, String keyId, String token) {
        return http.delete().uri("/admin/v1/clients/{id}/keys/{keyId}", clientId, keyId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange().returnResult(String.class).getStatus().value();
    }

    @Test
    void afterARotationBothKeysWorkDuringTheOverlapAndAZeroOverlapEndsTheOldKeyAtOnce() {
        var gateway = new GatewayCalls(http);
        Client shop = gateway.createClient("Rotating Shop");

        JsonNode rotated = rotate(shop.clientId(), null);
        String newKey = rotated.get("apiKey").asText();

        assertThat(newKey).startsWith("codac_").isNotEqualTo(shop.apiKey());
        assertThat(rotated.get("previousKeysExpireAt").asText()).isNotBlank();
        assertThat(gateway.submit(newKey, BODY).status()).isEqualTo(202);
        assertThat(gateway.submit(shop.apiKey(), BODY).status()).isEqualTo(202);

        JsonNode again = rotate(shop.clientId(), "{\"overlapSeconds\": 0}");

        assertThat(gateway.submit(shop.apiKey(), BODY).status()).isEqualTo(401);
        assertThat(gateway.submit(newKey, BODY).status()).isEqualTo(401);
        assertThat(gateway.submit(again.get("apiKey").asText(), BODY).status()).isEqualTo(202);
    }

    @Test
    void aRevokedKeyIsRefusedFromTheNextRequestAndOnlyTheOperatorMayRevoke() {
        var gateway = new GatewayCalls(http);
        JsonNode created = http.post().uri("/admin/v1/clients")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + IngestTestStack.ADMIN_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Revoked Shop"))
                .exchange().expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        String clientId = created.get("clientId").asText();
        String apiKey = created.get("apiKey").asText();
        String keyId = created.get("keyId").asText();
        assertThat(gateway.submit(apiKey, BODY).status()).isEqualTo(202);

        assertThat(revoke(clientId, keyId, apiKey)).isEqualTo(401);
        assertThat(revoke(clientId, keyId, IngestTestStack.ADMIN_TOKEN)).isEqualTo(204);

        var refused = gateway.submit(apiKey, BODY);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.code()).isEqualTo("unauthorized");
        assertThat(revoke(clientId, keyId, IngestTestStack.ADMIN_TOKEN)).isEqualTo(204);
        assertThat(revoke(clientId, "key_unknown", IngestTestStack.ADMIN_TOKEN)).isEqualTo(404);
        Client other = gateway.createClient("Other Shop");
        assertThat(revoke(other.clientId(), keyId, IngestTestStack.ADMIN_TOKEN)).isEqualTo(404);
    }

    @Test
    void rotatingAnUnknownClientIsNotFound() {
        int status = http.post().uri("/admin/v1/clients/{id}/keys", "cli_nobody")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + IngestTestStack.ADMIN_TOKEN)
                .exchange().returnResult(String.class).getStatus().value();

        assertThat(status).isEqualTo(404);
    }
}
