package io.codac.contracts.event;

import java.time.Instant;

/**
 * The scheduler's order to place one attempt on one trunk. Keyed, and partitioned, by trunk. The
 * attempt id doubles as the ARI channel id, which is what makes a redelivered command harmless.
 *
 * @param notAfter the adapter drops the command (reporting it) once this instant has passed
 */
public record DialCommand(
        String eventId,
        Instant occurredAt,
        String attemptId,
        String verificationId,
        String phoneNumber,
        String trunkId,
        String serverId,
        int attemptNumber,
        String callerId,
        int ringTimeoutSeconds,
        Instant notAfter) implements CodacEvent {

    @Override
    public String key() {
        return trunkId;
    }
}
