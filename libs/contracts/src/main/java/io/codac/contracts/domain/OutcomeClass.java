package io.codac.contracts.domain;

/**
 * The verdict on one call attempt and what the scheduler does next (BRIEF §4).
 * Route-level classes are strikes against the route, never against the number.
 */
public enum OutcomeClass {
    /** The line is real and in service: report at once, never re-dial. */
    VERIFIED(NextStep.REPORT, VerificationStatus.VERIFIED),
    /** The number does not exist: stop. */
    INVALID(NextStep.REPORT, VerificationStatus.INVALID),
    /** No route to network/destination: probably invalid, confirm once on another route. */
    SUSPECT_INVALID(NextStep.RETRY_ONCE_ON_ANOTHER_ROUTE, VerificationStatus.INVALID),
    /** Switched off or absent: retry later with back-off; UNREACHABLE if it persists. */
    UNREACHABLE(NextStep.RETRY_LATER, VerificationStatus.UNREACHABLE),
    /** The route or carrier failed: retry at once on another route. */
    ROUTE_FAILURE(NextStep.RETRY_NOW_ON_ANOTHER_ROUTE, VerificationStatus.FAILED),
    /** Our side is misconfigured or over contract: retry elsewhere and alert operators. */
    OUR_SIDE_REJECTED(NextStep.RETRY_NOW_ON_ANOTHER_ROUTE_AND_ALERT, VerificationStatus.FAILED);

    /** What the scheduler does with the verification after an attempt of this class. */
    public enum NextStep {
        REPORT,
        RETRY_ONCE_ON_ANOTHER_ROUTE,
        RETRY_LATER,
        RETRY_NOW_ON_ANOTHER_ROUTE,
        RETRY_NOW_ON_ANOTHER_ROUTE_AND_ALERT
    }

    private final NextStep nextStep;
    private final VerificationStatus statusWhenRetriesRunOut;

    OutcomeClass(NextStep nextStep, VerificationStatus statusWhenRetriesRunOut) {
        this.nextStep = nextStep;
        this.statusWhenRetriesRunOut = statusWhenRetriesRunOut;
    }

    public NextStep nextStep() {
        return nextStep;
    }

    /** The terminal status to report when this is the last attempt the budget allows. */
    public VerificationStatus statusWhenRetriesRunOut() {
        return statusWhenRetriesRunOut;
    }

    /** True when the failure says something about the route, not the number. */
    public boolean isRouteStrike() {
        return this == ROUTE_FAILURE || this == OUR_SIDE_REJECTED;
    }
}
