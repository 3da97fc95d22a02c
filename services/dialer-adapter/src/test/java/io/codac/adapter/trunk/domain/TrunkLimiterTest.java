package io.codac.adapter.trunk.domain;

import io.codac.testsupport.MutableClock;
import io.codac.adapter.trunk.domain.Admission.RefusalReason;
import io.codac.contracts.domain.Trunk;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TrunkLimiterTest {

    private final MutableClock clock = MutableClock.atNoon();
    private static final Duration WINDOW = Duration.ofMillis(250);

    private TrunkLimiter trunk(int cps, int maxChannels) {
        return new TrunkLimiter(new Trunk("t1", "carrier", 0, cps, maxChannels), clock);
    }

    private Instant deadline() {
        return clock.instant().plus(WINDOW);
    }

    @Test
    void aTrunkWithFreeCapacityAdmitsAtOnce() {
        var trunk = trunk(10, 2);

        var admission = trunk.admit(deadline());

        assertThat(admission).isInstanceOf(Admission.Admitted.class);
        assertThat(trunk.load()).isEqualTo(new TrunkLoad("t1", 1, 2, 1, 10));
    }

    @Test
    void aSpentCpsTokenThatFreesBeforeTheDeadlineSaysWhenToRetry() {
        var trunk = trunk(1, 5);
        trunk.admit(deadline());
        clock.advanceMillis(900);

        var admission = trunk.admit(deadline());

        assertThat(admission).isEqualTo(new Admission.RetryAt(clock.instant().plusMillis(100)));
    }

    @Test
    void aCpsTokenThatFreesOnlyAfterTheDeadlineIsRefused() {
        var trunk = trunk(1, 5);
        trunk.admit(deadline());
        clock.advanceMillis(100);

        var admission = trunk.admit(deadline());

        assertThat(admission).isEqualTo(new Admission.Refused(RefusalReason.CPS_LIMIT));
    }

    @Test
    void retryingAtTheAnnouncedInstantIsAdmitted() {
        var trunk = trunk(1, 5);
        trunk.admit(deadline());
        clock.advanceMillis(900);
        var retry = (Admission.RetryAt) trunk.admit(deadline());

        clock.set(retry.at());

        assertThat(trunk.admit(deadline())).isInstanceOf(Admission.Admitted.class);
    }

    @Test
    void aTrunkWithEveryChannelBusyWaitsForAChannelUntilTheDeadline() {
        var trunk = trunk(100, 1);
        trunk.admit(deadline());

        assertThat(trunk.admit(deadline())).isInstanceOf(Admission.WaitForChannel.class);
    }

    @Test
    void aTrunkWithEveryChannelBusyAtTheDeadlineIsRefused() {
        var trunk = trunk(100, 1);
        trunk.admit(deadline());

        assertThat(trunk.admit(clock.instant())).isEqualTo(new Admission.Refused(RefusalReason.CHANNEL_LIMIT));
    }

    @Test
    void aReleasedChannelAdmitsTheNextCall() {
        var trunk = trunk(100, 1);
        var first = (Admission.Admitted) trunk.admit(deadline());

        assertThat(trunk.release(first.permit())).isTrue();

        assertThat(trunk.admit(deadline())).isInstanceOf(Admission.Admitted.class);
    }

    @Test
    void releasingAPermitTwiceFreesOneChannelOnly() {
        var trunk = trunk(100, 2);
        var first = (Admission.Admitted) trunk.admit(deadline());
        trunk.admit(deadline());

        trunk.release(first.permit());
        boolean second = trunk.release(first.permit());

        assertThat(second).isFalse();
        assertThat(trunk.load().liveChannels()).isEqualTo(1);
    }

    @Test
    void aReleasedCallKeepsItsCpsTokenSpent() {
        var trunk = trunk(1, 5);
        var first = (Admission.Admitted) trunk.admit(deadline());

        trunk.release(first.permit());

        assertThat(trunk.admit(deadline())).isEqualTo(new Admission.Refused(RefusalReason.CPS_LIMIT));
        assertThat(trunk.load().callsInLastSecond()).isEqualTo(1);
    }

    @Test
    void aCancelledPermitGivesBackBothItsChannelAndItsCpsToken() {
        var trunk = trunk(1, 1);
        var first = (Admission.Admitted) trunk.admit(deadline());

        assertThat(trunk.cancel(first.permit())).isTrue();

        assertThat(trunk.load()).isEqualTo(new TrunkLoad("t1", 0, 1, 0, 1));
        assertThat(trunk.admit(deadline())).isInstanceOf(Admission.Admitted.class);
    }

    @Test
    void aPermitCannotBeReleasedOnAnotherTrunkNorReleasedAfterCancel() {
        var trunk = trunk(5, 5);
        var other = new TrunkLimiter("t2", 5, 5, clock);
        var permit = ((Admission.Admitted) trunk.admit(deadline())).permit();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> other.release(permit))
                .isInstanceOf(IllegalArgumentException.class);
        trunk.cancel(permit);
        assertThat(trunk.release(permit)).isFalse();
        assertThat(trunk.load().liveChannels()).isZero();
    }

    @Test
    void aStartedCallCountsItsCpsTokenFromWhenTheServerAnswered() {
        var trunk = trunk(1, 5);
        var permit = ((Admission.Admitted) trunk.admit(deadline())).permit();
        clock.advanceMillis(30); // claim and originate took 30 ms

        trunk.started(permit);
        clock.advanceMillis(990);

        assertThat(trunk.admit(deadline())).isEqualTo(new Admission.RetryAt(clock.instant().plusMillis(10)));
    }

    @Test
    void aCancelAfterAStartGivesBackTheRestampedToken() {
        var trunk = trunk(1, 5);
        var permit = ((Admission.Admitted) trunk.admit(deadline())).permit();
        clock.advanceMillis(30);
        trunk.started(permit);

        trunk.cancel(permit);

        assertThat(trunk.load().callsInLastSecond()).isZero();
    }

    @Test
    void aMarginWidensTheCpsWindow() {
        var trunk = new TrunkLimiter(new Trunk("t1", "c", 0, 1, 5), Duration.ofMillis(20), clock);
        trunk.admit(deadline());
        clock.advanceMillis(1000);

        assertThat(trunk.admit(deadline())).isEqualTo(new Admission.RetryAt(clock.instant().plusMillis(20)));
    }

    @Test
    void cpsUsedCountsOnlyTheLastSecond() {
        var trunk = trunk(10, 10);
        trunk.admit(deadline());
        clock.advanceMillis(600);
        trunk.admit(deadline());
        clock.advanceMillis(600);

        assertThat(trunk.load().callsInLastSecond()).isEqualTo(1);
    }
}
