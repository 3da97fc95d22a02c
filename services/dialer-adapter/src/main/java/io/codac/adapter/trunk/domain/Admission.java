package io.codac.adapter.trunk.domain;

import java.time.Instant;

/** The trunk's answer to "may I start a call now, or before my deadline?". */
public sealed interface Admission {

    /** Start the call now; the permit holds one CPS token and one channel until it is released. */
    record Admitted(TrunkPermit permit) implements Admission {
    }

    /** A CPS token frees up at {@code at}, before the deadline: ask again then. */
    record RetryAt(Instant at) implements Admission {
    }

    /** Every channel is busy and the deadline has not passed: ask again when a call ends. */
    record WaitForChannel() implements Admission {
    }

    /** The call cannot start before the deadline: hand the command back. */
    record Refused(RefusalReason reason) implements Admission {
    }

    /** Why a trunk could not take a call in time. */
    enum RefusalReason {
        CPS_LIMIT("trunk at its calls-per-second limit"),
        CHANNEL_LIMIT("trunk at its concurrent-channel limit");

        private final String description;

        RefusalReason(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }
}
