package io.codac.scheduler.verification.domain;

import io.codac.contracts.domain.VerificationMethod;
import io.codac.contracts.domain.VerificationStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerificationTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final Instant EXPIRES = NOW.plus(Duration.ofMinutes(5));

    private static Verification flashCall() {
        return Verification.requested("v1", "c1", "+447700900123", VerificationMethod.FLASH_CALL, NOW, EXPIRES, NOW);
    }

    @Test
    void aNewFlashCallIsPendingAndDueAtOnce() {
        Verification v = flashCall();

        assertThat(v.status()).isEqualTo(VerificationStatus.PENDING);
        assertThat(v.nextAttemptAt()).isEqualTo(NOW);
        assertThat(v.attemptsMade()).isZero();
        assertThat(v.needsDialing()).isTrue();
        assertThat(v.nextAttemptNumber()).isEqualTo(1);
    }

    @Test
    void aMissedCallIsNeverDialedAndIsDueOnlyAtItsExpiry() {
        Verification v = Verification.requested("v1", "c1", "+447700900123", VerificationMethod.MISSED_CALL, NOW, EXPIRES, NOW);

        assertThat(v.needsDialing()).isFalse();
        assertThat(v.nextAttemptAt()).isEqualTo(EXPIRES);
    }

    @Test
    void placingCountsTheAttemptAndSetsWhenItIsPresumedLost() {
        Verification placed = flashCall().placed(NOW.plusSeconds(55));

        assertThat(placed.status()).isEqualTo(VerificationStatus.IN_PROGRESS);
        assertThat(placed.attemptsMade()).isEqualTo(1);
        assertThat(placed.nextAttemptAt()).isEqualTo(NOW.plusSeconds(55));
        assertThat(placed.needsDialing()).isFalse();
    }

    @Test
    void aHandBackUndoesTheCountAndMakesItDueNow() {
        Verification back = flashCall().placed(NOW.plusSeconds(55)).handedBack(NOW.plusSeconds(1));

        assertThat(back.status()).isEqualTo(VerificationStatus.PENDING);
        assertThat(back.attemptsMade()).isZero();
        assertThat(back.nextAttemptAt()).isEqualTo(NOW.plusSeconds(1));
    }

    @Test
    void waitingKeepsTheCount() {
        Verification waiting = flashCall().placed(NOW.plusSeconds(55)).waitingUntil(NOW.plusSeconds(2));

        assertThat(waiting.status()).isEqualTo(VerificationStatus.PENDING);
        assertThat(waiting.attemptsMade()).isEqualTo(1);
        assertThat(waiting.nextAttemptNumber()).isEqualTo(2);
    }

    @Test
    void completingRecordsTheVerdictAndWhenToRepublish() {
        Verification done = flashCall().placed(NOW).completed(VerificationStatus.VERIFIED, "rang", NOW.plusSeconds(3),
                NOW.plusSeconds(13));

        assertThat(done.isTerminal()).isTrue();
        assertThat(done.completedAt()).isEqualTo(NOW.plusSeconds(3));
        assertThat(done.nextAttemptAt()).isEqualTo(NOW.plusSeconds(13));
        assertThat(done.resultPublished().nextAttemptAt()).isNull();
    }

    @Test
    void aCompletedVerificationCannotMoveAgain() {
        Verification done = flashCall().completed(VerificationStatus.EXPIRED, "ttl", NOW, NOW);

        assertThatThrownBy(() -> done.placed(NOW)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> done.waitingUntil(NOW)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> done.completed(VerificationStatus.VERIFIED, "x", NOW, NOW))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyAPendingVerificationCanBePlacedAndOnlyALiveAttemptHandedBack() {
        Verification placed = flashCall().placed(NOW);

        assertThatThrownBy(() -> placed.placed(NOW)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> flashCall().handedBack(NOW)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> flashCall().resultPublished()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aLiveStatusIsNotATerminalOne() {
        assertThatThrownBy(() -> flashCall().completed(VerificationStatus.IN_PROGRESS, "x", NOW, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void expiryIsInclusive() {
        assertThat(flashCall().isExpiredAt(EXPIRES.minusMillis(1))).isFalse();
        assertThat(flashCall().isExpiredAt(EXPIRES)).isTrue();
    }

    @Test
    void transitionsKeepTheVersionTheyWereReadAt() {
        Verification read = flashCall().withVersion(7);

        assertThat(read.placed(NOW).version()).isEqualTo(7);
    }

    @Test
    void aResultThatCouldNotBePublishedIsDueAgainLater() {
        Verification terminal = flashCall().completed(VerificationStatus.VERIFIED, "rang", NOW, NOW.plusSeconds(10));

        Verification again = terminal.resultDueAgainAt(NOW.plusSeconds(20));

        assertThat(again.nextAttemptAt()).isEqualTo(NOW.plusSeconds(20));
        assertThat(again.status()).isEqualTo(VerificationStatus.VERIFIED);
        assertThat(again.completedAt()).isEqualTo(NOW);
        assertThatThrownBy(() -> flashCall().resultDueAgainAt(NOW)).isInstanceOf(IllegalStateException.class);
    }
}
