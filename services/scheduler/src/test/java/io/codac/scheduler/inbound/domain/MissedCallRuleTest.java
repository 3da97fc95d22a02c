package io.codac.scheduler.inbound.domain;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MissedCallRuleTest {

    private static final String SHOPPER = "+919812345678";
    private static final String OTHER_NUMBER = "+919800000001";
    private static final String DID = "+918000000001";
    private static final String OTHER_DID = "+918000000002";
    private static final Instant REQUESTED = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant EXPIRES = REQUESTED.plus(Duration.ofMinutes(5));

    private final MissedCallRule rule = new MissedCallRule();

    private static ExpectedCall waiting(String id) {
        return new ExpectedCall(id, SHOPPER, DID, REQUESTED, EXPIRES, true);
    }

    private static ExpectedCall complete(String id) {
        return new ExpectedCall(id, SHOPPER, DID, REQUESTED, EXPIRES, false);
    }

    private static InboundCall call(String from, String to, Instant at) {
        return new InboundCall("inbound:" + at.toEpochMilli(), from, to, "srv1", at);
    }

    private static InboundCall shopperCallsAt(Instant at) {
        return call(SHOPPER, DID, at);
    }

    @Nested
    class Answers {

        @Test
        void theShoppersCallToTheGivenDidWithinTheLifeAnswers() {
            assertThat(rule.answers(shopperCallsAt(REQUESTED.plusSeconds(20)), waiting("v1"))).isTrue();
        }

        @Test
        void anotherCallerDoesNot() {
            assertThat(rule.answers(call(OTHER_NUMBER, DID, REQUESTED.plusSeconds(20)), waiting("v1"))).isFalse();
        }

        @Test
        void aCallToAnotherDidDoesNot() {
            assertThat(rule.answers(call(SHOPPER, OTHER_DID, REQUESTED.plusSeconds(20)), waiting("v1"))).isFalse();
        }

        @Test
        void aCallAtTheExpiryOrAfterDoesNot() {
            assertThat(rule.answers(shopperCallsAt(EXPIRES), waiting("v1"))).isFalse();
            assertThat(rule.answers(shopperCallsAt(EXPIRES.plusSeconds(1)), waiting("v1"))).isFalse();
            assertThat(rule.answers(shopperCallsAt(EXPIRES.minusMillis(1)), waiting("v1"))).isTrue();
        }

        @Test
        void aCallWithinTheClockSkewBeforeTheRequestAnswers() {
            assertThat(rule.answers(shopperCallsAt(REQUESTED), waiting("v1"))).isTrue();
            assertThat(rule.answers(shopperCallsAt(REQUESTED.minus(MissedCallRule.CLOCK_SKEW)), waiting("v1"))).isTrue();
        }

        @Test
        void aCallFromBeforeTheRequestLessTheSkewDoesNot() {
            // the DID pool is shared: a call made for an earlier verification must not verify a later one
            Instant earlier = REQUESTED.minus(MissedCallRule.CLOCK_SKEW).minusMillis(1);
            assertThat(rule.answers(shopperCallsAt(earlier), waiting("v1"))).isFalse();
        }

        @Test
        void whetherTheVerificationStillWaitsDoesNotChangeWhatACallAnswers() {
            assertThat(rule.answers(shopperCallsAt(REQUESTED.plusSeconds(20)), complete("v1"))).isTrue();
        }
    }

    @Nested
    class Match {

        @Test
        void aCallThatAnswersAWaitingVerificationVerifiesIt() {
            CallMatch match = rule.match(shopperCallsAt(REQUESTED.plusSeconds(20)), List.of(waiting("v1")));

            assertThat(match).isEqualTo(new CallMatch.Verifies(List.of(waiting("v1"))));
        }

        @Test
        void itVerifiesEveryWaitingVerificationItAnswersAndOnlyThose() {
            ExpectedCall otherDid = new ExpectedCall("v3", SHOPPER, OTHER_DID, REQUESTED, EXPIRES, true);
            ExpectedCall done = complete("v4");

            CallMatch match = rule.match(shopperCallsAt(REQUESTED.plusSeconds(20)),
                    List.of(waiting("v1"), otherDid, waiting("v2"), done));

            assertThat(match).isEqualTo(new CallMatch.Verifies(List.of(waiting("v1"), waiting("v2"))));
        }

        @Test
        void aSecondCallForAVerificationAlreadyCompleteChangesNothing() {
            CallMatch match = rule.match(shopperCallsAt(REQUESTED.plusSeconds(40)), List.of(complete("v1")));

            assertThat(match).isEqualTo(new CallMatch.Unmatched(CallMatch.Unanswered.ALREADY_COMPLETE));
        }

        @Test
        void aCallAfterTheTimeToLiveIsOutsideTheWindow() {
            CallMatch match = rule.match(shopperCallsAt(EXPIRES.plusSeconds(1)), List.of(waiting("v1")));

            assertThat(match).isEqualTo(new CallMatch.Unmatched(CallMatch.Unanswered.OUTSIDE_WINDOW));
        }

        @Test
        void aCallFromBeforeTheRequestIsOutsideTheWindow() {
            CallMatch match = rule.match(shopperCallsAt(REQUESTED.minusSeconds(60)), List.of(waiting("v1")));

            assertThat(match).isEqualTo(new CallMatch.Unmatched(CallMatch.Unanswered.OUTSIDE_WINDOW));
        }

        @Test
        void aCallToADidTheCallerWasNotGivenIsOtherDid() {
            CallMatch match = rule.match(call(SHOPPER, OTHER_DID, REQUESTED.plusSeconds(20)), List.of(waiting("v1")));

            assertThat(match).isEqualTo(new CallMatch.Unmatched(CallMatch.Unanswered.OTHER_DID));
        }

        @Test
        void aCallerWithNoMissedCallVerificationMatchesNothing() {
            assertThat(rule.match(call(OTHER_NUMBER, DID, REQUESTED.plusSeconds(20)), List.of()))
                    .isEqualTo(new CallMatch.Unmatched(CallMatch.Unanswered.NO_VERIFICATION));
        }

        @Test
        void expectationsOfOtherNumbersAreIgnoredWhateverTheCallerWasGiven() {
            ExpectedCall someoneElses = new ExpectedCall("v9", OTHER_NUMBER, DID, REQUESTED, EXPIRES, true);

            assertThat(rule.match(shopperCallsAt(REQUESTED.plusSeconds(20)), List.of(someoneElses)))
                    .isEqualTo(new CallMatch.Unmatched(CallMatch.Unanswered.NO_VERIFICATION));
        }

        @Test
        void theClosestMissIsReported() {
            ExpectedCall expiredOnThisDid = new ExpectedCall("v1", SHOPPER, DID, REQUESTED.minusSeconds(600),
                    REQUESTED.minusSeconds(300), false);
            ExpectedCall onAnotherDid = new ExpectedCall("v2", SHOPPER, OTHER_DID, REQUESTED, EXPIRES, true);

            assertThat(rule.match(shopperCallsAt(REQUESTED.plusSeconds(20)), List.of(onAnotherDid, expiredOnThisDid)))
                    .isEqualTo(new CallMatch.Unmatched(CallMatch.Unanswered.OUTSIDE_WINDOW));
            assertThat(rule.match(shopperCallsAt(REQUESTED.plusSeconds(20)),
                    List.of(onAnotherDid, expiredOnThisDid, complete("v3"))))
                    .isEqualTo(new CallMatch.Unmatched(CallMatch.Unanswered.ALREADY_COMPLETE));
        }
    }

    @Nested
    class EarliestAnswer {

        @Test
        void aCallReceivedBeforeTheRequestWasProcessedAnswersIt() {
            InboundCall early = shopperCallsAt(REQUESTED.plusSeconds(5));

            assertThat(rule.earliestAnswer(waiting("v1"), List.of(early))).contains(early);
        }

        @Test
        void theEarliestOfSeveralAnsweringCallsIsChosen() {
            InboundCall first = shopperCallsAt(REQUESTED.plusSeconds(5));
            InboundCall second = shopperCallsAt(REQUESTED.plusSeconds(9));

            assertThat(rule.earliestAnswer(waiting("v1"), List.of(second, first))).contains(first);
        }

        @Test
        void callsThatDoNotAnswerItAreSkipped() {
            List<InboundCall> received = List.of(
                    shopperCallsAt(REQUESTED.minusSeconds(30)),
                    call(SHOPPER, OTHER_DID, REQUESTED.plusSeconds(5)),
                    call(OTHER_NUMBER, DID, REQUESTED.plusSeconds(5)),
                    shopperCallsAt(EXPIRES));

            assertThat(rule.earliestAnswer(waiting("v1"), received)).isEmpty();
        }
    }

    @Nested
    class Records {

        @Test
        void aVerificationCannotExpireBeforeItWasRequested() {
            assertThatThrownBy(() -> new ExpectedCall("v1", SHOPPER, DID, REQUESTED, REQUESTED, true))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void aMatchThatVerifiesNothingIsNotAVerification() {
            assertThatThrownBy(() -> new CallMatch.Verifies(List.of())).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
