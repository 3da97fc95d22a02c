package io.codac.ingest.client.domain;

import io.codac.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyRotationTest {

    private final MutableClock clock = MutableClock.atNoon();
    private final KeyRotation rotation = new KeyRotation(Duration.ofDays(30));

    @Test
    void thePreviousKeysEndAfterTheOverlap() {
        Instant end = rotation.previousKeysExpireAt(clock.instant(), Duration.ofHours(24));

        assertThat(end).isEqualTo(Instant.parse("2026-11-23T12:00:00Z"));
        assertThat(KeyRotation.isLive(null, end, clock.instant())).isTrue();
        clock.advance(Duration.ofHours(24).minusMillis(1));
        assertThat(KeyRotation.isLive(null, end, clock.instant())).isTrue();
        clock.advanceMillis(1);
        assertThat(KeyRotation.isLive(null, end, clock.instant())).isFalse();
    }

    @Test
    void aRevokedKeyIsDeadAtOnceWhateverItsEnd() {
        assertThat(KeyRotation.isLive(clock.instant(), null, clock.instant())).isFalse();
        assertThat(KeyRotation.isLive(clock.instant(), clock.instant().plusSeconds(3600), clock.instant())).isFalse();
        assertThat(KeyRotation.isLive(null, null, clock.instant())).isTrue();
    }

    @Test
    void aRotationNeverExtendsAKeyThatAlreadyEndsSooner() {
        Instant soon = clock.instant().plusSeconds(60);
        Instant later = clock.instant().plusSeconds(3600);

        assertThat(KeyRotation.earlier(soon, later)).isEqualTo(soon);
        assertThat(KeyRotation.earlier(later, soon)).isEqualTo(soon);
        assertThat(KeyRotation.earlier(null, later)).isEqualTo(later);
    }

    @Test
    void anOverlapOfZeroEndsThePreviousKeysAtOnceAndTooLongOrNegativeIsRefused() {
        assertThat(rotation.previousKeysExpireAt(clock.instant(), Duration.ZERO)).isEqualTo(clock.instant());
        assertThat(rotation.overlapViolation(Duration.ofDays(31))).contains("at most 2592000");
        assertThat(rotation.overlapViolation(Duration.ofSeconds(-1))).contains("negative");
        assertThatThrownBy(() -> rotation.previousKeysExpireAt(clock.instant(), Duration.ofDays(31)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
