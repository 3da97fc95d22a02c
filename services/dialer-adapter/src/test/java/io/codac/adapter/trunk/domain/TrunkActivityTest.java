package io.codac.adapter.trunk.domain;

import io.codac.contracts.domain.CallSignal;
import io.codac.contracts.domain.OutcomeClass;
import io.codac.contracts.domain.OutcomeClassifier;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class TrunkActivityTest {

    private final TrunkActivity activity = new TrunkActivity("t1", new OutcomeClassifier());

    @Test
    void aRingingCallIsAConnectAndNoRouteFailure() {
        activity.attemptPlaced();

        OutcomeClass outcome = activity.callEnded(CallSignal.flashHangUpAfterRinging());

        assertThat(outcome).isEqualTo(OutcomeClass.VERIFIED);
        assertThat(activity.snapshot()).isEqualTo(new TrunkActivity.Snapshot("t1", 1, 1, 0, 0));
    }

    @Test
    void aCongestedRouteIsARouteFailureAndNoConnect() {
        activity.attemptPlaced();

        activity.callEnded(new CallSignal(false, false, false, false, 34, null, "CONGESTION"));

        assertThat(activity.snapshot()).isEqualTo(new TrunkActivity.Snapshot("t1", 1, 0, 1, 0));
    }

    @Test
    void anUnallocatedNumberIsNeitherAConnectNorARouteFailure() {
        activity.callEnded(CallSignal.failedBeforeAlerting(1, null));

        assertThat(activity.snapshot().connects()).isZero();
        assertThat(activity.snapshot().routeFailures()).isZero();
    }

    @Test
    void theLastCommandLagIsReportedAndNeverNegative() {
        activity.commandReceived(Duration.ofMillis(42));
        assertThat(activity.snapshot().commandLagMillis()).isEqualTo(42);

        activity.commandReceived(Duration.ofMillis(-3)); // the scheduler's clock runs ahead of ours
        assertThat(activity.snapshot().commandLagMillis()).isZero();
    }
}
