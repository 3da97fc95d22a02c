package io.codac.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.codac.ingest.GatewayCalls.Answer;
import io.codac.ingest.GatewayCalls.Client;
import io.codac.ingest.verification.VerificationHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /v1/verifications/batch} on the real broker and database: a result per item in order,
 * valid items accepted (and on the topic) even when others are refused, {@code 413} over 1,000 items,
 * and a resent batch with the same {@code Idempotency-Key} creating nothing twice.
 */
@SpringBootTest(classes = IngestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BatchVerificationIT {

    private static final IngestTestStack stack = new IngestTestStack();

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
        shop = gateway.createClient("Batch Shop");
    }

    @Test
    void validItemsAreAcceptedAndOnTheTopicWhileInvalidOnesGetTheirOwnProblem() {
        Answer answer = gateway.submitBatch(shop.apiKey(), """
                {"items": [
                  {"phoneNumber": "+919876500001", "clientRef": "a"},
                  {"phoneNumber": "+911123456789"},
                  {"phoneNumber": "not a number"},
                  {"phoneNumber": "+919876500002", "colour": "red"},
                  "just a string",
                  {"phoneNumber": "9876500003", "defaultRegion": "IN", "idempotencyKey": "item-5"}
                ]}""", null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("accepted").asInt()).isEqualTo(2);
        assertThat(answer.body().get("rejected").asInt()).isEqualTo(4);
        JsonNode results = answer.body().get("results");
        assertThat(IntStream.range(0, 6).map(i -> results.get(i).get("index").asInt())).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(IntStream.range(0, 6).map(i -> results.get(i).get("status").asInt()))
                .containsExactly(202, 422, 422, 400, 400, 202);
        assertThat(results.get(1).at("/problem/code").asText()).isEqualTo("unsupported_number_type");
        assertThat(results.get(2).at("/problem/code").asText()).isEqualTo("invalid_phone_number");
        assertThat(results.get(3).at("/problem/field").asText()).isEqualTo("colour");
        assertThat(results.get(5).at("/verification/phoneNumber").asText()).isEqualTo("+919876500003");

        var onTopic = requested.all().stream().map(r -> r.event().verificationId()).collect(Collectors.toSet());
        assertThat(onTopic).contains(results.get(0).at("/verification/id").asText(),
                results.get(5).at("/verification/id").asText());
    }

    @Test
    void theSameBatchResentWithItsIdempotencyKeyCreatesNothingTwice() {
        String batch = """
                {"items": [{"phoneNumber": "+919876500011"}, {"phoneNumber": "+919876500012"}]}""";

        Answer first = gateway.submitBatch(shop.apiKey(), batch, "batch-1");
        Answer again = gateway.submitBatch(shop.apiKey(), batch, "batch-1");

        assertThat(first.body().get("accepted").asInt()).isEqualTo(2);
        assertThat(again.body().get("accepted").asInt()).isEqualTo(2);
        assertThat(again.body().at("/results/0/verification/id").asText())
                .isEqualTo(first.body().at("/results/0/verification/id").asText());
        assertThat(again.body().at("/results/1/verification/id").asText())
                .isEqualTo(first.body().at("/results/1/verification/id").asText());
        assertThat(stack.count("SELECT COUNT(*) FROM accepted_verifications WHERE client_id = '" + shop.clientId() + "'"
                + " AND idempotency_key LIKE 'batch-1#%'")).isEqualTo(2);
        assertThat(meters.counter(VerificationHandler.IDEMPOTENCY_METRIC, "outcome", "replayed").count())
                .isGreaterThanOrEqualTo(2);
        // latency by route, with the percentiles the benchmark and the dashboards read
        Timer batchLatency = meters.find("http.server.requests").tag("uri", "/v1/verifications/batch").timer();
        assertThat(batchLatency).isNotNull();
        assertThat(batchLatency.takeSnapshot().percentileValues()).extracting(v -> v.percentile())
                .containsExactly(0.5, 0.95, 0.99);
    }

    @Test
    void moreThanAThousandItemsIsPayloadTooLargeAndNothingIsAccepted() {
        String items = IntStream.range(0, 1_001).mapToObj(i -> "{\"phoneNumber\": \"+91987650" + String.format("%04d", i) + "\"}")
                .collect(Collectors.joining(",", "{\"items\": [", "]}"));

        Answer answer = gateway.submitBatch(shop.apiKey(), items, null);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.code()).isEqualTo("payload_too_large");
        assertThat(stack.count("SELECT COUNT(*) FROM accepted_verifications WHERE client_id = '" + shop.clientId() + "'"))
                .isZero();
    }

    @Test
    void aBatchWithoutItemsIsMalformed() {
        Answer answer = gateway.submitBatch(shop.apiKey(), "{\"items\": []}", null);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("malformed_request");
        assertThat(answer.text("field")).isEqualTo("items");
    }
}
