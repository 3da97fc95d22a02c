package io.codac.scheduler.verification;

import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.Trunk;
import io.codac.contracts.event.DialCommand;
import io.codac.scheduler.failover.domain.DialFence;
import io.codac.scheduler.verification.domain.Attempt;
import io.codac.scheduler.verification.domain.PartitionScope;
import io.codac.scheduler.verification.domain.VerificationLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outbox relay (ADR 0007): dial commands recorded with their attempt but never marked sent — the broker did not
 * acknowledge them, or the process died between the ledger write and the publication.
 *
 * <ul>
 *   <li>Still before its {@code notAfter}: the same command (same attempt id) is published again. If the first
 *       publication did get through after all, the adapter sees the attempt id claimed and dials it once.</li>
 *   <li>Past its {@code notAfter} (or its trunk left the fleet): no adapter will start it any more, but one may
 *       have started it in time. The fence decides: if the claim is ours, nobody dialed it and the verification is
 *       placed again at once, uncounted; if an adapter claimed it, it is marked sent and followed like any other
 *       (its events, or presumed lost when its window ends).</li>
 * </ul>
 */
public final class RelayingCommands {

    private static final Logger log = LoggerFactory.getLogger(RelayingCommands.class);

    private final VerificationLedger ledger;
    private final Fleet fleet;
    private final DialCommandPublisher commands;
    private final DialFence fence;
    private final SettlingAttempts settling;
    private final SchedulerMetrics metrics;
    private final Duration relayAfter;
    private final int batch;
    private final Clock clock;

    /**
     * @param relayAfter how long after its attempt was recorded an unsent command is the relay's (the inline
     *                   publication normally takes milliseconds; a later acknowledgement only costs a duplicate
     *                   publication, which the adapter ignores)
     */
    public RelayingCommands(VerificationLedger ledger, Fleet fleet, DialCommandPublisher commands, DialFence fence,
                            SettlingAttempts settling, SchedulerMetrics metrics, Duration relayAfter, int batch,
                            Clock clock) {
        if (relayAfter == null || relayAfter.isNegative()) {
            throw new IllegalArgumentException("the relay delay must not be negative, was " + relayAfter);
        }
        this.ledger = ledger;
        this.fleet = fleet;
        this.commands = commands;
        this.fence = fence;
        this.settling = settling;
        this.metrics = metrics;
        this.relayAfter = relayAfter;
        this.batch = batch;
        this.clock = clock;
    }

    /** Relays the unsent commands of the verifications in scope; returns how many it handled. */
    public int relay(PartitionScope scope) {
        Instant now = clock.instant();
        List<DialCommand> unsent = ledger.unsentCommands(now.minus(relayAfter), batch, scope);
        for (DialCommand command : unsent) {
            try {
                relay(command, now);
            } catch (RuntimeException e) {
                log.warn("could not relay the dial command of attempt {}; it stays due", command.attemptId(), e);
            }
        }
        return unsent.size();
    }

    private void relay(DialCommand command, Instant now) {
        Optional<Trunk> trunk = fleet.trunk(command.trunkId());
        if (trunk.isPresent() && now.isBefore(command.notAfter())) {
            commands.publish(command, trunk.get());
            ledger.commandSent(command.attemptId(), clock.instant());
            metrics.commandRelayed("RELAYED");
            log.info("dial command of attempt {} relayed from the outbox", command.attemptId());
            return;
        }
        switch (fence.fence(command.attemptId())) {
            case FENCED -> {
                metrics.commandRelayed("FENCED");
                log.info("dial command of attempt {} was never sent before its notAfter {}: fenced, placed again",
                        command.attemptId(), command.notAfter());
                ledger.findAttempt(command.attemptId()).filter(Attempt::isLive)
                        .ifPresent(live -> settling.handedBack(live.handedBack(clock.instant())));
            }
            case ALREADY_CLAIMED -> {
                metrics.commandRelayed("IN_DOUBT");
                log.info("dial command of attempt {} reached its adapter although unconfirmed: followed as sent",
                        command.attemptId());
                ledger.commandSent(command.attemptId(), clock.instant());
            }
        }
    }
}
