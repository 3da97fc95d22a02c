package io.codac.scheduler.verification;

import io.codac.scheduler.fleet.domain.FleetView;
import io.codac.scheduler.verification.domain.Attempt;
import io.codac.scheduler.verification.domain.PartitionScope;
import io.codac.scheduler.verification.domain.Verification;
import io.codac.scheduler.verification.domain.VerificationLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an instance does when the consumer group hands it partitions or takes them away. Everything durable is in
 * the ledger, so taking over is rebuilding: the live attempts of the new partitions occupy channels of their trunks
 * from now on (whoever placed them — a crashed instance, or this one before a restart), their leases in the shared
 * capacity ledger are renewed under this instance, and their waiting verifications form its line again. Giving
 * partitions up forgets their attempts here; their new owner counts them.
 */
public final class TakingOverPartitions {

    private static final Logger log = LoggerFactory.getLogger(TakingOverPartitions.class);

    private final VerificationLedger ledger;
    private final FleetView fleet;
    private final OwnedPartitions owned;
    private final SharedCapacity capacity;
    private final WaitingLine line;

    public TakingOverPartitions(VerificationLedger ledger, FleetView fleet, OwnedPartitions owned,
                                SharedCapacity capacity, WaitingLine line) {
        this.ledger = ledger;
        this.fleet = fleet;
        this.owned = owned;
        this.capacity = capacity;
        this.line = line;
    }

    public void assigned(Collection<Integer> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        List<Attempt> live = ledger.liveAttempts(PartitionScope.of(Set.copyOf(partitions)));
        live.forEach(attempt -> fleet.restoreInFlight(attempt.trunkId(), attempt.attemptId()));
        capacity.refresh(true); // their leases are this instance's to renew now
        owned.add(partitions);
        int waiting = rebuildLine();
        log.info("partitions {} assigned: {} live attempt(s) and a line of {} waiting verification(s) rebuilt from"
                + " the ledger", partitions, live.size(), waiting);
    }

    /** The line holds exactly the queued verifications of the partitions owned now (up to its capacity). */
    private int rebuildLine() {
        List<Verification> waiting = ledger.queued(line.capacity(), owned.scope());
        line.replaceWith(waiting);
        if (waiting.size() >= line.capacity()) {
            log.warn("more verifications wait than the line holds ({}); the rest join it once it has emptied",
                    line.capacity());
        }
        return waiting.size();
    }

    public void revoked(Collection<Integer> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        owned.remove(partitions);
        PartitionScope kept = owned.scope();
        Set<String> stillOurs = ledger.liveAttempts(kept).stream().map(Attempt::attemptId).collect(Collectors.toSet());
        List<Attempt> given = ledger.liveAttempts(PartitionScope.of(Set.copyOf(partitions))).stream()
                .filter(attempt -> !stillOurs.contains(attempt.attemptId()))
                .toList();
        given.forEach(attempt -> fleet.attemptEnded(attempt.trunkId(), attempt.attemptId()));
        rebuildLine();
        log.info("partitions {} revoked: {} live attempt(s) left to their new owner", partitions, given.size());
    }
}
