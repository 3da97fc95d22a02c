package io.codac.scheduler.verification;

import io.codac.contracts.event.VerificationCompleted;

import java.util.concurrent.CompletableFuture;

/** Publishes a verification's terminal result. */
public interface ResultPublisher {

    /** Returns once the broker acknowledged the result; throws if it did not. */
    void publish(VerificationCompleted completed);

    /**
     * Sends without waiting: the future completes when the broker acknowledged the result, or fails. The ledger
     * already says when to publish it again, so a failure costs only that delay.
     */
    default CompletableFuture<Void> send(VerificationCompleted completed) {
        try {
            publish(completed);
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
