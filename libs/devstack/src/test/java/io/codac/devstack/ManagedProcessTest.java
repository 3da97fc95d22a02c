package io.codac.devstack;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** down must never signal a process that merely reuses a recorded pid. */
class ManagedProcessTest {

    private static final ProcessHandle SELF = ProcessHandle.current();
    private static final long SELF_STARTED = SELF.info().startInstant().map(Instant::toEpochMilli).orElseThrow();

    @Test
    void aRecordedProcessWithTheSamePidAndStartTimeIsOurs() {
        var recorded = new ManagedProcess("me", SELF.pid(), 0, SELF_STARTED, "tcp");

        assertThat(recorded.alive()).isTrue();
        assertThat(recorded.handle()).contains(SELF);
    }

    @Test
    void aPidReusedByAProcessStartedLaterIsNotOurs() {
        var recordedAnHourEarlier = new ManagedProcess("old", SELF.pid(), 0, SELF_STARTED - 3_600_000, "tcp");

        assertThat(recordedAnHourEarlier.alive()).isFalse();
        assertThat(recordedAnHourEarlier.handle()).isEmpty();
    }

    @Test
    void aPidThatNoLongerExistsIsNotAlive() {
        assertThat(new ManagedProcess("gone", Long.MAX_VALUE - 1, 0, SELF_STARTED, "tcp").alive()).isFalse();
    }
}
