package io.codac.adapter.call.domain;

import java.time.Instant;

/** What the application must do after a transition; the machine decides, the edges act. */
public sealed interface LegAction {

    /** Ask the server to clear the channel. */
    record HangUp(HangUpReason reason) implements LegAction {
    }

    /** Feed {@code AriSignal.TimerElapsed(timer)} back into the machine at {@code at}. */
    record StartTimer(LegTimer timer, Instant at) implements LegAction {
    }

    /** The leg is over: free its trunk channel and forget it. Emitted exactly once per leg. */
    record ReleaseChannel() implements LegAction {
    }
}
