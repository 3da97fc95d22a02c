package io.codac.reporting.timeline.domain;

import io.codac.contracts.domain.CallSignal;
import io.codac.contracts.domain.OutcomeClass;
import io.codac.contracts.event.AttemptSummary;
import io.codac.contracts.event.CallEvent;

import java.time.Instant;
import java.util.Optional;

/**
 * What one event tells us about one call leg. Merged into the stored leg field by field: the state
 * only advances ({@link LegState#supersedes}), and every other field keeps the first value it was
 * given, so applying the same change twice, or two changes in either order, ends in the same leg.
 * {@code null} means "this event does not say".
 */
public record LegChange(
        String attemptId,
        String verificationId,
        Integer attemptNumber,
        String trunkId,
        String serverId,
        LegState state,
        Instant startedAt,
        Instant ringingAt,
        Instant answeredAt,
        Instant endedAt,
        Integer q850Cause,
        String causeText,
        OutcomeClass outcome) {

    /** The change a call event reports; empty for an inbound (missed-call) event, which has no outbound leg. */
    public static Optional<LegChange> reportedBy(CallEvent event) {
        return LegState.reportedBy(event.type()).map(state -> {
            var leg = event.leg();
            Instant at = event.occurredAt();
            CallSignal signal = state == LegState.ENDED ? event.signal() : null;
            return new LegChange(leg.attemptId(), leg.verificationId(), null, leg.trunkId(), leg.serverId(), state,
                    state == LegState.DIALING ? at : null,
                    state == LegState.RINGING ? at : null,
                    state == LegState.ANSWERED ? at : null,
                    state.isFinal() ? at : null,
                    signal == null ? null : signal.q850Cause(),
                    state == LegState.ENDED ? event.causeText() : null,
                    null);
        });
    }

    /**
     * The change an attempt of a verdict reports. A verdict can come before the leg's own {@code ENDED}
     * (a flash call is reported at the first ring, the hang-up follows), so the attempt ends the leg
     * only when it carries an end time; otherwise it says no more than that the phone rang, or nothing.
     */
    public static LegChange reportedBy(String verificationId, AttemptSummary attempt) {
        LegState state = attempt.endedAt() != null ? LegState.ENDED
                : attempt.alerted() ? LegState.RINGING
                : LegState.DIALING;
        return new LegChange(attempt.attemptId(), verificationId, attempt.attemptNumber(), attempt.trunkId(),
                attempt.serverId(), state, attempt.placedAt(), null, null, attempt.endedAt(), attempt.q850Cause(), null,
                attempt.outcome());
    }
}
