package io.codac.ingest.verification;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codac.ingest.client.ApiKeyAuthenticator;
import io.codac.ingest.client.AuthenticatedClient;
import io.codac.ingest.web.BoundedBody;
import io.codac.ingest.web.JsonBody;
import io.codac.ingest.web.ProblemCode;
import io.codac.ingest.web.ProblemException;
import io.codac.ingest.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /v1/verifications/batch}: up to {@link #MAX_ITEMS} requests in one call, each judged on its
 * own. Every item goes through exactly the rules and the durability sequence of a single request (one
 * item = one {@code POST /v1/verifications}), so an item answered {@code 202} is in Kafka before the
 * batch is answered, and an invalid item does not stop the valid ones. The batch itself is {@code 200}
 * with a result per item, in the order sent; only a batch that cannot be read at all (not JSON, no
 * {@code items}, too many items, too large) is refused as a whole.
 *
 * <p>Idempotency per item: an item's own {@code idempotencyKey}, or else, when the batch carries an
 * {@code Idempotency-Key} header, {@code <header>#<index>} — so resending the same batch with the same
 * header creates nothing twice.
 */
class BatchVerificationHandler {

    private static final Logger log = LoggerFactory.getLogger(BatchVerificationHandler.class);
    static final int MAX_ITEMS = 1_000;
    static final String ITEM_IDEMPOTENCY_KEY = "idempotencyKey";
    /** Items processed at once: enough to fill the producer's batches, few enough for the connection pool. */
    private static final int CONCURRENCY = 32;

    private final ApiKeyAuthenticator authenticator;
    private final VerificationHandler single;
    private final ObjectMapper mapper;
    private final int maxBatchBytes;
    private final Duration retryAfter;
    private final BatchAdmission admission;

    BatchVerificationHandler(ApiKeyAuthenticator authenticator, VerificationHandler single, ObjectMapper mapper,
                             int maxBatchBytes, Duration retryAfter, BatchAdmission admission) {
        this.authenticator = authenticator;
        this.single = single;
        this.mapper = mapper;
        this.maxBatchBytes = maxBatchBytes;
        this.retryAfter = retryAfter;
        this.admission = admission;
    }

    /** Whatever a batch must pass as a whole before its items are looked at (the client's rate limit). */
    @FunctionalInterface
    interface BatchAdmission {
        Mono<Void> admit(AuthenticatedClient client, int items);
    }

    /** The answer for one item: {@code verification} when {@code 202}, {@code problem} otherwise. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ItemResult(int index, int status, VerificationHandler.AcceptedResponse verification, ItemProblem problem) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ItemProblem(String type, String code, String title, String detail, String field, Long retryAfterSeconds) {

        static ItemProblem of(ProblemException problem) {
            Long retryAfter = problem.retryAfter() == null ? null : Math.max(1, ceilSeconds(problem.retryAfter()));
            return new ItemProblem(problem.code().type(), problem.code().code(), problem.code().title(),
                    problem.getMessage(), problem.field(), retryAfter);
        }
    }

    record BatchResult(int accepted, int rejected, List<ItemResult> results) {
    }

    Mono<ServerResponse> submit(ServerRequest request) {
        String batchKey = VerificationHandler.idempotencyKey(request);
        return authenticator.authenticate(request)
                .flatMap(client -> BoundedBody.read(request, maxBatchBytes)
                        .map(this::items)
                        .flatMap(items -> admission.admit(client, items.size()).thenReturn(items))
                        .flatMap(items -> Flux.range(0, items.size())
                                .flatMapSequential(index -> item(client, index, items.get(index), batchKey), CONCURRENCY)
                                .collectList()))
                .map(results -> {
                    int accepted = (int) results.stream().filter(r -> r.status() == 202).count();
                    return new BatchResult(accepted, results.size() - accepted, results);
                })
                .flatMap(result -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(result));
    }

    /** The items of {@code {"items": [...]}}, 1 to {@link #MAX_ITEMS} of them. */
    List<JsonNode> items(byte[] body) {
        JsonNode root = JsonBody.parse(JsonBody.strictReader(mapper), body).allowOnly(Set.of("items")).node("items");
        if (root == null || !root.isArray()) {
            throw new ProblemException(ProblemCode.MALFORMED_REQUEST, "items must be an array of verification requests",
                    "items");
        }
        if (root.isEmpty()) {
            throw new ProblemException(ProblemCode.MALFORMED_REQUEST, "items must hold at least one request", "items");
        }
        if (root.size() > MAX_ITEMS) {
            throw new ProblemException(ProblemCode.PAYLOAD_TOO_LARGE, "a batch holds at most " + MAX_ITEMS
                    + " items, this one has " + root.size() + "; split it", "items");
        }
        var items = new ArrayList<JsonNode>(root.size());
        root.forEach(items::add);
        return items;
    }

    private Mono<ItemResult> item(AuthenticatedClient client, int index, JsonNode item, String batchKey) {
        return Mono.defer(() -> {
                    if (!item.isObject()) {
                        throw new ProblemException(ProblemCode.MALFORMED_REQUEST,
                                "items[" + index + "] must be a JSON object", "items[" + index + "]");
                    }
                    ObjectNode request = ((ObjectNode) item).deepCopy();
                    String key = itemKey(request.remove(ITEM_IDEMPOTENCY_KEY), index, batchKey);
                    return single.accept(client, bytes(request), key);
                })
                .map(acceptance -> {
                    ProblemException refusal = VerificationHandler.refusal(acceptance, retryAfter);
                    return refusal == null
                            ? new ItemResult(index, 202, VerificationHandler.AcceptedResponse.of(accepted(acceptance)), null)
                            : refused(index, refusal);
                })
                .onErrorResume(error -> {
                    ProblemException problem = Problems.from(error, "POST", "/v1/verifications/batch", retryAfter);
                    if (problem.code() == ProblemCode.INTERNAL_ERROR) {
                        log.error("unexpected error on item {} of a batch", index, error);
                    }
                    return Mono.just(refused(index, problem));
                });
    }

    static long ceilSeconds(Duration duration) {
        return (duration.toMillis() + 999) / 1000;
    }

    private static String itemKey(JsonNode own, int index, String batchKey) {
        if (own != null && !own.isNull()) {
            if (!own.isTextual()) {
                throw new ProblemException(ProblemCode.MALFORMED_REQUEST, ITEM_IDEMPOTENCY_KEY + " must be a string",
                        ITEM_IDEMPOTENCY_KEY);
            }
            return VerificationHandler.checkedIdempotencyKey(own.textValue(), ITEM_IDEMPOTENCY_KEY);
        }
        if (batchKey == null) {
            return null;
        }
        return VerificationHandler.checkedIdempotencyKey(batchKey + "#" + index, VerificationHandler.IDEMPOTENCY_KEY);
    }

    private static io.codac.ingest.verification.domain.AcceptedVerification accepted(Acceptance acceptance) {
        return switch (acceptance) {
            case Acceptance.Created created -> created.verification();
            case Acceptance.Replayed replayed -> replayed.verification();
            default -> throw new IllegalStateException("not accepted: " + acceptance);
        };
    }

    private static ItemResult refused(int index, ProblemException problem) {
        return new ItemResult(index, problem.code().status().value(), null, ItemProblem.of(problem));
    }

    /** The item as its own request body: its hash is what a retry of the item must match. */
    private byte[] bytes(ObjectNode request) {
        try {
            return mapper.writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree could not be written back", e);
        }
    }
}
