package io.codac.devstack;

import java.util.Optional;

/**
 * A process that {@code up} started and {@code down} may stop. The start instant is recorded with the
 * pid so that {@code down} never signals an unrelated process that reused the pid.
 *
 * @param health {@code http} (Spring actuator health) or {@code tcp} (the port accepts connections)
 */
public record ManagedProcess(String name, long pid, int port, long startedAtMillis, String health) {

    public Optional<ProcessHandle> handle() {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info().startInstant().map(i -> Math.abs(i.toEpochMilli() - startedAtMillis) < 2_000)
                        .orElse(false));
    }

    public boolean alive() {
        return handle().isPresent();
    }
}
