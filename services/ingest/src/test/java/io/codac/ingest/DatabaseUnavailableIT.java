package io.codac.ingest;

import io.codac.ingest.GatewayCalls.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the database cannot be reached, nothing can be checked or made durable: every request that
 * needs it is {@code 503} with {@code Retry-After}, not an internal error. The gateway's R2DBC
 * connection points at a port where no database listens (its migrations ran on the real one).
 */
@SpringBootTest(classes = IngestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DatabaseUnavailableIT {

    private static final IngestTestStack stack = new IngestTestStack();
    private static final String WELL_FORMED_KEY = "codac_" + "a".repeat(40);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        int deadPort;
        try (var socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        stack.register(registry, Map.of("spring.r2dbc.url", "r2dbc:mysql://127.0.0.1:" + deadPort + "/" + stack.db.name()));
    }

    @Autowired
    private WebTestClient http;

    @Test
    void aRequestIsUnavailableNotAnErrorWhileTheDatabaseIsDown() {
        var gateway = new GatewayCalls(http);

        assertUnavailable(gateway.submit(WELL_FORMED_KEY, "{\"phoneNumber\": \"+919876543210\"}", "db-down-1"));
        assertUnavailable(gateway.find(WELL_FORMED_KEY, "ver_whatever"));
    }

    @Test
    void provisioningAClientIsUnavailableWhileTheDatabaseIsDown() {
        var answer = http.post().uri("/admin/v1/clients")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + IngestTestStack.ADMIN_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Too Early Shop"))
                .exchange();

        answer.expectStatus().isEqualTo(503)
                .expectHeader().valueEquals("Retry-After", "5")
                .expectBody().jsonPath("$.code").isEqualTo("service_unavailable");
    }

    private static void assertUnavailable(Answer answer) {
        assertThat(answer.status()).as("status of %s", answer.body()).isEqualTo(503);
        assertThat(answer.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.code()).isEqualTo("service_unavailable");
        assertThat(answer.headers().getFirst("Retry-After")).isEqualTo("5");
    }
}
