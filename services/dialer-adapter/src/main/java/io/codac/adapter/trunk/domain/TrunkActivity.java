package io.codac.adapter.trunk.domain;

import io.codac.contracts.domain.CallSignal;
import io.codac.contracts.domain.OutcomeClass;
import io.codac.contracts.domain.OutcomeClassifier;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a trunk has done since this adapter started, for telemetry: attempts placed, connects (the
 * network reached a handset: it rang or answered) and route failures (the shared classifier's strikes
 * against the route), in all and per destination operator (a route is trunk × operator). Counters only grow, so a consumer that misses a heartbeat loses nothing: it
 * computes rates from the difference between two heartbeats.
 */
public final class TrunkActivity {

    private final String trunkId;
    private final OutcomeClassifier classifier;
    private long attempts;
    private long connects;
    private long routeFailures;
    private long lastCommandLagMillis;
    private final Map<String, long[]> byOperator = new TreeMap<>();

    public TrunkActivity(String trunkId, OutcomeClassifier classifier) {
        this.trunkId = trunkId;
        this.classifier = classifier;
    }

    /** A command for this trunk was picked up {@code lag} after the scheduler issued it. */
    public synchronized void commandReceived(Duration lag) {
        lastCommandLagMillis = Math.max(0, lag.toMillis());
    }

    public synchronized void attemptPlaced(String operator) {
        attempts++;
        countsOf(operator)[0]++;
    }

    /** A call on this trunk ended; returns how the shared classifier reads it. */
    public synchronized OutcomeClass callEnded(CallSignal signal, String operator) {
        OutcomeClass outcome = classifier.classify(signal);
        long[] perOperator = countsOf(operator);
        if (signal.alerted() || signal.answered()) {
            connects++;
            perOperator[1]++;
        }
        if (outcome.isRouteStrike()) {
            routeFailures++;
            perOperator[2]++;
        }
        return outcome;
    }

    public synchronized Snapshot snapshot() {
        List<OperatorCounts> operators = byOperator.entrySet().stream()
                .map(e -> new OperatorCounts(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2]))
                .toList();
        return new Snapshot(trunkId, attempts, connects, routeFailures, lastCommandLagMillis, operators);
    }

    private long[] countsOf(String operator) {
        return byOperator.computeIfAbsent(operator == null || operator.isBlank() ? "unknown" : operator,
                o -> new long[3]);
    }

    /** The counters at one instant. */
    public record Snapshot(String trunkId, long attempts, long connects, long routeFailures, long commandLagMillis,
                           List<OperatorCounts> operators) {
    }

    /** One destination operator's share of the trunk's counters. */
    public record OperatorCounts(String operator, long attempts, long connects, long routeFailures) {
    }
}
