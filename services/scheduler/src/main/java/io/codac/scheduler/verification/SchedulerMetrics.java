package io.codac.scheduler.verification;

import io.codac.contracts.domain.OutcomeClass;
import io.codac.contracts.domain.VerificationStatus;
import io.codac.scheduler.placement.domain.NoPlacementReason;

/** What the scheduler counts; the Micrometer adapter names and tags it. */
public interface SchedulerMetrics {

    void placed(String trunkId);

    /** An attempt could not be placed (no trunk, or the number is in a live call); the verification keeps waiting. */
    void noPlacement(NoPlacementReason reason);

    void retried(OutcomeClass outcome);

    void handedBack(String trunkId);

    void attemptLost(String trunkId);

    void completed(VerificationStatus status);

    /** Rows the last sweep found due (follow-ups, overdue attempts, verifications waiting for a trunk or a retry). */
    void dueInLastSweep(int count);

    /**
     * A dial command the inline publication did not get out, handled by the relay: {@code RELAYED} (published again),
     * {@code FENCED} (too late to send: fenced and placed again), {@code IN_DOUBT} (an adapter had claimed it).
     */
    void commandRelayed(String result);

    /** A dead server's attempt moved ({@code MOVED}: fenced before any adapter took it) or left in doubt ({@code IN_DOUBT}). */
    void failover(String serverId, String result);

    /** Counts nothing: for tests and tools that run the use cases without a registry. */
    SchedulerMetrics NONE = new SchedulerMetrics() {
        @Override
        public void placed(String trunkId) {
        }

        @Override
        public void noPlacement(NoPlacementReason reason) {
        }

        @Override
        public void retried(OutcomeClass outcome) {
        }

        @Override
        public void handedBack(String trunkId) {
        }

        @Override
        public void attemptLost(String trunkId) {
        }

        @Override
        public void completed(VerificationStatus status) {
        }

        @Override
        public void dueInLastSweep(int count) {
        }

        @Override
        public void commandRelayed(String result) {
        }

        @Override
        public void failover(String serverId, String result) {
        }
    };
}
