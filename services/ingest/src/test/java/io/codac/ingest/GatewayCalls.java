package io.codac.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a client integration sends to the gateway, over real HTTP. */
final class GatewayCalls {

    private final WebTestClient http;

    GatewayCalls(WebTestClient http) {
        this.http = http;
    }

    record Client(String clientId, String apiKey, String webhookSecret) {
    }

    record Answer(int status, HttpHeaders headers, JsonNode body) {

        String code() {
            return body.path("code").asText(null);
        }

        String text(String field) {
            return body.path(field).asText(null);
        }
    }

    Client createClient(String name) {
        return createClient(Map.of("name", name));
    }

    Client createClient(Map<String, Object> request) {
        JsonNode body = http.post().uri("/admin/v1/clients")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + IngestTestStack.ADMIN_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(request)
                .exchange()
                .expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(body).isNotNull();
        return new Client(body.get("clientId").asText(), body.get("apiKey").asText(), body.get("webhookSecret").asText());
    }

    Answer submit(String apiKey, String json) {
        return submit(apiKey, json, null);
    }

    Answer submit(String apiKey, String json, String idempotencyKey) {
        var request = http.post().uri("/v1/verifications").contentType(MediaType.APPLICATION_JSON);
        if (apiKey != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey);
        }
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return answer(request.bodyValue(json).exchange());
    }

    Answer submitBatch(String apiKey, String json, String idempotencyKey) {
        var request = http.post().uri("/v1/verifications/batch").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey);
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return answer(request.bodyValue(json).exchange());
    }

    Answer find(String apiKey, String verificationId) {
        return answer(http.get().uri("/v1/verifications/{id}", verificationId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey)
                .exchange());
    }

    Answer deliveries(String apiKey, String verificationId) {
        return answer(http.get().uri("/v1/verifications/{id}/deliveries", verificationId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey)
                .exchange());
    }

    Answer get(String path) {
        return answer(http.get().uri(path).exchange());
    }

    private static Answer answer(WebTestClient.ResponseSpec spec) {
        var result = spec.expectBody(JsonNode.class).returnResult();
        return new Answer(result.getStatus().value(), result.getResponseHeaders(), result.getResponseBody());
    }
}
