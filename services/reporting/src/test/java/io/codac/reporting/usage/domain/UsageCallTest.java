package io.codac.reporting.usage.domain;

import io.codac.contracts.domain.OutcomeClass;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class UsageCallTest {

    private static final Instant LATE_EVENING = Instant.parse("2026-11-22T23:59:59.900Z");
    private static final Instant NEXT_DAY = Instant.parse("2026-11-23T00:00:02Z");

    @Test
    void aPlacedCallIsBillableOnTheUtcDayItWasPlacedWhateverItsOutcome() {
        for (OutcomeClass outcome : new OutcomeClass[] {OutcomeClass.VERIFIED, OutcomeClass.INVALID,
                OutcomeClass.UNREACHABLE, OutcomeClass.ROUTE_FAILURE, OutcomeClass.SUSPECT_INVALID}) {
            var call = UsageCall.of("v1", "c1", "chan-1", LATE_EVENING, NEXT_DAY, outcome, NEXT_DAY);
            assertThat(call.billable()).isTrue();
            assertThat(call.day()).isEqualTo(LocalDate.parse("2026-11-22"));
            assertThat(call.outcome()).isEqualTo(outcome.name());
        }
    }

    @Test
    void ourOwnRefusalsAreNotBilled() {
        assertThat(UsageCall.of("v1", "c1", "chan-1", LATE_EVENING, NEXT_DAY, OutcomeClass.OUR_SIDE_REJECTED, NEXT_DAY)
                .billable()).isFalse();
    }

    @Test
    void anAttemptNeverPlacedIsRecordedButNotBilledOnItsEndOrVerdictDay() {
        var ended = UsageCall.of("v1", "c1", "chan-1", null, NEXT_DAY, null, NEXT_DAY);
        assertThat(ended.billable()).isFalse();
        assertThat(ended.outcome()).isEqualTo("UNKNOWN");
        assertThat(ended.day()).isEqualTo(LocalDate.parse("2026-11-23"));
        assertThat(UsageCall.of("v1", "c1", "chan-1", null, null, null, LATE_EVENING).day())
                .isEqualTo(LocalDate.parse("2026-11-22"));
    }
}
