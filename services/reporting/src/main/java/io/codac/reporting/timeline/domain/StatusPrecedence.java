package io.codac.reporting.timeline.domain;

import io.codac.contracts.domain.VerificationStatus;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which verification status may replace which on the timeline. A verification moves forward only:
 * {@code PENDING → IN_PROGRESS → one terminal status}, possibly skipping a step. Events reach reporting
 * out of order (requests, call events and results travel on different topics) and are redelivered,
 * so a status that would move the timeline backwards, or replace a verdict, is simply not applied.
 */
public final class StatusPrecedence {

    private StatusPrecedence() {
    }

    /** True when a timeline at {@code current} should move to {@code next}. */
    public static boolean mayReplace(VerificationStatus current, VerificationStatus next) {
        if (current.isTerminal() || current == next) {
            return false;
        }
        return next.isTerminal() || (current == VerificationStatus.PENDING && next == VerificationStatus.IN_PROGRESS);
    }

    /** The statuses that {@code next} replaces: the guard of a conditional update. */
    public static Set<VerificationStatus> replacedBy(VerificationStatus next) {
        var replaced = EnumSet.noneOf(VerificationStatus.class);
        Arrays.stream(VerificationStatus.values()).filter(current -> mayReplace(current, next)).forEach(replaced::add);
        return replaced;
    }

    /** The statuses any verdict replaces: every status that is not itself a verdict. */
    public static Set<VerificationStatus> replacedByAnyVerdict() {
        var live = EnumSet.noneOf(VerificationStatus.class);
        Arrays.stream(VerificationStatus.values()).filter(status -> !status.isTerminal()).forEach(live::add);
        return live;
    }
}
