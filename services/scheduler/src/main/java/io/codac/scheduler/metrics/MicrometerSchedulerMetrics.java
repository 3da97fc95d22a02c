package io.codac.scheduler.metrics;

import io.codac.contracts.domain.OutcomeClass;
import io.codac.contracts.domain.VerificationStatus;
import io.codac.scheduler.placement.domain.NoPlacementReason;
import io.codac.scheduler.verification.SchedulerMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * <ul>
 *   <li>{@code codac.scheduler.placements{trunk}} — dial commands sent;</li>
 *   <li>{@code codac.scheduler.no.placement{reason}} — attempts that could not be placed (the verification waits):
 *       no trunk with room ({@code NO_LIVE_SERVER}, {@code CHANNELS_FULL}, {@code CPS_LIMIT}) or the number already
 *       in another verification's live call ({@code NUMBER_IN_CALL});</li>
 *   <li>{@code codac.scheduler.retries{outcome}} — attempts retried, by the outcome that caused it;</li>
 *   <li>{@code codac.scheduler.handed.back{trunk}}, {@code codac.scheduler.attempts.lost{trunk}};</li>
 *   <li>{@code codac.scheduler.results{status}} — verifications completed, by terminal status;</li>
 *   <li>{@code codac.scheduler.due} — rows the last sweep found due (follow-ups, overdue attempts, waiting);</li>
 *   <li>{@code codac.scheduler.commands.relayed{result}} — dial commands the outbox relay handled: {@code RELAYED},
 *       {@code FENCED}, {@code IN_DOUBT};</li>
 *   <li>{@code codac.scheduler.failovers{server,result}} — a dead server's attempts: {@code MOVED} to another server
 *       at once, or {@code IN_DOUBT} (already claimed by its adapter: never re-dialed before its window ends).</li>
 * </ul>
 */
public final class MicrometerSchedulerMetrics implements SchedulerMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger due = new AtomicInteger();

    public MicrometerSchedulerMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("codac.scheduler.due", due, AtomicInteger::get)
                .description("verifications the last ledger sweep found due")
                .register(registry);
    }

    @Override
    public void placed(String trunkId) {
        counter("codac.scheduler.placements", "trunk", trunkId).increment();
    }

    @Override
    public void noPlacement(NoPlacementReason reason) {
        counter("codac.scheduler.no.placement", "reason", reason.name()).increment();
    }

    @Override
    public void retried(OutcomeClass outcome) {
        counter("codac.scheduler.retries", "outcome", outcome == null ? "UNKNOWN" : outcome.name()).increment();
    }

    @Override
    public void handedBack(String trunkId) {
        counter("codac.scheduler.handed.back", "trunk", trunkId).increment();
    }

    @Override
    public void attemptLost(String trunkId) {
        counter("codac.scheduler.attempts.lost", "trunk", trunkId).increment();
    }

    @Override
    public void completed(VerificationStatus status) {
        counter("codac.scheduler.results", "status", status.name()).increment();
    }

    @Override
    public void dueInLastSweep(int count) {
        due.set(count);
    }

    @Override
    public void commandRelayed(String result) {
        counter("codac.scheduler.commands.relayed", "result", result).increment();
    }

    @Override
    public void failover(String serverId, String result) {
        Counter.builder("codac.scheduler.failovers").tag("server", serverId).tag("result", result)
                .register(registry).increment();
    }

    private Counter counter(String name, String tag, String value) {
        return Counter.builder(name).tag(tag, value).register(registry);
    }
}
