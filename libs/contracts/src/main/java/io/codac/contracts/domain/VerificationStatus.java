package io.codac.contracts.domain;

/** The life of a verification as clients see it: two live statuses, then exactly one terminal status. */
public enum VerificationStatus {
    PENDING,
    IN_PROGRESS,
    VERIFIED,
    INVALID,
    UNREACHABLE,
    EXPIRED,
    FAILED;

    public boolean isTerminal() {
        return this != PENDING && this != IN_PROGRESS;
    }
}
