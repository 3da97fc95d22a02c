package io.codac.adapter.trunk.domain;

import io.codac.contracts.domain.CallSignal;
import io.codac.contracts.domain.OutcomeClass;
import io.codac.contracts.domain.OutcomeClassifier;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TrunkActivityTest {

    private final TrunkActivity activity = new TrunkActivity("t1", new OutcomeClassifier());

    @Test
    void aRingingCallIsAConnectAndNoRouteFailure() {
        activity.attemptPlaced("Airtel");

        OutcomeClass outcome = activity.callEnded(CallSignal.flashHangUpAfterRinging(), "Airtel");

        assertThat(outcome).isEqualTo(OutcomeClass.VERIFIED);
        assertThat(activity.snapshot()).isEqualTo(new TrunkActivity.Snapshot("t1", 1, 1, 0, 0,
                List.of(new TrunkActivity.OperatorCounts("Airtel", 1, 1, 0))));
    }

    @Test
    void aCongestedRouteIsARouteFailureAndNoConnect() {
        activity.attemptPlaced("Jio");

        activity.callEnded(new CallSignal(false, false, false, false, 34, null, "CONGESTION"), "Jio");

        assertThat(activity.snapshot()).isEqualTo(new TrunkActivity.Snapshot("t1", 1, 0, 1, 0,
                List.of(new TrunkActivity.OperatorCounts("Jio", 1, 0, 1))));
    }

    @Test
    void eachDestinationOperatorKeepsItsOwnShareOfTheRoute() {
        activity.attemptPlaced("Airtel");
        activity.attemptPlaced("Jio");
        activity.attemptPlaced(null);
        activity.callEnded(CallSignal.flashHangUpAfterRinging(), "Airtel");
        activity.callEnded(CallSignal.failedBeforeAlerting(38, null), "Jio");

        assertThat(activity.snapshot().operators()).containsExactly(
                new TrunkActivity.OperatorCounts("Airtel", 1, 1, 0),
                new TrunkActivity.OperatorCounts("Jio", 1, 0, 1),
                new TrunkActivity.OperatorCounts("unknown", 1, 0, 0));
        assertThat(activity.snapshot().attempts()).isEqualTo(3);
    }

    @Test
    void anUnallocatedNumberIsNeitherAConnectNorARouteFailure() {
        activity.callEnded(CallSignal.failedBeforeAlerting(1, null), "Vi");

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
