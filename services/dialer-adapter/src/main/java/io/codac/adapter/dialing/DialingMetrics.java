package io.codac.adapter.dialing;

import io.codac.contracts.domain.CallSignal;
import io.codac.contracts.domain.OutcomeClass;
import io.codac.contracts.event.CallEventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * The adapter's Micrometer meters, all tagged with the server (several adapters may share one JVM and
 * one global registry) and the trunk.
 */
public final class DialingMetrics {

    private final MeterRegistry registry;
    private final String serverId;

    private final Function<String, String> operatorOf;

    public DialingMetrics(MeterRegistry registry, String serverId, Trunks trunks) {
        this(registry, serverId, trunks, number -> "unknown");
    }

    /** @param operatorOf the destination operator of an E.164 number (never {@code null}; "unknown" when unknown) */
    public DialingMetrics(MeterRegistry registry, String serverId, Trunks trunks, Function<String, String> operatorOf) {
        this.operatorOf = operatorOf;
        this.registry = registry;
        this.serverId = serverId;
        trunks.all().forEach(trunk -> trackTrunk(trunks, trunk.id()));
    }

    /** Registers a trunk's gauges (idempotent); for trunks added by a fleet-file reload. */
    public void trackTrunk(Trunks trunks, String trunkId) {
        Gauge.builder("codac.adapter.live.channels", trunks, t -> t.load(trunkId).liveChannels())
                .description("calls alive on the trunk")
                .tags("server", serverId, "trunk", trunkId)
                .register(registry);
    }

    public void originated(String trunkId, String result) {
        counter("codac.adapter.originates", "originate requests sent to the telephony server", trunkId,
                "result", result).increment();
    }

    public void duplicateSkipped(String trunkId) {
        counter("codac.adapter.duplicates.skipped", "dial commands skipped because the attempt was already claimed",
                trunkId).increment();
    }

    public void handedBack(String trunkId, String reason) {
        counter("codac.adapter.rejections", "dial commands handed back undialed (REJECTED_NO_CAPACITY)", trunkId,
                "reason", reason).increment();
    }

    /** A call event the broker did not acknowledge, sent again. */
    public void callEventRetried(String trunkId, CallEventType type) {
        counter("codac.adapter.call.events.publish.retries",
                "call events sent again because the broker did not acknowledge them", trunkId,
                "type", type.name()).increment();
    }

    public void trackPendingCallEvents(IntSupplier pending) {
        // Held strongly: the supplier is a method reference nobody else keeps, and a weakly held gauge reads NaN
        // once it is collected.
        Gauge.builder("codac.adapter.call.events.pending", pending, p -> p.getAsInt())
                .strongReference(true)
                .description("call events not yet acknowledged by the broker")
                .tags("server", serverId)
                .register(registry);
    }

    public void callEnded(String trunkId, CallSignal signal, OutcomeClass outcome) {
        counter("codac.adapter.call.outcomes", "ended calls by outcome and Q.850 cause", trunkId,
                "outcome", outcome.name(),
                "cause", signal.q850Cause() == null ? "none" : signal.q850Cause().toString(),
                "alerted", Boolean.toString(signal.alerted())).increment();
    }

    /** The destination operator of an E.164 number ("unknown" when the data has none). */
    public String operatorOf(String phoneNumber) {
        return operatorOf.apply(phoneNumber);
    }

    /** An originate towards {@code phoneNumber}'s destination operator. */
    public void attemptTowards(String trunkId, String phoneNumber) {
        counter("codac.adapter.operator.attempts", "calls placed, by trunk and destination operator", trunkId,
                "operator", operatorOf.apply(phoneNumber)).increment();
    }

    /**
     * How a call towards {@code phoneNumber}'s destination operator ended: a connect (it rang or answered) or a
     * route failure (the shared classifier's strike against the route) — the per-operator side of telemetry.
     */
    public void endedTowards(String trunkId, String phoneNumber, CallSignal signal, OutcomeClass outcome) {
        String operator = operatorOf.apply(phoneNumber);
        if (signal.alerted() || signal.answered()) {
            counter("codac.adapter.operator.connects", "calls that rang or were answered, by trunk and destination "
                    + "operator", trunkId, "operator", operator).increment();
        }
        if (outcome.isRouteStrike()) {
            counter("codac.adapter.operator.route.failures", "calls that failed on the route, by trunk and "
                    + "destination operator", trunkId, "operator", operator).increment();
        }
    }

    /** A shopper's call to a DID, rejected; {@code reported} whether an INBOUND_CALL event was published. */
    public void inboundCall(boolean reported) {
        Counter.builder("codac.adapter.inbound.calls")
                .description("shoppers' calls to the server's DIDs, rejected as busy")
                .tags("server", serverId, "reported", Boolean.toString(reported))
                .register(registry).increment();
    }

    private Counter counter(String name, String description, String trunkId, String... tags) {
        return Counter.builder(name)
                .description(description)
                .tags("server", serverId, "trunk", trunkId)
                .tags(tags)
                .register(registry);
    }
}
