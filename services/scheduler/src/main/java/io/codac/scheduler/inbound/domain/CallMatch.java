package io.codac.scheduler.inbound.domain;

import java.util.List;

/** What one inbound call means for the verifications that expect a call from its caller. */
public sealed interface CallMatch {

    /** It answers these verifications, still waiting, every one of them: each is now {@code VERIFIED}. */
    record Verifies(List<ExpectedCall> verifications) implements CallMatch {
        public Verifies {
            if (verifications.isEmpty()) {
                throw new IllegalArgumentException("a call that verifies nothing is unmatched");
            }
            verifications = List.copyOf(verifications);
        }
    }

    /** It verifies nothing; {@code why} says what came closest, for operators. */
    record Unmatched(Unanswered why) implements CallMatch {
    }

    /** Why a call verified nothing, from the closest miss to the farthest. */
    enum Unanswered {
        /** It answers verifications that are already complete: a second call, or one after a verdict. */
        ALREADY_COMPLETE,
        /** To the right DID, but before the verification was requested or once its time to live had passed. */
        OUTSIDE_WINDOW,
        /** The caller has a missed-call verification, but was given another DID. */
        OTHER_DID,
        /** No missed-call verification expects a call from this number. */
        NO_VERIFICATION
    }
}
