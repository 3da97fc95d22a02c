package io.codac.scheduler.fleet.domain;

import io.codac.contracts.event.ServerState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ServerLivenessTest {

    private static final Duration SUSPECT = Duration.ofSeconds(1);
    private static final Duration DEAD = Duration.ofMillis(1500);
    private static final Duration RAMP = Duration.ofSeconds(30);

    private final Instant t0 = Instant.parse("2026-11-22T12:00:00Z");
    private final ServerLiveness liveness = new ServerLiveness(List.of("srv1", "srv2"),
            new LivenessSettings(SUSPECT, DEAD, RAMP, 0.1));

    private Instant at(long millis) {
        return t0.plusMillis(millis);
    }

    private void up(String server, long millis) {
        liveness.heartbeat(server, ServerState.UP, at(millis), at(millis));
    }

    @Test
    void aServerNeverHeardFromIsUnknownAndNotPlaceable() {
        assertThat(liveness.condition("srv1", t0)).isEqualTo(ServerCondition.UNKNOWN);
        assertThat(liveness.isPlaceable("srv1", t0)).isFalse();
        assertThat(liveness.capacityShare("srv1", t0)).isZero();
        assertThat(liveness.condition("ghost", t0)).isEqualTo(ServerCondition.UNKNOWN);
    }

    @Test
    void aServerIsUpUntilSuspectAfterThenSuspectUntilDeadAfterThenDead() {
        up("srv1", 0);

        assertThat(liveness.condition("srv1", at(1000))).isEqualTo(ServerCondition.UP);
        assertThat(liveness.condition("srv1", at(1001))).isEqualTo(ServerCondition.SUSPECT);
        assertThat(liveness.condition("srv1", at(1500))).isEqualTo(ServerCondition.SUSPECT);
        assertThat(liveness.condition("srv1", at(1501))).isEqualTo(ServerCondition.DEAD);
    }

    @Test
    void aSuspectServerGetsNoNewWork() {
        up("srv1", 0);

        assertThat(liveness.isPlaceable("srv1", at(1200))).isFalse();
        assertThat(liveness.capacityShare("srv1", at(1200))).isZero();
    }

    @Test
    void drainingAndAriDownAreReportedAndGetNoNewWork() {
        liveness.heartbeat("srv1", ServerState.DRAINING, t0, t0);
        liveness.heartbeat("srv2", ServerState.ARI_DOWN, t0, t0);

        assertThat(liveness.condition("srv1", t0)).isEqualTo(ServerCondition.DRAINING);
        assertThat(liveness.condition("srv2", t0)).isEqualTo(ServerCondition.ARI_DOWN);
        assertThat(liveness.isPlaceable("srv1", t0)).isFalse();
        assertThat(liveness.isPlaceable("srv2", t0)).isFalse();
    }

    @Test
    void aHeartbeatArrivingLateDoesNotOverrideANewerOne() {
        up("srv1", 0);
        liveness.heartbeat("srv1", ServerState.DRAINING, at(500), at(500));

        assertThat(liveness.heartbeat("srv1", ServerState.UP, at(400), at(600))).isFalse();
        assertThat(liveness.heartbeat("srv1", ServerState.UP, at(500), at(600))).isFalse();
        assertThat(liveness.condition("srv1", at(600))).isEqualTo(ServerCondition.DRAINING);
    }

    @Test
    void anOldHeartbeatReplayedLateCannotMakeAServerLookAlive() {
        liveness.heartbeat("srv1", ServerState.UP, t0.minus(Duration.ofMinutes(5)), t0);

        assertThat(liveness.condition("srv1", t0)).isEqualTo(ServerCondition.DEAD);
    }

    @Test
    void aHeartbeatFromTheFutureCountsAsNowAndStillExpires() {
        liveness.heartbeat("srv1", ServerState.UP, t0.plus(Duration.ofHours(1)), t0);

        assertThat(liveness.lastHeardAt("srv1")).isEqualTo(t0);
        assertThat(liveness.condition("srv1", at(1501))).isEqualTo(ServerCondition.DEAD);
    }

    @Test
    void unknownServersAndIncompleteHeartbeatsAreRefused() {
        assertThat(liveness.heartbeat("ghost", ServerState.UP, t0, t0)).isFalse();
        assertThat(liveness.heartbeat(null, ServerState.UP, t0, t0)).isFalse();
        assertThat(liveness.heartbeat("srv1", null, t0, t0)).isFalse();
        assertThat(liveness.heartbeat("srv1", ServerState.UP, null, t0)).isFalse();
        assertThat(liveness.condition("srv1", t0)).isEqualTo(ServerCondition.UNKNOWN);
    }

    @Test
    void aDeathIsReportedOnceNoMatterHowOftenTransitionsAreAsked() {
        up("srv1", 0);
        up("srv2", 0);
        up("srv2", 1400);

        assertThat(liveness.transitions(at(1500)).isEmpty()).isTrue();
        var transitions = liveness.transitions(at(1501));
        assertThat(transitions.died()).containsExactly("srv1");
        assertThat(transitions.cameBack()).isEmpty();
        assertThat(liveness.transitions(at(5000)).died()).containsExactly("srv2");
        assertThat(liveness.transitions(at(9000)).isEmpty()).isTrue();
    }

    @Test
    void aServerThatComesBackUpIsReportedOnceAsBack() {
        up("srv1", 0);
        assertThat(liveness.transitions(at(2000)).died()).containsExactly("srv1");

        up("srv1", 3000);

        var transitions = liveness.transitions(at(3000));
        assertThat(transitions.cameBack()).containsExactly("srv1");
        assertThat(transitions.died()).isEmpty();
        assertThat(liveness.transitions(at(3100)).isEmpty()).isTrue();
    }

    @Test
    void aDeathAndReturnBetweenTwoLooksAreBothReported() {
        up("srv1", 0);
        assertThat(liveness.transitions(at(100)).isEmpty()).isTrue();

        up("srv1", 2000); // silent for 2 s: it died and came back before anyone looked

        var transitions = liveness.transitions(at(2000));
        assertThat(transitions.died()).containsExactly("srv1");
        assertThat(transitions.cameBack()).containsExactly("srv1");
    }

    @Test
    void aServerBackButNotUpIsStillInItsDeathAndDiesNoSecondTime() {
        up("srv1", 0);
        assertThat(liveness.transitions(at(2000)).died()).containsExactly("srv1");

        liveness.heartbeat("srv1", ServerState.ARI_DOWN, at(3000), at(3000));
        assertThat(liveness.transitions(at(3000)).isEmpty()).isTrue();
        assertThat(liveness.transitions(at(6000)).isEmpty()).as("still the same death").isTrue();

        up("srv1", 7000);
        assertThat(liveness.transitions(at(7000)).cameBack()).containsExactly("srv1");
    }

    @Test
    void aStaleUpHeartbeatDoesNotEndADeath() {
        up("srv1", 0);
        assertThat(liveness.transitions(at(5000)).died()).containsExactly("srv1");

        liveness.heartbeat("srv1", ServerState.UP, at(1000), at(5000)); // sent long ago, arrives now

        assertThat(liveness.condition("srv1", at(5000))).isEqualTo(ServerCondition.DEAD);
        assertThat(liveness.transitions(at(5000)).isEmpty()).isTrue();
    }

    @Test
    void aServerFirstHeardAfterStartIsNotBackFromTheDeadAndGetsItsWholeShare() {
        up("srv1", 0);

        assertThat(liveness.capacityShare("srv1", t0)).isEqualTo(1.0);
        assertThat(liveness.transitions(t0).isEmpty()).isTrue();
    }

    @Test
    void aServerBackFromTheDeadRampsLinearlyFromTheMinimumShareToItsWholeContract() {
        up("srv1", 0);
        up("srv1", 10_000); // back after 10 s of silence
        for (long t = 10_000; t <= 40_000; t += 500) {
            up("srv1", t);
        }

        assertThat(liveness.capacityShare("srv1", at(10_000))).isCloseTo(0.1, within(1e-9));
        assertThat(liveness.capacityShare("srv1", at(25_000))).isCloseTo(0.55, within(1e-9));
        assertThat(liveness.capacityShare("srv1", at(39_999))).isLessThan(1.0);
        assertThat(liveness.capacityShare("srv1", at(40_000))).isEqualTo(1.0);
    }

    @Test
    void aRampingServerThatGoesQuietHasNoShare() {
        up("srv1", 0);
        up("srv1", 10_000);

        assertThat(liveness.capacityShare("srv1", at(11_200))).isZero();
    }

    @Test
    void aSecondDeathRestartsTheRamp() {
        up("srv1", 0);
        up("srv1", 10_000);
        up("srv1", 20_000); // died again mid-ramp, back at 20 s

        assertThat(liveness.capacityShare("srv1", at(20_000))).isCloseTo(0.1, within(1e-9));
    }

    @Test
    void withoutARampUpAServerBackFromTheDeadGetsEverythingAtOnce() {
        var noRamp = new ServerLiveness(List.of("srv1"), LivenessSettings.singleTimeout(Duration.ofSeconds(2)));
        noRamp.heartbeat("srv1", ServerState.UP, t0, t0);
        noRamp.heartbeat("srv1", ServerState.UP, at(10_000), at(10_000));

        assertThat(noRamp.capacityShare("srv1", at(10_000))).isEqualTo(1.0);
        assertThat(noRamp.condition("srv1", at(12_000))).isEqualTo(ServerCondition.UP);
        assertThat(noRamp.condition("srv1", at(12_001))).isEqualTo(ServerCondition.DEAD);
    }

    @Test
    void settingsAreValidated() {
        assertThatThrownBy(() -> new LivenessSettings(Duration.ZERO, DEAD, RAMP, 0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LivenessSettings(SUSPECT, Duration.ofMillis(999), RAMP, 0.1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LivenessSettings(SUSPECT, DEAD, Duration.ofSeconds(-1), 0.1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LivenessSettings(SUSPECT, DEAD, RAMP, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LivenessSettings(SUSPECT, DEAD, RAMP, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThat(LivenessSettings.DEFAULTS).isEqualTo(new LivenessSettings(SUSPECT, DEAD, RAMP, 0.1));
    }
}
