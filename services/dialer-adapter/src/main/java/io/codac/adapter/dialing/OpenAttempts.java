package io.codac.adapter.dialing;

import io.codac.adapter.reconcile.domain.OpenAttempt;

import java.util.Collection;
import java.util.List;

/**
 * This server's claimed attempts whose end the broker has not yet acknowledged, kept outside the process so
 * that a restarted adapter can find what its predecessor left on the server. An attempt enters it with its
 * claim, in the same atomic step ({@link AttemptClaims#claim}): a crash can never leave a claim that nobody
 * would report on.
 */
public interface OpenAttempts {

    /** Nothing is remembered (tests of other parts). */
    OpenAttempts NONE = new OpenAttempts() {
        @Override
        public void forget(String attemptId) {
        }

        @Override
        public Collection<OpenAttempt> all() {
            return List.of();
        }
    };

    /** Called once the broker acknowledged the attempt's {@code ENDED}. */
    void forget(String attemptId);

    Collection<OpenAttempt> all();
}
