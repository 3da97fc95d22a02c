package io.codac.scheduler.verification;

import io.codac.contracts.domain.Trunk;
import io.codac.contracts.event.DialCommand;

import java.util.concurrent.CompletableFuture;

/** Sends a dial command to the adapter that owns the trunk. */
public interface DialCommandPublisher {

    /** Returns once the broker acknowledged the command; throws if it did not. */
    void publish(DialCommand command, Trunk trunk);

    /**
     * Sends without waiting: the future completes when the broker acknowledged the command, or fails. The command
     * is already in the ledger's outbox, so a failure costs only the relay's delay.
     */
    default CompletableFuture<Void> send(DialCommand command, Trunk trunk) {
        try {
            publish(command, trunk);
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
