package io.codac.adapter.dialing;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether this adapter takes new calls. While draining, every dial command is handed back at once
 * ({@code REJECTED_NO_CAPACITY}, so the scheduler places it on another server) and telemetry says
 * {@code DRAINING}; live calls run to their end. An operator drains a server before maintenance and resumes it
 * after ({@code POST /admin/drain}, {@code POST /admin/resume}).
 */
public final class Drain {

    private final AtomicBoolean draining = new AtomicBoolean();

    /** @return whether this call changed the state */
    public boolean drain() {
        return draining.compareAndSet(false, true);
    }

    /** @return whether this call changed the state */
    public boolean resume() {
        return draining.compareAndSet(true, false);
    }

    public boolean isDraining() {
        return draining.get();
    }
}
