package io.codac.adapter.reconcile.domain;

import io.codac.contracts.event.CallLeg;

import java.time.Instant;

/**
 * An attempt this server claimed and originated whose end has not yet reached the broker. It outlives the
 * process (it is stored beside the claim), which is how a restarted adapter knows what it may have left
 * ringing.
 *
 * @param ringTimeoutSeconds the command's ring timeout (0: the policy's default)
 * @param placedAt           when the originate was sent
 */
public record OpenAttempt(CallLeg identity, int ringTimeoutSeconds, Instant placedAt) {

    public String attemptId() {
        return identity.attemptId();
    }
}
