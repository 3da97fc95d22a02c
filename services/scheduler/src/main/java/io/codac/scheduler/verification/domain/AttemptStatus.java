package io.codac.scheduler.verification.domain;

import io.codac.contracts.event.CallEventType;

import java.util.Optional;

/** Where one attempt is: live (placed, dialing, ringing, answered) or finished (ended, handed back, lost). */
public enum AttemptStatus {
    /** The attempt is in the ledger and its dial command was (or is being) published. */
    PLACED(0),
    /** The telephony server accepted the originate. */
    DIALING(1),
    /** The far end is ringing: the handset exists. */
    RINGING(2),
    ANSWERED(3),
    /** The call ended with an outcome. */
    ENDED(-1),
    /** The adapter handed it back undialed, for lack of capacity. */
    REJECTED(-1),
    /** No end was ever reported within the attempt's window; presumed lost. */
    LOST(-1);

    private final int progress;

    AttemptStatus(int progress) {
        this.progress = progress;
    }

    public boolean isLive() {
        return progress >= 0;
    }

    /** The live status a progress event leads to, if it moves the attempt forward. */
    public Optional<AttemptStatus> after(CallEventType event) {
        AttemptStatus next = switch (event) {
            case DIAL_STARTED, EARLY_MEDIA -> DIALING;
            case RINGING -> RINGING;
            case ANSWERED -> ANSWERED;
            default -> null;
        };
        return isLive() && next != null && next.progress > progress ? Optional.of(next) : Optional.empty();
    }
}
