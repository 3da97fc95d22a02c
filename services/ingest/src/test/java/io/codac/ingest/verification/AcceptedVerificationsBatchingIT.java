package io.codac.ingest.verification;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.codac.contracts.domain.VerificationMethod;
import io.codac.ingest.IngestProperties;
import io.codac.ingest.MigratedSchema;
import io.codac.ingest.sql.StatementBatches;
import io.codac.ingest.verification.domain.AcceptedVerification;
import io.codac.ingest.verification.domain.PublishState;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The batched statements of {@link AcceptedVerifications} on a real MariaDB. Each test holds the table locked while
 * a first statement runs, so the requests after it queue up and go out together as one batch — the situation under
 * load — and checks that each request still gets its own row's answer: a duplicate key told apart per request, an
 * error failing its own batch only, nothing of a failed statement written.
 */
class AcceptedVerificationsBatchingIT {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private final AtomicInteger ids = new AtomicInteger();
    private static final MigratedSchema schema = new MigratedSchema();
    private SimpleMeterRegistry meters;
    private AcceptedVerifications store;

    @BeforeEach
    void newStore() {
        meters = new SimpleMeterRegistry();
        // one statement of a kind at a time: while the first waits on the lock, every later request queues
        store = new AcceptedVerifications(schema.client(), new ObjectMapper(),
                new IngestProperties.StatementBatching(100, 1), meters);
    }

    @Test
    void requestsArrivingTogetherAreInsertedByMultiRowStatementsOfAtMostTheMaximumAndEachIsRecorded() throws Exception {
        List<AcceptedVerification> rows = new ArrayList<>();
        for (int i = 0; i < 151; i++) {
            rows.add(verification(i % 3 == 0 ? "together-" + i : null));
        }

        List<CompletableFuture<Boolean>> inserted = new ArrayList<>();
        try (var locked = schema.lockForWriting("accepted_verifications")) {
            rows.forEach(row -> inserted.add(store.insert(row).toFuture()));
        }

        assertThat(inserted).extracting(CompletableFuture::join).containsOnly(true);
        assertThat(countOf(rows)).isEqualTo(151);
        assertThat(batchSizes("insert").count()).isEqualTo(3); // the first alone, then 100, then 50
        assertThat(batchSizes("insert").max()).isEqualTo(100);
        AcceptedVerification stored = store.findByIdempotencyKey("client-a", "together-3").block();
        assertThat(stored).isEqualTo(rows.get(3));
    }

    @Test
    void aKeyUsedBeforeIsToldApartForItsOwnRequestAndTheRestOfTheBatchIsRecorded() throws Exception {
        AcceptedVerification original = verification("used-before");
        assertThat(store.insert(original).block()).isTrue();
        AcceptedVerification retry = verification("used-before");
        AcceptedVerification unkeyed = verification(null);
        AcceptedVerification keyed = verification("fresh-key");

        List<CompletableFuture<Boolean>> inserted;
        try (var locked = schema.lockForWriting("accepted_verifications")) {
            store.insert(verification(null)).toFuture(); // holds the statement slot while the others queue
            inserted = List.of(store.insert(unkeyed).toFuture(), store.insert(retry).toFuture(),
                    store.insert(keyed).toFuture());
        }

        assertThat(inserted).extracting(CompletableFuture::join).containsExactly(true, false, true);
        assertThat(batchSizes("insert").max()).isEqualTo(3);
        assertThat(countOf(List.of(unkeyed, keyed, original))).isEqualTo(3);
        assertThat(countOf(List.of(retry))).isZero();
    }

    @Test
    void twoRequestsWithOneNewKeyInOneBatchRecordOneVerification() throws Exception {
        AcceptedVerification first = verification("raced");
        AcceptedVerification second = verification("raced");
        AcceptedVerification bystander = verification(null);

        List<CompletableFuture<Boolean>> inserted;
        try (var locked = schema.lockForWriting("accepted_verifications")) {
            store.insert(verification(null)).toFuture();
            inserted = List.of(store.insert(first).toFuture(), store.insert(second).toFuture(),
                    store.insert(bystander).toFuture());
        }

        assertThat(inserted.subList(0, 2)).extracting(CompletableFuture::join).containsExactlyInAnyOrder(true, false);
        assertThat(inserted.get(2).join()).isTrue();
        assertThat(schema.count("SELECT COUNT(*) FROM accepted_verifications WHERE idempotency_key = 'raced'"))
                .isEqualTo(1);
    }

    @Test
    void aVerificationIdCollisionFailsThatRequestOnly() throws Exception {
        AcceptedVerification taken = verification(null);
        assertThat(store.insert(taken).block()).isTrue();
        AcceptedVerification collision = withId(verification(null), taken.verificationId());
        AcceptedVerification bystander = verification(null);

        CompletableFuture<Boolean> collided;
        CompletableFuture<Boolean> other;
        try (var locked = schema.lockForWriting("accepted_verifications")) {
            store.insert(verification(null)).toFuture();
            collided = store.insert(collision).toFuture();
            other = store.insert(bystander).toFuture();
        }

        assertThatThrownBy(collided::join).cause().isInstanceOf(DuplicateKeyException.class);
        assertThat(other.join()).isTrue();
        assertThat(countOf(List.of(bystander))).isEqualTo(1);
    }

    @Test
    void anyOtherErrorFailsEveryRequestOfItsBatchWritesNothingOfItAndSparesTheNextBatch() throws Exception {
        AcceptedVerification tooLong = withPhoneNumber(verification(null), "+91" + "9".repeat(30)); // VARCHAR(20)
        AcceptedVerification bystander = verification("in-a-failed-batch");

        CompletableFuture<Boolean> first;
        List<CompletableFuture<Boolean>> failed;
        try (var locked = schema.lockForWriting("accepted_verifications")) {
            first = store.insert(verification(null)).toFuture();
            failed = List.of(store.insert(tooLong).toFuture(), store.insert(bystander).toFuture());
        }
        AcceptedVerification later = verification(null);

        assertThat(first.join()).isTrue();
        assertThat(failed).allSatisfy(result -> assertThatThrownBy(result::join)
                .hasMessageContaining("Data too long"));
        assertThat(countOf(List.of(tooLong, bystander))).isZero();
        assertThat(store.insert(later).block()).isTrue();
    }

    @Test
    void confirmsArrivingTogetherShareOneUpdateAndTouchOnlyTheirOwnRows() throws Exception {
        List<AcceptedVerification> rows = List.of(verification(null), verification(null), verification("c"),
                verification(null));
        rows.forEach(row -> assertThat(store.insert(row).block()).isTrue());
        assertThat(store.unconfirm(rows.get(2).verificationId()).block()).isTrue();

        List<CompletableFuture<Void>> confirmed;
        try (var locked = schema.lockForWriting("accepted_verifications")) {
            confirmed = rows.subList(0, 3).stream().map(row -> store.confirm(row.verificationId()).toFuture()).toList();
        }

        confirmed.forEach(CompletableFuture::join);
        assertThat(batchSizes("confirm").max()).isEqualTo(2);
        assertThat(rows).extracting(row -> stateOf(row.verificationId())).containsExactly(
                PublishState.PUBLISHED, PublishState.PUBLISHED, PublishState.PUBLISHED, PublishState.PUBLISHING);
    }

    private DistributionSummary batchSizes(String statement) {
        return meters.get(StatementBatches.METRIC).tag("statement", statement).summary();
    }

    private PublishState stateOf(String verificationId) {
        return PublishState.valueOf(schema.queryOne("SELECT publish_state FROM accepted_verifications"
                + " WHERE verification_id = '" + verificationId + "'"));
    }

    private long countOf(List<AcceptedVerification> rows) {
        return schema.count("SELECT COUNT(*) FROM accepted_verifications WHERE verification_id IN ("
                + String.join(", ", rows.stream().map(row -> "'" + row.verificationId() + "'").toList()) + ")");
    }

    private AcceptedVerification verification(String idempotencyKey) {
        int n = ids.incrementAndGet();
        return new AcceptedVerification("ver_batched_" + n + "_" + System.nanoTime(), "client-a",
                "+9198765" + String.format("%05d", n), VerificationMethod.FLASH_CALL, "order-" + n,
                n % 2 == 0 ? "https://shop.example/hooks" : null, idempotencyKey, "hash-" + n, NOW,
                NOW.plus(Duration.ofMinutes(5)), null, n % 2 == 0 ? Map.of("basket", "b" + n) : Map.of(),
                PublishState.PUBLISHING);
    }

    private static AcceptedVerification withId(AcceptedVerification v, String id) {
        return new AcceptedVerification(id, v.clientId(), v.phoneNumber(), v.method(), v.clientRef(), v.callbackUrl(),
                v.idempotencyKey(), v.requestHash(), v.createdAt(), v.expiresAt(), v.dialInNumber(), v.metadata(),
                v.publishState());
    }

    private static AcceptedVerification withPhoneNumber(AcceptedVerification v, String phoneNumber) {
        return new AcceptedVerification(v.verificationId(), v.clientId(), phoneNumber, v.method(), v.clientRef(),
                v.callbackUrl(), v.idempotencyKey(), v.requestHash(), v.createdAt(), v.expiresAt(), v.dialInNumber(),
                v.metadata(), v.publishState());
    }
}
