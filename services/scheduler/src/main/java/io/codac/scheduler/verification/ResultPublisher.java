package io.codac.scheduler.verification;

import io.codac.contracts.event.VerificationCompleted;

/** Publishes a verification's terminal result; returns once the broker acknowledged it. */
public interface ResultPublisher {

    void publish(VerificationCompleted completed);
}
