package io.codac.reporting.timeline.domain;

import io.codac.contracts.domain.VerificationStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.codac.contracts.domain.VerificationStatus.EXPIRED;
import static io.codac.contracts.domain.VerificationStatus.FAILED;
import static io.codac.contracts.domain.VerificationStatus.INVALID;
import static io.codac.contracts.domain.VerificationStatus.IN_PROGRESS;
import static io.codac.contracts.domain.VerificationStatus.PENDING;
import static io.codac.contracts.domain.VerificationStatus.UNREACHABLE;
import static io.codac.contracts.domain.VerificationStatus.VERIFIED;
import static org.assertj.core.api.Assertions.assertThat;

class StatusPrecedenceTest {

    @Test
    void aCallInProgressMovesAPendingVerificationForward() {
        assertThat(StatusPrecedence.mayReplace(PENDING, IN_PROGRESS)).isTrue();
    }

    @Test
    void aLateRequestOrCallEventNeverMovesTheTimelineBackwards() {
        assertThat(StatusPrecedence.mayReplace(IN_PROGRESS, PENDING)).isFalse();
        assertThat(StatusPrecedence.mayReplace(VERIFIED, IN_PROGRESS)).isFalse();
        assertThat(StatusPrecedence.mayReplace(VERIFIED, PENDING)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = VerificationStatus.class, names = {"VERIFIED", "INVALID", "UNREACHABLE", "EXPIRED", "FAILED"})
    void aVerdictReplacesEitherLiveStatus(VerificationStatus verdict) {
        assertThat(StatusPrecedence.mayReplace(PENDING, verdict)).isTrue();
        assertThat(StatusPrecedence.mayReplace(IN_PROGRESS, verdict)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = VerificationStatus.class, names = {"VERIFIED", "INVALID", "UNREACHABLE", "EXPIRED", "FAILED"})
    void aVerdictIsNeverReplacedNotEvenByAnotherVerdict(VerificationStatus verdict) {
        for (VerificationStatus next : VerificationStatus.values()) {
            assertThat(StatusPrecedence.mayReplace(verdict, next)).as("%s -> %s", verdict, next).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(VerificationStatus.class)
    void repeatingAStatusChangesNothing(VerificationStatus status) {
        assertThat(StatusPrecedence.mayReplace(status, status)).isFalse();
    }

    @Test
    void theUpdateGuardsListExactlyTheReplaceableStatuses() {
        assertThat(StatusPrecedence.replacedBy(IN_PROGRESS)).containsExactly(PENDING);
        assertThat(StatusPrecedence.replacedBy(PENDING)).isEmpty();
        assertThat(StatusPrecedence.replacedBy(VERIFIED)).containsExactlyInAnyOrder(PENDING, IN_PROGRESS);
        assertThat(StatusPrecedence.replacedByAnyVerdict()).containsExactlyInAnyOrder(PENDING, IN_PROGRESS);
        for (VerificationStatus verdict : new VerificationStatus[] {VERIFIED, INVALID, UNREACHABLE, EXPIRED, FAILED}) {
            assertThat(StatusPrecedence.replacedBy(verdict)).isEqualTo(StatusPrecedence.replacedByAnyVerdict());
        }
    }
}
