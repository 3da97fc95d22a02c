package io.codac.scheduler.verification;

import io.codac.contracts.domain.Trunk;
import io.codac.contracts.event.DialCommand;

/** Sends a dial command to the adapter that owns the trunk; returns once the broker acknowledged it. */
public interface DialCommandPublisher {

    void publish(DialCommand command, Trunk trunk);
}
