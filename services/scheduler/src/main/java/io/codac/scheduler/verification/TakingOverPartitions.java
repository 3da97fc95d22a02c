package io.codac.scheduler.verification;

import io.codac.scheduler.fleet.domain.FleetView;
import io.codac.scheduler.verification.domain.Attempt;
import io.codac.scheduler.verification.domain.PartitionScope;
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
 * capacity ledger are renewed under this instance, and their waiting verifications are swept from the next sweep on. Giving partitions up forgets their attempts here; their new owner
 * counts them.
 */
public final class TakingOverPartitions {

    private static final Logger log = LoggerFactory.getLogger(TakingOverPartitions.class);

    private final VerificationLedger ledger;
    private final FleetView fleet;
    private final OwnedPartitions owned;
    private final SharedCapacity capacity;

    public TakingOverPartitions(VerificationLedger ledger, FleetView fleet, OwnedPartitions owned,
                                SharedCapacity capacity) {
        this.ledger = ledger;
        this.fleet = fleet;
        this.owned = owned;
        this.capacity = capacity;
    }

    public void assigned(Collection<Integer> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        List<Attempt> live = ledger.liveAttempts(PartitionScope.of(Set.copyOf(partitions)));
        live.forEach(attempt -> fleet.restoreInFlight(attempt.trunkId(), attempt.attemptId()));
        capacity.refresh(true); // their leases are this instance's to renew now
        owned.add(partitions);
        log.info("partitions {} assigned: {} live attempt(s) rebuilt from the ledger", partitions, live.size());
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
        log.info("partitions {} revoked: {} live attempt(s) left to their new owner", partitions, given.size());
    }
}
