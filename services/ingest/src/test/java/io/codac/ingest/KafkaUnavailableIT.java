package io.codac.ingest;

import io.codac.ingest.GatewayCalls.Answer;
import io.codac.ingest.GatewayCalls.Client;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When Kafka provably never received a request, the gateway says {@code 503} with {@code Retry-After}
 * and keeps nothing: the accepted record is withdrawn. The gateway here points at a port where no
 * broker listens (the database is real), so {@code send()} itself gives up waiting for the topic's
 * metadata ({@code max.block.ms}): the record never left the producer.
 */
@SpringBootTest(classes = IngestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KafkaUnavailableIT {

    private static final IngestTestStack stack = new IngestTestStack();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        int deadPort;
        try (var socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        stack.register(registry, Map.of(
                "spring.kafka.bootstrap-servers", "127.0.0.1:" + deadPort,
                "codac.topics.create", "false",
                "codac.ingest.breaker.window", "2",
                "codac.ingest.breaker.minimum-calls", "2",
                "codac.ingest.breaker.open-for", "60s"));
    }

    @Autowired
    private WebTestClient http;

    @Autowired
    private CircuitBreaker kafkaPublishBreaker;

    @Test
    void aRequestKafkaCannotTakeIsRefusedWithRetryAfterAndLeavesNothingBehind() {
        WebTestClient patient = http.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        var gateway = new GatewayCalls(patient);
        Client shop = gateway.createClient("Unlucky Shop");

        Answer answer = gateway.submit(shop.apiKey(), "{\"phoneNumber\": \"+919876543210\"}", "retry-me");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.code()).isEqualTo("service_unavailable");
        assertThat(answer.headers().getFirst("Retry-After")).isEqualTo("5");
        assertThat(stack.count("SELECT COUNT(*) FROM accepted_verifications WHERE client_id = '" + shop.clientId() + "'"))
                .isZero();
    }

    @Test
    void onceKafkaHasFailedAgainAndAgainTheBreakerAnswers503AtOnceAndStillKeepsNothing() {
        WebTestClient patient = http.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        var gateway = new GatewayCalls(patient);
        Client shop = gateway.createClient("Breaker Shop");
        while (kafkaPublishBreaker.getState() == CircuitBreaker.State.CLOSED) { // each waits max.block.ms
            assertThat(gateway.submit(shop.apiKey(), "{\"phoneNumber\": \"+919876543211\"}").status()).isEqualTo(503);
        }

        long start = System.nanoTime();
        Answer answer = gateway.submit(shop.apiKey(), "{\"phoneNumber\": \"+919876543212\"}", "while-open");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.code()).isEqualTo("service_unavailable");
        assertThat(answer.headers().getFirst("Retry-After")).isEqualTo("5");
        // it did not wait for the producer (max.block.ms is 2 s): the issue asks for a 503 within a second
        assertThat(took).isLessThan(Duration.ofSeconds(1));
        assertThat(stack.count("SELECT COUNT(*) FROM accepted_verifications WHERE client_id = '" + shop.clientId() + "'"))
                .isZero();
    }
}
