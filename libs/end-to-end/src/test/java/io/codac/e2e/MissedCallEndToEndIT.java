package io.codac.e2e;

import io.codac.sim.domain.CallRecord;
import io.codac.sim.domain.Direction;
import io.codac.sim.domain.NumberFate;
import io.codac.sim.domain.SimStats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A number verified by the shopper's missed call, end to end: HTTP → Kafka → scheduler (waits, dials nobody); the
 * shopper rings the dial-in number → simulated carrier → ARI → dialer adapter (rejects it, reports it) → Kafka →
 * scheduler (matches it) → result → reporting → HTTP.
 */
class MissedCallEndToEndIT {

    private static final Duration BOUND = Duration.ofSeconds(30);

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
            assertThat(stats.concurrentDoubleDials()).isZero();
        }
    }

    @Test
    void theShoppersCallToTheDialInNumberVerifiesTheNumberWithoutAnyCallFromUs() {
        String shopper = system.sim.numbersWithFate(NumberFate.RINGS_NO_ANSWER, 1).getFirst();
        var accepted = system.postVerification("{\"phoneNumber\":\"" + shopper + "\",\"method\":\"MISSED_CALL\","
                + "\"clientRef\":\"order-missed-1\"}");
        assertThat(accepted.status()).as("POST answer %s", accepted.body()).isEqualTo(202);
        String id = accepted.body().path("id").asText();
        String did = accepted.body().path("dialInNumber").asText();
        assertThat(system.fleet.dids()).contains(did);

        // Until an adapter's ARI application is connected, the simulated network fails the call at once; the shopper
        // would simply call again.
        await().atMost(BOUND).until(() -> system.sim.inboundCall(shopper, did).delivered());

        await().atMost(BOUND).pollInterval(Duration.ofMillis(100))
                .until(() -> system.getVerification(id).body().path("status").asText().equals("VERIFIED"));
        var verification = system.getVerification(id).body();
        assertThat(verification.path("method").asText()).isEqualTo("MISSED_CALL");
        assertThat(verification.path("dialInNumber").asText()).isEqualTo(did);
        assertThat(verification.path("attempts")).isEmpty();
        List<CallRecord> calls = system.sim.cdr(shopper);
        assertThat(calls).isNotEmpty().allSatisfy(call -> {
            assertThat(call.direction()).isEqualTo(Direction.INBOUND);
            assertThat(call.did()).isEqualTo(did);
            assertThat(call.answeredAt()).as("the shopper's call is rejected, never connected").isNull();
        });
    }

    @Test
    void withoutTheShoppersCallNobodyIsDialedAndTheVerificationExpires() {
        String shopper = system.sim.numbersWithFate(NumberFate.RINGS_NO_ANSWER, 2).get(1);
        var accepted = system.postVerification("{\"phoneNumber\":\"" + shopper + "\",\"method\":\"MISSED_CALL\","
                + "\"ttlSeconds\":30}");
        assertThat(accepted.status()).as("POST answer %s", accepted.body()).isEqualTo(202);
        String id = accepted.body().path("id").asText();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> system.getVerification(id).body().path("status").asText().equals("EXPIRED"));
        assertThat(system.sim.cdr(shopper)).isEmpty();
    }
}
