package io.codac.e2e;

import io.codac.sim.domain.NumberFate;
import io.codac.sim.domain.SimStats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A number verified end to end: HTTP → Kafka → scheduler → dialer adapter → ARI → simulated carrier → HTTP. */
class FlashCallEndToEndIT {

    private static RunningSystem system;

    @BeforeAll
    static void startTheWholeSystem() {
        system = new RunningSystem();
    }

    @AfterAll
    static void stopIt() {
        if (system != null) {
            SimStats stats = system.sim.stats();
            system.close();
            // the carrier's side of the ledger: whatever the tests did, nobody was dialed twice
            assertThat(stats.concurrentDoubleDials()).isZero();
            assertThat(stats.redialsAfterAlerting()).isZero();
        }
    }

    @Test
    void aNumberThatRingsComesBackVerified() {
        String number = system.sim.numbersWithFate(NumberFate.RINGS_NO_ANSWER, 1).get(0);

        String status = verify(number);

        assertThat(status).isEqualTo("VERIFIED");
        assertThat(system.sim.cdr(number)).hasSize(1);
        var detail = system.getVerification(lastId.get()).body();
        assertThat(detail.path("phoneNumber").asText()).isEqualTo(number);
        assertThat(detail.path("attempts")).hasSize(1);
    }

    @Test
    void anUnallocatedNumberComesBackInvalidAfterOneAttempt() {
        String number = system.sim.numbersWithFate(NumberFate.UNALLOCATED, 1).get(0);

        String status = verify(number);

        assertThat(status).isEqualTo("INVALID");
        assertThat(system.sim.cdr(number)).hasSize(1);
    }

    @Test
    void aBusyLineIsInServiceSoItIsVerified() {
        String number = system.sim.numbersWithFate(NumberFate.BUSY, 1).get(0);

        assertThat(verify(number)).isEqualTo("VERIFIED");
    }

    @Test
    void aTemporaryNetworkFailureIsRetriedOnAnotherTrunkAndThenVerified() {
        String number = system.sim.numbersWithFate(NumberFate.NETWORK_FAILURE_ONCE, 1).get(0);

        assertThat(verify(number)).isEqualTo("VERIFIED");
        var calls = system.sim.cdr(number);
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).trunk()).isNotEqualTo(calls.get(1).trunk());
    }

    @Test
    void aGetRightAfterTheAcceptanceFindsTheVerification() {
        String number = system.sim.numbersWithFate(NumberFate.RINGS_NO_ANSWER, 2).get(1);
        var accepted = system.postVerification("{\"phoneNumber\":\"" + number + "\",\"clientRef\":\"order-get\"}");
        assertThat(accepted.status()).isEqualTo(202);

        var found = system.getVerification(accepted.body().path("id").asText());

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body().path("status").asText()).isIn("PENDING", "IN_PROGRESS", "VERIFIED");
    }

    private final AtomicReference<String> lastId = new AtomicReference<>();

    private String verify(String number) {
        var accepted = system.postVerification("{\"phoneNumber\":\"" + number + "\",\"clientRef\":\"order-1\"}");
        assertThat(accepted.status()).as("POST answer %s", accepted.body()).isEqualTo(202);
        assertThat(accepted.body().path("status").asText()).isEqualTo("PENDING");
        String id = accepted.body().path("id").asText();
        lastId.set(id);
        AtomicReference<String> status = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            var current = system.getVerification(id);
            status.set(current.body().path("status").asText());
            return current.status() == 200 && isTerminal(status.get());
        });
        return status.get();
    }

    private static boolean isTerminal(String status) {
        return switch (status) {
            case "VERIFIED", "INVALID", "UNREACHABLE", "EXPIRED", "FAILED" -> true;
            default -> false;
        };
    }
}
