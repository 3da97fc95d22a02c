package io.codac.sim.domain;

import java.time.Duration;

/** The network's alarm clock: runs a task after a delay, on some thread of the runtime's choosing. */
public interface Timers {

    Cancellable after(Duration delay, Runnable task);

    /** A scheduled task that may still be called off; cancelling a task that already ran does nothing. */
    interface Cancellable {
        void cancel();
    }
}
