package io.codac.adapter.dialing;

import io.codac.adapter.reconcile.domain.OpenAttempt;

import java.util.Collection;
import java.util.List;

/**
 * This server's attempts that were originated and whose end the broker has not yet acknowledged, kept
 * outside the process so that a restarted adapter can find what its predecessor left on the server.
 */
public interface OpenAttempts {

    /** Nothing is remembered (tests of other parts). */
    OpenAttempts NONE = new OpenAttempts() {
        @Override
        public void record(OpenAttempt attempt) {
        }

        @Override
        public void forget(String attemptId) {
        }

        @Override
        public Collection<OpenAttempt> all() {
            return List.of();
        }
    };

    /** Called once a leg here follows the attempt, before its originate is sent. */
    void record(OpenAttempt attempt);

    /** Called once the broker acknowledged the attempt's {@code ENDED}. */
    void forget(String attemptId);

    Collection<OpenAttempt> all();
}
