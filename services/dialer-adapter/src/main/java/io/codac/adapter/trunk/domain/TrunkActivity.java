package io.codac.adapter.trunk.domain;

import io.codac.contracts.domain.CallSignal;
import io.codac.contracts.domain.OutcomeClass;
import io.codac.contracts.domain.OutcomeClassifier;

import java.time.Duration;

/**
 * What a trunk has done since this adapter started, for telemetry: attempts placed, connects (the
 * network reached a handset: it rang or answered) and route failures (the shared classifier's strikes
 * against the route). Counters only grow, so a consumer that misses a heartbeat loses nothing: it
 * computes rates from the difference between two heartbeats.
 */
public final class TrunkActivity {

    private final String trunkId;
    private final OutcomeClassifier classifier;
    private long attempts;
    private long connects;
    private long routeFailures;
    private long lastCommandLagMillis;

    public TrunkActivity(String trunkId, OutcomeClassifier classifier) {
        this.trunkId = trunkId;
        this.classifier = classifier;
    }

    /** A command for this trunk was picked up {@code lag} after the scheduler issued it. */
    public synchronized void commandReceived(Duration lag) {
        lastCommandLagMillis = Math.max(0, lag.toMillis());
    }

    public synchronized void attemptPlaced() {
        attempts++;
    }

    /** A call on this trunk ended; returns how the shared classifier reads it. */
    public synchronized OutcomeClass callEnded(CallSignal signal) {
        OutcomeClass outcome = classifier.classify(signal);
        if (signal.alerted() || signal.answered()) {
            connects++;
        }
        if (outcome.isRouteStrike()) {
            routeFailures++;
        }
        return outcome;
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(trunkId, attempts, connects, routeFailures, lastCommandLagMillis);
    }

    /** The counters at one instant. */
    public record Snapshot(String trunkId, long attempts, long connects, long routeFailures, long commandLagMillis) {
    }
}
