package io.codac.reporting.usage.domain;

import io.codac.contracts.domain.OutcomeClass;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One call of a client's usage, from an attempt reported with a verification's result. The attempt id
 * is the ARI channel id, so each row joins one carrier CDR. A call is billable when it was placed on a
 * carrier route and not refused by our own side (over our contracted CPS or misconfigured — our fault,
 * not the client's). The day is the UTC day the call was placed (when it ended, or the verdict's
 * time, for an attempt without a placing time).
 *
 * @param outcome the attempt's outcome class name, {@code UNKNOWN} when the attempt had none
 */
public record UsageCall(String attemptId, String verificationId, String clientId, LocalDate day, String outcome,
                        boolean billable) {

    public static UsageCall of(String verificationId, String clientId, String attemptId, Instant placedAt,
                               Instant endedAt, OutcomeClass outcome, Instant verdictAt) {
        Instant when = placedAt != null ? placedAt : endedAt != null ? endedAt : verdictAt;
        boolean billable = placedAt != null && outcome != OutcomeClass.OUR_SIDE_REJECTED;
        return new UsageCall(attemptId, verificationId, clientId, LocalDate.ofInstant(when, ZoneOffset.UTC),
                outcome == null ? "UNKNOWN" : outcome.name(), billable);
    }
}
