package io.codac.adapter.call.domain;

import io.codac.adapter.call.domain.AriSignal.ChannelDestroyed;
import io.codac.adapter.call.domain.AriSignal.ChannelVanished;
import io.codac.adapter.call.domain.AriSignal.DialStatusReported;
import io.codac.adapter.call.domain.AriSignal.EarlyMedia;
import io.codac.adapter.call.domain.AriSignal.FarEndAnswered;
import io.codac.adapter.call.domain.AriSignal.FarEndRinging;
import io.codac.adapter.call.domain.AriSignal.HangUpNow;
import io.codac.adapter.call.domain.AriSignal.HangUpRequestedOnServer;
import io.codac.adapter.call.domain.AriSignal.OriginateAccepted;
import io.codac.adapter.call.domain.AriSignal.OriginateFailed;
import io.codac.adapter.call.domain.AriSignal.OriginateOutcomeUnknown;
import io.codac.adapter.call.domain.AriSignal.TimerElapsed;
import io.codac.adapter.call.domain.LegAction.HangUp;
import io.codac.adapter.call.domain.LegAction.ReleaseChannel;
import io.codac.adapter.call.domain.LegAction.StartTimer;
import io.codac.testsupport.MutableClock;
import io.codac.contracts.domain.CallSignal;
import io.codac.contracts.domain.OutcomeClass;
import io.codac.contracts.domain.OutcomeClassifier;
import io.codac.contracts.event.CallEvent;
import io.codac.contracts.event.CallEventType;
import io.codac.contracts.event.CallLeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.codac.contracts.event.CallEventType.ANSWERED;
import static io.codac.contracts.event.CallEventType.DIAL_STARTED;
import static io.codac.contracts.event.CallEventType.EARLY_MEDIA;
import static io.codac.contracts.event.CallEventType.ENDED;
import static io.codac.contracts.event.CallEventType.RINGING;
import static org.assertj.core.api.Assertions.assertThat;

class CallLegMachineTest {

    private static final CallLeg LEG = new CallLeg("att-1", "ver-1", "+33612345678", "t1", "srv1");
    private static final Duration FLASH = Duration.ofSeconds(1);
    private static final Duration CONFIRM = Duration.ofSeconds(5);
    private static final int RING_TIMEOUT_SECONDS = 20;

    private final MutableClock clock = MutableClock.atNoon();
    private final CallLegMachine machine =
            new CallLegMachine(clock, new FlashCallPolicy(FLASH, CONFIRM, Duration.ofSeconds(30)));
    private final OutcomeClassifier classifier = new OutcomeClassifier();

    /** Feeds signals to one leg and keeps everything the machine said, in order. */
    private final class Call {
        Leg leg = machine.begin(LEG, RING_TIMEOUT_SECONDS);
        final List<CallEvent> events = new ArrayList<>();
        final List<LegAction> actions = new ArrayList<>();
        Transition last;

        Call feed(AriSignal... signals) {
            for (AriSignal signal : signals) {
                last = machine.apply(leg, signal);
                leg = last.leg();
                events.addAll(last.events());
                actions.addAll(last.actions());
            }
            return this;
        }

        Call after(Duration elapsed) {
            clock.advance(elapsed);
            return this;
        }

        List<CallEventType> types() {
            return events.stream().map(CallEvent::type).toList();
        }

        CallSignal endSignal() {
            return events.stream().filter(e -> e.type() == ENDED).findFirst().orElseThrow().signal();
        }

        CallEvent ended() {
            return events.stream().filter(e -> e.type() == ENDED).findFirst().orElseThrow();
        }

        List<HangUp> hangUps() {
            return actions.stream().filter(HangUp.class::isInstance).map(HangUp.class::cast).toList();
        }

        long releases() {
            return actions.stream().filter(ReleaseChannel.class::isInstance).count();
        }
    }

    private static ChannelDestroyed destroyed(int cause, String text) {
        return new ChannelDestroyed(cause, text, null);
    }

    private static TimerElapsed timer(LegTimer timer) {
        return new TimerElapsed(timer);
    }

    // ---- a flash call ----
    @Test
    void ringsThenWeHangUpAfterTheFlashDelayAndReportItAlertedAndHungUpByUs() {
        Instant start = clock.instant();
        var call = new Call().feed(new OriginateAccepted());
        assertThat(call.types()).containsExactly(DIAL_STARTED);
        assertThat(call.actions).containsExactly(
                new StartTimer(LegTimer.RING_TIMEOUT, start.plusSeconds(RING_TIMEOUT_SECONDS)));

        call.after(Duration.ofMillis(700)).feed(new FarEndRinging());
        Instant rangAt = clock.instant();
        assertThat(call.last.events()).extracting(CallEvent::type).containsExactly(RINGING);
        assertThat(call.last.actions()).containsExactly(new StartTimer(LegTimer.FLASH_HANGUP, rangAt.plus(FLASH)));
        assertThat(call.leg.state()).isEqualTo(LegState.RINGING);

        call.after(FLASH).feed(timer(LegTimer.FLASH_HANGUP));
        assertThat(call.last.actions()).containsExactly(new HangUp(HangUpReason.FLASH_AFTER_RINGING),
                new StartTimer(LegTimer.HANGUP_CONFIRMATION, clock.instant().plus(CONFIRM)));
        assertThat(call.last.events()).isEmpty();

        call.after(Duration.ofMillis(30)).feed(destroyed(16, "Normal Clearing"));
        assertThat(call.types()).containsExactly(DIAL_STARTED, RINGING, ENDED);
        assertThat(call.endSignal()).isEqualTo(new CallSignal(true, false, true, true, 16, null, null));
        assertThat(call.ended().causeText()).isEqualTo("Normal Clearing");
        assertThat(call.last.actions()).containsExactly(new ReleaseChannel());
        assertThat(call.leg.state()).isEqualTo(LegState.ENDED);
        assertThat(classifier.classify(call.endSignal())).isEqualTo(OutcomeClass.VERIFIED);
    }

    @Test
    void carriesTheLegIdentityAndAStableEventIdPerTypeOnEveryEvent() {
        var call = new Call().feed(new OriginateAccepted(), new FarEndRinging(), destroyed(16, null));

        assertThat(call.events).allSatisfy(e -> {
            assertThat(e.leg()).isEqualTo(LEG);
            assertThat(e.key()).isEqualTo("+33612345678");
            assertThat(e.eventId()).isEqualTo("att-1:" + e.type().name().toLowerCase());
        });
    }

    @Test
    void toAnUnallocatedNumberEndsNotAlertedWithCauseOne() {
        var call = new Call().feed(new OriginateAccepted(), destroyed(1, "Unallocated (unassigned) number"));

        assertThat(call.types()).containsExactly(DIAL_STARTED, ENDED);
        assertThat(call.endSignal()).isEqualTo(new CallSignal(false, false, false, false, 1, null, null));
        assertThat(call.releases()).isOne();
        assertThat(classifier.classify(call.endSignal())).isEqualTo(OutcomeClass.INVALID);
    }

    @Test
    void thatIsAnsweredIsHungUpAtOnce() {
        var call = new Call().feed(new OriginateAccepted(), new FarEndRinging()).feed(new FarEndAnswered());

        assertThat(call.last.events()).extracting(CallEvent::type).containsExactly(ANSWERED);
        assertThat(call.last.actions()).startsWith(new HangUp(HangUpReason.ANSWERED));

        call.feed(destroyed(16, null));
        assertThat(call.endSignal()).isEqualTo(new CallSignal(true, true, true, true, 16, null, null));
        assertThat(classifier.classify(call.endSignal())).isEqualTo(OutcomeClass.VERIFIED);
    }

    @Test
    void answeredWithoutRingingIsAnsweredButNotAlerted() {
        var call = new Call().feed(new OriginateAccepted(), new FarEndAnswered(), destroyed(16, null));

        assertThat(call.types()).containsExactly(DIAL_STARTED, ANSWERED, ENDED);
        assertThat(call.endSignal().alerted()).isFalse();
        assertThat(call.endSignal().answered()).isTrue();
        assertThat(classifier.classify(call.endSignal())).isEqualTo(OutcomeClass.VERIFIED);
    }

    @Test
    void thatNobodyEndsIsHungUpAtTheRingTimeout() {
        var call = new Call().feed(new OriginateAccepted())
                .after(Duration.ofSeconds(RING_TIMEOUT_SECONDS)).feed(timer(LegTimer.RING_TIMEOUT));

        assertThat(call.last.actions()).startsWith(new HangUp(HangUpReason.RING_TIMEOUT));
        call.feed(destroyed(16, null));
        assertThat(call.endSignal()).isEqualTo(new CallSignal(false, false, true, false, 16, null, null));
        assertThat(classifier.classify(call.endSignal())).isEqualTo(OutcomeClass.ROUTE_FAILURE);
    }

    @Test
    void whoseCommandHasNoRingTimeoutUsesThePolicyDefault() {
        Leg leg = machine.begin(LEG, 0);

        var accepted = machine.apply(leg, new OriginateAccepted());

        assertThat(accepted.actions()).containsExactly(
                new StartTimer(LegTimer.RING_TIMEOUT, clock.instant().plusSeconds(30)));
    }

    @Test
    void thatIsBusyIsReportedBusyWithItsDialStatus() {
        var call = new Call().feed(new OriginateAccepted(), new DialStatusReported("BUSY"), destroyed(17, "User busy"));

        assertThat(call.endSignal()).isEqualTo(new CallSignal(false, false, false, false, 17, null, "BUSY"));
        assertThat(classifier.classify(call.endSignal())).isEqualTo(OutcomeClass.VERIFIED);
    }

    @Test
    void thatIsDeclinedAfterRingingIsStillAlerted() {
        var call = new Call().feed(new OriginateAccepted(), new FarEndRinging(), destroyed(21, "Call Rejected"));

        assertThat(call.endSignal()).isEqualTo(new CallSignal(true, false, false, true, 21, null, null));
        assertThat(classifier.classify(call.endSignal())).isEqualTo(OutcomeClass.VERIFIED);
        assertThat(call.feed(timer(LegTimer.FLASH_HANGUP)).last.changedNothing()).isTrue();
    }

    @Test
    void thatTheCarrierCongestsIsARouteFailure() {
        var call = new Call().feed(new OriginateAccepted(), new DialStatusReported("CONGESTION"),
                destroyed(34, "Circuit/channel congestion"));

        assertThat(call.endSignal()).isEqualTo(new CallSignal(false, false, false, false, 34, null, "CONGESTION"));
        assertThat(classifier.classify(call.endSignal())).isEqualTo(OutcomeClass.ROUTE_FAILURE);
    }

    @Test
    void thatTheNetworkSaidWasProceedingHadAProvisionalReply() {
        var call = new Call().feed(new OriginateAccepted(), new DialStatusReported("PROCEEDING"), destroyed(18, null));

        assertThat(call.endSignal().provisional()).isTrue();
        assertThat(call.endSignal().alerted()).isFalse();
        assertThat(call.types()).containsExactly(DIAL_STARTED, ENDED);
    }

    @Test
    void keepsTheSipCodeWhenTheServerExposesIt() {
        var call = new Call().feed(new OriginateAccepted(), new ChannelDestroyed(1, "Unallocated", 404));

        assertThat(call.endSignal().sipCode()).isEqualTo(404);
    }

    // ---- early media order ----
    @Test
    void earlyMediaWithoutRingingIsReportedButIsNotAlerting() {
        var call = new Call().feed(new OriginateAccepted(), new DialStatusReported("PROGRESS"));

        assertThat(call.types()).containsExactly(DIAL_STARTED, EARLY_MEDIA);
        assertThat(call.leg.state()).isEqualTo(LegState.EARLY_MEDIA);
        assertThat(call.last.actions()).isEmpty(); // no flash hang-up: 183 alone proves nothing

        call.feed(timer(LegTimer.RING_TIMEOUT), destroyed(16, null));
        assertThat(call.endSignal()).isEqualTo(new CallSignal(false, false, true, true, 16, null, null));
    }

    @Test
    void earlyMediaThenRingingIsAlertingAndStartsTheFlashTimer() {
        var call = new Call().feed(new OriginateAccepted(), new EarlyMedia(), new FarEndRinging());

        assertThat(call.types()).containsExactly(DIAL_STARTED, EARLY_MEDIA, RINGING);
        assertThat(call.last.actions()).containsExactly(
                new StartTimer(LegTimer.FLASH_HANGUP, clock.instant().plus(FLASH)));
    }

    @Test
    void earlyMediaAfterRingingChangesNothing() {
        var call = new Call().feed(new OriginateAccepted(), new FarEndRinging()).feed(new EarlyMedia());

        assertThat(call.last.changedNothing()).isTrue();
        assertThat(call.leg.state()).isEqualTo(LegState.RINGING);
    }

    @Test
    void earlyMediaThenAnswerSkipsRinging() {
        var call = new Call().feed(new OriginateAccepted(), new EarlyMedia(), new FarEndAnswered());

        assertThat(call.types()).containsExactly(DIAL_STARTED, EARLY_MEDIA, ANSWERED);
    }

    // ---- early media on a carrier that signals ringing as 183 ----
    private static final Duration EARLY_MEDIA_CONFIRMATION = Duration.ofSeconds(3);

    /** A machine for which trunk {@code t1}'s carrier signals a ringing phone only as 183. */
    private CallLegMachine earlyMediaRingingMachine() {
        return new CallLegMachine(clock, new FlashCallPolicy(FLASH, CONFIRM, Duration.ofSeconds(30))
                .withEarlyMediaRinging(java.util.Set.of("t1"), EARLY_MEDIA_CONFIRMATION));
    }

    private Transition[] feedAll(CallLegMachine m, Leg[] leg, List<CallEvent> events, AriSignal... signals) {
        Transition[] last = new Transition[1];
        for (AriSignal signal : signals) {
            last[0] = m.apply(leg[0], signal);
            leg[0] = last[0].leg();
            events.addAll(last[0].events());
        }
        return last;
    }

    @Test
    void onAnEarlyMediaRingingTrunkA183StartsTheConfirmationTimerAndIsNotYetAlerting() {
        CallLegMachine m = earlyMediaRingingMachine();
        Leg[] leg = {m.begin(LEG, RING_TIMEOUT_SECONDS)};
        List<CallEvent> events = new ArrayList<>();

        Transition last = feedAll(m, leg, events, new OriginateAccepted(), new DialStatusReported("PROGRESS"))[0];

        assertThat(events).extracting(CallEvent::type).containsExactly(DIAL_STARTED, EARLY_MEDIA);
        assertThat(leg[0].alerted()).isFalse();
        assertThat(last.actions()).containsExactly(
                new StartTimer(LegTimer.EARLY_MEDIA_CONFIRMATION, clock.instant().plus(EARLY_MEDIA_CONFIRMATION)));
    }

    @Test
    void aLasting183OnAnEarlyMediaRingingTrunkIsConfirmedAsRingingAndTheFlashDelayCountsFromThe183() {
        CallLegMachine m = earlyMediaRingingMachine();
        Leg[] leg = {m.begin(LEG, RING_TIMEOUT_SECONDS)};
        List<CallEvent> events = new ArrayList<>();
        feedAll(m, leg, events, new OriginateAccepted(), new EarlyMedia());
        Instant earlyMediaAt = clock.instant();

        clock.advance(EARLY_MEDIA_CONFIRMATION);
        Transition confirmed = feedAll(m, leg, events, timer(LegTimer.EARLY_MEDIA_CONFIRMATION))[0];

        assertThat(confirmed.events()).extracting(CallEvent::type).containsExactly(RINGING);
        assertThat(leg[0].state()).isEqualTo(LegState.RINGING);
        assertThat(leg[0].ringingAt()).isEqualTo(earlyMediaAt);
        // the confirmation took longer than the flash delay: the hang-up is due now
        assertThat(confirmed.actions()).containsExactly(new StartTimer(LegTimer.FLASH_HANGUP, clock.instant()));

        Transition hangUp = feedAll(m, leg, events, timer(LegTimer.FLASH_HANGUP))[0];
        assertThat(hangUp.actions()).contains(new HangUp(HangUpReason.FLASH_AFTER_RINGING));
        feedAll(m, leg, events, destroyed(16, "Normal Clearing"));
        CallSignal end = events.getLast().signal();
        assertThat(end.alerted()).isTrue();
        assertThat(end.hungUpByUs()).isTrue();
        assertThat(classifier.classify(end)).isEqualTo(OutcomeClass.VERIFIED);
    }

    @Test
    void anAnnouncementIn183OnAnEarlyMediaRingingTrunkEndsBeforeConfirmationAndIsNotAlerting() {
        CallLegMachine m = earlyMediaRingingMachine();
        Leg[] leg = {m.begin(LEG, RING_TIMEOUT_SECONDS)};
        List<CallEvent> events = new ArrayList<>();
        feedAll(m, leg, events, new OriginateAccepted(), new DialStatusReported("PROGRESS"));

        clock.advance(Duration.ofSeconds(1));
        feedAll(m, leg, events, new DialStatusReported("CHANUNAVAIL"), destroyed(20, "Subscriber absent"));
        Transition late = feedAll(m, leg, events, timer(LegTimer.EARLY_MEDIA_CONFIRMATION))[0];

        assertThat(events).extracting(CallEvent::type).containsExactly(DIAL_STARTED, EARLY_MEDIA, ENDED);
        assertThat(late.changedNothing()).isTrue();
        CallSignal end = events.getLast().signal();
        assertThat(end.alerted()).isFalse();
        assertThat(end.provisional()).isTrue();
        assertThat(classifier.classify(end)).isEqualTo(OutcomeClass.UNREACHABLE);
    }

    @Test
    void a183ThenA180OnAnEarlyMediaRingingTrunkRingsAtOnceAndTheConfirmationTimerChangesNothing() {
        CallLegMachine m = earlyMediaRingingMachine();
        Leg[] leg = {m.begin(LEG, RING_TIMEOUT_SECONDS)};
        List<CallEvent> events = new ArrayList<>();
        feedAll(m, leg, events, new OriginateAccepted(), new EarlyMedia(), new FarEndRinging());

        Transition late = feedAll(m, leg, events, timer(LegTimer.EARLY_MEDIA_CONFIRMATION))[0];

        assertThat(events).extracting(CallEvent::type).containsExactly(DIAL_STARTED, EARLY_MEDIA, RINGING);
        assertThat(late.changedNothing()).isTrue();
    }

    @Test
    void a183OnAnEarlyMediaRingingTrunkAfterWeHungUpIsNeverConfirmed() {
        CallLegMachine m = earlyMediaRingingMachine();
        Leg[] leg = {m.begin(LEG, RING_TIMEOUT_SECONDS)};
        List<CallEvent> events = new ArrayList<>();
        feedAll(m, leg, events, new OriginateAccepted(), new HangUpNow(HangUpReason.REQUESTED));

        Transition early = feedAll(m, leg, events, new EarlyMedia())[0];
        Transition timerLate = feedAll(m, leg, events, timer(LegTimer.EARLY_MEDIA_CONFIRMATION))[0];

        assertThat(early.actions()).isEmpty();
        assertThat(timerLate.changedNothing()).isTrue();
        assertThat(leg[0].alerted()).isFalse();
    }

    @Test
    void onATrunkWhoseCarrierSignals180A183IsNeverConfirmedAsRinging() {
        CallLegMachine m = earlyMediaRingingMachine();
        Leg[] leg = {m.begin(new CallLeg("att-2", "ver-2", "+33612345678", "t2", "srv1"), RING_TIMEOUT_SECONDS)};
        List<CallEvent> events = new ArrayList<>();

        Transition early = feedAll(m, leg, events, new OriginateAccepted(), new EarlyMedia())[0];
        Transition timerAnyway = feedAll(m, leg, events, timer(LegTimer.EARLY_MEDIA_CONFIRMATION))[0];

        assertThat(early.actions()).isEmpty();
        assertThat(timerAnyway.changedNothing()).isTrue();
        assertThat(leg[0].state()).isEqualTo(LegState.EARLY_MEDIA);
    }

    @Test
    void the183ConfirmationTimerBeforeTheChannelExistsChangesNothing() {
        CallLegMachine m = earlyMediaRingingMachine();
        Leg leg = m.begin(LEG, RING_TIMEOUT_SECONDS);

        assertThat(m.apply(leg, timer(LegTimer.EARLY_MEDIA_CONFIRMATION)).changedNothing()).isTrue();
    }

    // ---- adopting a live channel after a restart ----
    @Test
    void anAdoptedRingingChannelIsAlertingAndHungUpAfterTheFlashDelay() {
        Instant placedAt = clock.instant().minusSeconds(3);

        Transition adopted = machine.adopt(LEG, RING_TIMEOUT_SECONDS, placedAt, "Ringing");

        assertThat(adopted.events()).extracting(CallEvent::type).containsExactly(DIAL_STARTED, RINGING);
        assertThat(adopted.events()).extracting(CallEvent::eventId).containsExactly("att-1:dial_started", "att-1:ringing");
        assertThat(adopted.leg().state()).isEqualTo(LegState.RINGING);
        assertThat(adopted.actions()).containsExactly(
                new StartTimer(LegTimer.RING_TIMEOUT, placedAt.plusSeconds(RING_TIMEOUT_SECONDS)),
                new StartTimer(LegTimer.FLASH_HANGUP, clock.instant().plus(FLASH)));

        clock.advance(FLASH);
        Transition hangUp = machine.apply(adopted.leg(), timer(LegTimer.FLASH_HANGUP));
        assertThat(hangUp.actions()).contains(new HangUp(HangUpReason.FLASH_AFTER_RINGING));
        Transition end = machine.apply(hangUp.leg(), destroyed(16, "Normal Clearing"));
        assertThat(end.events()).extracting(CallEvent::type).containsExactly(ENDED);
        assertThat(end.events().getFirst().signal().alerted()).isTrue();
        assertThat(end.actions()).contains(new ReleaseChannel());
    }

    @Test
    void anAdoptedDialingChannelWhoseRingWindowPassedIsHungUpAtOnce() {
        Instant placedAt = clock.instant().minusSeconds(RING_TIMEOUT_SECONDS + 5);

        Transition adopted = machine.adopt(LEG, RING_TIMEOUT_SECONDS, placedAt, "Down");

        assertThat(adopted.leg().state()).isEqualTo(LegState.DIALING);
        assertThat(adopted.actions()).containsExactly(new StartTimer(LegTimer.RING_TIMEOUT, clock.instant()));
        Transition timeout = machine.apply(adopted.leg(), timer(LegTimer.RING_TIMEOUT));
        assertThat(timeout.actions()).contains(new HangUp(HangUpReason.RING_TIMEOUT));
    }

    @Test
    void anAdoptedDialingChannelKeepsTheRingTimeoutOfItsOriginate() {
        Instant placedAt = clock.instant().minusSeconds(5);

        Transition adopted = machine.adopt(LEG, RING_TIMEOUT_SECONDS, placedAt, "Down");

        assertThat(adopted.events()).extracting(CallEvent::type).containsExactly(DIAL_STARTED);
        assertThat(adopted.actions()).containsExactly(
                new StartTimer(LegTimer.RING_TIMEOUT, placedAt.plusSeconds(RING_TIMEOUT_SECONDS)));
        // a 180 arriving later is followed as usual
        Transition ringing = machine.apply(adopted.leg(), new FarEndRinging());
        assertThat(ringing.events()).extracting(CallEvent::type).containsExactly(RINGING);
    }

    @Test
    void anAdoptedAnsweredChannelIsHungUpAtOnce() {
        Transition adopted = machine.adopt(LEG, RING_TIMEOUT_SECONDS, clock.instant().minusSeconds(2), "Up");

        assertThat(adopted.events()).extracting(CallEvent::type).containsExactly(DIAL_STARTED, ANSWERED);
        assertThat(adopted.actions()).contains(new HangUp(HangUpReason.ANSWERED));
    }

    @Test
    void anAdoptedLegWhoseChannelVanishesEndsOnceWithWhatIsKnown() {
        Transition adopted = machine.adopt(LEG, RING_TIMEOUT_SECONDS, clock.instant().minusSeconds(2), "Ringing");

        Transition vanished = machine.apply(adopted.leg(), new ChannelVanished());
        Transition again = machine.apply(vanished.leg(), new ChannelVanished());

        assertThat(vanished.events()).extracting(CallEvent::type).containsExactly(ENDED);
        assertThat(vanished.events().getFirst().signal().alerted()).isTrue();
        assertThat(again.changedNothing()).isTrue();
    }

    // ---- events before the originate answer ----
    @Test
    void ringingBeforeTheHttpAnswerReportsTheDialStartedFirst() {
        var call = new Call().feed(new FarEndRinging());

        assertThat(call.types()).containsExactly(DIAL_STARTED, RINGING);
        assertThat(call.feed(new OriginateAccepted()).last.changedNothing()).isTrue();
    }

    @Test
    void destroyedBeforeTheHttpAnswerReportsDialStartedThenEnded() {
        var call = new Call().feed(destroyed(1, "Unallocated"));

        assertThat(call.types()).containsExactly(DIAL_STARTED, ENDED);
        assertThat(call.releases()).isOne();
        assertThat(call.feed(new OriginateAccepted()).last.changedNothing()).isTrue();
        assertThat(call.feed(new OriginateFailed(500, "late")).last.changedNothing()).isTrue();
    }

    @Test
    void aDialStatusBeforeTheHttpAnswerConfirmsTheChannel() {
        var call = new Call().feed(new DialStatusReported(""));
        assertThat(call.events).isEmpty();

        call.feed(new DialStatusReported("NOANSWER"));
        assertThat(call.types()).containsExactly(DIAL_STARTED);
        assertThat(call.leg.dialStatus()).isEqualTo("NOANSWER");
    }

    @Test
    void aServerSideHangUpRequestBeforeTheHttpAnswerConfirmsTheChannel() {
        var call = new Call().feed(new HangUpRequestedOnServer(19));

        assertThat(call.types()).containsExactly(DIAL_STARTED);
        assertThat(call.leg.serverHangUpCause()).isEqualTo(19);
    }

    @Test
    void timersAndVanishingCannotEndALegWhoseOriginateIsInFlight() {
        var call = new Call().feed(timer(LegTimer.RING_TIMEOUT), timer(LegTimer.FLASH_HANGUP),
                timer(LegTimer.HANGUP_CONFIRMATION), new ChannelVanished());

        assertThat(call.events).isEmpty();
        assertThat(call.actions).isEmpty();
        assertThat(call.leg.state()).isEqualTo(LegState.ORIGINATING);
    }

    // ---- a failed originate ----
    @Test
    void endsAsARouteFailureWithoutDialStartedAndFreesTheChannel() {
        var call = new Call().feed(new OriginateFailed(500, "Allocation failed"));

        assertThat(call.types()).containsExactly(ENDED);
        assertThat(call.endSignal()).isEqualTo(new CallSignal(false, false, false, false, null, null, "CHANUNAVAIL"));
        assertThat(call.ended().causeText()).contains("HTTP 500").contains("Allocation failed");
        assertThat(call.actions).containsExactly(new ReleaseChannel());
        assertThat(classifier.classify(call.endSignal())).isEqualTo(OutcomeClass.ROUTE_FAILURE);
    }

    @Test
    void afterTheServerShowedTheChannelIsIgnored() {
        var call = new Call().feed(new FarEndRinging()).feed(new OriginateFailed(500, "late"));

        assertThat(call.last.changedNothing()).isTrue();
        assertThat(call.leg.state()).isEqualTo(LegState.RINGING);
    }

    // ---- an originate without an answer: the channel may exist, or be created later ----
    @Test
    void anUnansweredOriginateKeepsTheLegLiveAndAsksTheServerToClearTheChannelId() {
        Instant start = clock.instant();
        var call = new Call().feed(new OriginateOutcomeUnknown("read timeout"));

        assertThat(call.events).isEmpty(); // no ENDED: the scheduler must not re-place a number that may ring here
        assertThat(call.releases()).isZero(); // the trunk channel stays taken: the call may be on it
        assertThat(call.leg.state()).isEqualTo(LegState.ORIGINATE_UNKNOWN);
        assertThat(call.actions).containsExactly(new HangUp(HangUpReason.ORIGINATE_OUTCOME_UNKNOWN),
                new StartTimer(LegTimer.HANGUP_CONFIRMATION, start.plus(CONFIRM)));
    }

    @Test
    void aChannelThatRingsAfterAnUnansweredOriginateIsReportedRingingAndEndsAlerted() {
        var call = new Call().feed(new OriginateOutcomeUnknown("read timeout"))
                .after(Duration.ofMillis(300)).feed(new FarEndRinging());
        Instant rangAt = clock.instant();

        assertThat(call.types()).containsExactly(DIAL_STARTED, RINGING);
        // The channel exists after all: it is cleared again (the first request may have come before it), never flashed.
        assertThat(call.last.actions()).containsExactly(
                new StartTimer(LegTimer.RING_TIMEOUT, rangAt.plusSeconds(RING_TIMEOUT_SECONDS)),
                new HangUp(HangUpReason.ORIGINATE_OUTCOME_UNKNOWN),
                new StartTimer(LegTimer.HANGUP_CONFIRMATION, rangAt.plus(CONFIRM)));

        call.after(Duration.ofMillis(50)).feed(destroyed(16, "Normal Clearing"));
        assertThat(call.types()).containsExactly(DIAL_STARTED, RINGING, ENDED);
        assertThat(call.endSignal()).isEqualTo(new CallSignal(true, false, true, true, 16, null, null));
        assertThat(classifier.classify(call.endSignal())).isEqualTo(OutcomeClass.VERIFIED);
        assertThat(call.releases()).isOne();
    }

    @Test
    void aChannelDestroyedAfterAnUnansweredOriginateEndsTheLegAsTheServerTellsIt() {
        var call = new Call().feed(new OriginateOutcomeUnknown("connection reset"), destroyed(1, "Unallocated"));

        assertThat(call.types()).containsExactly(DIAL_STARTED, ENDED);
        assertThat(call.endSignal()).isEqualTo(new CallSignal(false, false, true, false, 1, null, null));
        assertThat(classifier.classify(call.endSignal())).isEqualTo(OutcomeClass.INVALID);
    }

    @Test
    void anUnansweredOriginateTheServerNeverMentionsEndsAtTheHangUpConfirmationAsARouteFailure() {
        var call = new Call().feed(new OriginateOutcomeUnknown("read timeout"))
                .after(CONFIRM).feed(timer(LegTimer.HANGUP_CONFIRMATION));

        assertThat(call.types()).containsExactly(ENDED);
        assertThat(call.endSignal()).isEqualTo(new CallSignal(false, false, true, false, null, null, null));
        assertThat(call.ended().causeText()).contains("originate unanswered (read timeout)");
        assertThat(call.last.actions()).containsExactly(new HangUp(HangUpReason.UNCONFIRMED), new ReleaseChannel());
        assertThat(classifier.classify(call.endSignal())).isEqualTo(OutcomeClass.ROUTE_FAILURE);
        assertThat(call.feed(new FarEndRinging()).last.changedNothing()).isTrue();
    }

    @Test
    void theFirstConfirmationTimerDoesNotCutShortTheHangUpOfAChannelThatAppearedLater() {
        var call = new Call().feed(new OriginateOutcomeUnknown("read timeout"))
                .after(Duration.ofSeconds(4)).feed(new FarEndRinging());
        Instant secondHangUpDue = clock.instant().plus(CONFIRM);

        call.after(Duration.ofSeconds(1)).feed(timer(LegTimer.HANGUP_CONFIRMATION));
        assertThat(call.last.events()).isEmpty();
        assertThat(call.last.actions()).containsExactly(new StartTimer(LegTimer.HANGUP_CONFIRMATION, secondHangUpDue));

        call.after(Duration.ofSeconds(1)).feed(destroyed(16, null));
        assertThat(call.types()).containsExactly(DIAL_STARTED, RINGING, ENDED);
        assertThat(call.endSignal().q850Cause()).isEqualTo(16);
    }

    @Test
    void aConfirmationTimerThatFiresEarlyWaitsForItsDueTime() {
        var call = new Call().feed(new OriginateAccepted(), new FarEndRinging(), timer(LegTimer.FLASH_HANGUP));
        Instant due = clock.instant().plus(CONFIRM);

        call.after(CONFIRM.minusMillis(1)).feed(timer(LegTimer.HANGUP_CONFIRMATION));

        assertThat(call.last.actions()).containsExactly(new StartTimer(LegTimer.HANGUP_CONFIRMATION, due));
        assertThat(call.leg.state()).isEqualTo(LegState.RINGING);
    }

    @Test
    void aRefusalVanishingOrRingTimerAfterAnUnansweredOriginateChangesNothing() {
        var call = new Call().feed(new OriginateOutcomeUnknown("read timeout"));

        call.feed(new OriginateFailed(500, "late"), new ChannelVanished(), timer(LegTimer.RING_TIMEOUT),
                timer(LegTimer.FLASH_HANGUP), new HangUpNow(HangUpReason.REQUESTED), new OriginateOutcomeUnknown("x"));

        assertThat(call.events).isEmpty();
        assertThat(call.releases()).isZero();
        assertThat(call.hangUps()).containsExactly(new HangUp(HangUpReason.ORIGINATE_OUTCOME_UNKNOWN));
        assertThat(call.leg.state()).isEqualTo(LegState.ORIGINATE_UNKNOWN);
    }

    @Test
    void aHangUpAskedBeforeAnUnansweredOriginateIsAskedAgainWithAConfirmationTimer() {
        var call = new Call().feed(new HangUpNow(HangUpReason.REQUESTED))
                .feed(new OriginateOutcomeUnknown("read timeout"));

        assertThat(call.last.actions()).containsExactly(new HangUp(HangUpReason.REQUESTED),
                new StartTimer(LegTimer.HANGUP_CONFIRMATION, clock.instant().plus(CONFIRM)));
    }

    @Test
    void anUnansweredOriginateAfterTheServerShowedTheChannelIsIgnored() {
        var call = new Call().feed(new OriginateAccepted(), new FarEndRinging())
                .feed(new OriginateOutcomeUnknown("read timeout"));

        assertThat(call.last.changedNothing()).isTrue();
    }

    // ---- hang up races ----
    @Test
    void theFarEndHangingUpWhileOurHangUpTravelsStillCountsAsOurs() {
        var call = new Call().feed(new OriginateAccepted(), new FarEndRinging(), timer(LegTimer.FLASH_HANGUP),
                destroyed(21, "Call Rejected"));

        assertThat(call.endSignal()).isEqualTo(new CallSignal(true, false, true, true, 21, null, null));
        assertThat(classifier.classify(call.endSignal())).isEqualTo(OutcomeClass.VERIFIED);
    }

    @Test
    void anAnswerArrivingAfterOurFlashHangUpIsReportedButNotHungUpTwice() {
        var call = new Call().feed(new OriginateAccepted(), new FarEndRinging(), timer(LegTimer.FLASH_HANGUP))
                .feed(new FarEndAnswered());

        assertThat(call.last.events()).extracting(CallEvent::type).containsExactly(ANSWERED);
        assertThat(call.hangUps()).containsExactly(new HangUp(HangUpReason.FLASH_AFTER_RINGING));
    }

    @Test
    void theRingTimeoutAfterTheFlashHangUpAsksNothingMore() {
        var call = new Call().feed(new OriginateAccepted(), new FarEndRinging(), timer(LegTimer.FLASH_HANGUP))
                .feed(timer(LegTimer.RING_TIMEOUT));

        assertThat(call.last.changedNothing()).isTrue();
    }

    @Test
    void theFlashTimerAfterAnAnswerAsksNothingMore() {
        var call = new Call().feed(new OriginateAccepted(), new FarEndRinging(), new FarEndAnswered())
                .feed(timer(LegTimer.FLASH_HANGUP));

        assertThat(call.last.changedNothing()).isTrue();
        assertThat(call.hangUps()).containsExactly(new HangUp(HangUpReason.ANSWERED));
    }

    @Test
    void aHangUpRequestedWhileOriginatingIsRepeatedOnceTheChannelExists() {
        var call = new Call().feed(new HangUpNow(HangUpReason.REQUESTED));
        assertThat(call.actions).containsExactly(new HangUp(HangUpReason.REQUESTED));

        call.feed(new OriginateAccepted());
        assertThat(call.last.actions()).containsExactly(
                new StartTimer(LegTimer.RING_TIMEOUT, clock.instant().plusSeconds(RING_TIMEOUT_SECONDS)),
                new HangUp(HangUpReason.REQUESTED),
                new StartTimer(LegTimer.HANGUP_CONFIRMATION, clock.instant().plus(CONFIRM)));
    }

    @Test
    void aRequestedHangUpBeforeRingingSuppressesTheFlashTimer() {
        var call = new Call().feed(new OriginateAccepted(), new HangUpNow(HangUpReason.REQUESTED), new FarEndRinging());

        assertThat(call.last.events()).extracting(CallEvent::type).containsExactly(RINGING);
        assertThat(call.last.actions()).isEmpty();
    }

    @Test
    void anUnconfirmedHangUpIsAskedAgainAndTheLegEndsWithWhatWeKnow() {
        var call = new Call().feed(new OriginateAccepted(), new FarEndRinging(), new HangUpRequestedOnServer(16),
                timer(LegTimer.FLASH_HANGUP)).after(CONFIRM).feed(timer(LegTimer.HANGUP_CONFIRMATION));

        assertThat(call.last.actions()).containsExactly(new HangUp(HangUpReason.UNCONFIRMED), new ReleaseChannel());
        assertThat(call.endSignal()).isEqualTo(new CallSignal(true, false, true, true, 16, null, null));
        assertThat(call.ended().causeText()).isEqualTo("hang-up not confirmed by the server");
        assertThat(call.feed(destroyed(16, null)).last.changedNothing()).isTrue();
    }

    @Test
    void theConfirmationTimerWithoutAHangUpOfOursChangesNothing() {
        var call = new Call().feed(new OriginateAccepted()).feed(timer(LegTimer.HANGUP_CONFIRMATION));

        assertThat(call.last.changedNothing()).isTrue();
    }

    // ---- causes and vanishing ----
    @Test
    void aDestroyedWithoutCauseFallsBackToTheServerHangUpCause() {
        var call = new Call().feed(new OriginateAccepted(), new HangUpRequestedOnServer(19),
                new ChannelDestroyed(null, null, null));

        assertThat(call.endSignal().q850Cause()).isEqualTo(19);
    }

    @Test
    void aDestroyedCauseWinsOverTheServerHangUpCause() {
        var call = new Call().feed(new OriginateAccepted(), new HangUpRequestedOnServer(16), destroyed(17, "busy"));

        assertThat(call.endSignal().q850Cause()).isEqualTo(17);
    }

    @Test
    void aServerHangUpRequestWithoutCauseKeepsNone() {
        var call = new Call().feed(new OriginateAccepted(), new HangUpRequestedOnServer(0),
                new ChannelDestroyed(0, null, null));

        assertThat(call.endSignal().q850Cause()).isNull();
    }

    @Test
    void aChannelThatVanishesEndsTheLegOnce() {
        var call = new Call().feed(new OriginateAccepted(), new FarEndRinging(), new ChannelVanished(),
                new ChannelVanished());

        assertThat(call.types()).containsExactly(DIAL_STARTED, RINGING, ENDED);
        assertThat(call.endSignal().alerted()).isTrue();
        assertThat(call.releases()).isOne();
    }

    // ---- duplicates ----
    @Test
    void duplicatedEventsArePublishedOnce() {
        var call = new Call().feed(new OriginateAccepted(), new OriginateAccepted(), new FarEndRinging(),
                new FarEndRinging(), new DialStatusReported("RINGING"), new FarEndAnswered(), new FarEndAnswered(),
                destroyed(16, null), destroyed(16, null));

        assertThat(call.types()).containsExactly(DIAL_STARTED, RINGING, ANSWERED, ENDED);
        assertThat(call.releases()).isOne();
        assertThat(call.actions.stream().filter(a -> a instanceof StartTimer s && s.timer() == LegTimer.FLASH_HANGUP))
                .hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("io.codac.adapter.call.domain.CallLegMachineTest#everySignal")
    void anEndedLegIgnoresEverySignal(AriSignal signal) {
        var call = new Call().feed(new OriginateAccepted(), destroyed(16, null));

        assertThat(call.feed(signal).last.changedNothing()).isTrue();
        assertThat(call.leg.state()).isEqualTo(LegState.ENDED);
    }

    static Stream<AriSignal> everySignal() {
        return Stream.of(new OriginateAccepted(), new OriginateFailed(503, "x"), new OriginateOutcomeUnknown("x"),
                new FarEndRinging(), new EarlyMedia(),
                new FarEndAnswered(), new DialStatusReported("BUSY"), new DialStatusReported("RINGING"),
                new HangUpRequestedOnServer(16), new HangUpNow(HangUpReason.REQUESTED), destroyed(16, null),
                new ChannelVanished(), timer(LegTimer.FLASH_HANGUP), timer(LegTimer.RING_TIMEOUT),
                timer(LegTimer.HANGUP_CONFIRMATION));
    }

    // ---- every order ----
    // Every order of a realistic set of ARI events (7! = 5040 orders) keeps the invariants the scheduler
    // relies on: DIAL_STARTED first, each event type at most once, ENDED last and exactly once with one
    // channel release, and the end signal agreeing with the events published.

    @Test
    void ofAcceptRingEarlyMediaAnswerBusyHangUpRequestAndDestroyKeepsTheInvariants() {
        List<AriSignal> signals = List.of(new OriginateAccepted(), new FarEndRinging(), new EarlyMedia(),
                new FarEndAnswered(), new DialStatusReported("BUSY"), new HangUpRequestedOnServer(16),
                destroyed(16, null));
        int[] checked = {0};
        permutations(signals, order -> {
            checkInvariants(order, true);
            checked[0]++;
        });
        assertThat(checked[0]).isEqualTo(5040);
    }

    @Test
    void ofTimersFailuresAndVanishingKeepsTheInvariants() {
        List<AriSignal> signals = List.of(new OriginateAccepted(), new OriginateFailed(500, "x"), new FarEndRinging(),
                timer(LegTimer.FLASH_HANGUP), timer(LegTimer.RING_TIMEOUT), timer(LegTimer.HANGUP_CONFIRMATION),
                new ChannelVanished());
        permutations(signals, order -> checkInvariants(order, false));
    }

    @Test
    void ofAnUnansweredOriginateWithLateChannelEventsAndTimersKeepsTheInvariants() {
        List<AriSignal> signals = List.of(new OriginateOutcomeUnknown("read timeout"), new FarEndRinging(),
                new FarEndAnswered(), timer(LegTimer.HANGUP_CONFIRMATION), timer(LegTimer.RING_TIMEOUT),
                new HangUpRequestedOnServer(16), destroyed(16, null));
        permutations(signals, order -> checkInvariants(order, true));
    }

    @Test
    void ofEventsFedTwiceKeepsTheInvariants() {
        List<AriSignal> signals = List.of(new FarEndRinging(), new FarEndAnswered(), destroyed(16, null),
                new FarEndRinging(), new OriginateAccepted(), destroyed(16, null));
        permutations(signals, order -> checkInvariants(order, true));
    }

    private void checkInvariants(List<AriSignal> order, boolean mustEnd) {
        var call = new Call();
        order.forEach(signal -> call.after(Duration.ofMillis(10)).feed(signal));
        List<CallEventType> types = call.types();

        assertThat(types).as("%s", order).doesNotHaveDuplicates();
        if (!types.isEmpty() && !types.equals(List.of(ENDED))) {
            assertThat(types.getFirst()).as("%s", order).isEqualTo(DIAL_STARTED);
        }
        if (mustEnd) {
            assertThat(types).as("%s", order).contains(ENDED);
        }
        if (types.contains(ENDED)) {
            assertThat(types.getLast()).as("%s", order).isEqualTo(ENDED);
            assertThat(call.releases()).as("%s", order).isOne();
            CallSignal signal = call.endSignal();
            assertThat(signal.alerted()).as("%s", order).isEqualTo(types.contains(RINGING));
            assertThat(signal.answered()).as("%s", order).isEqualTo(types.contains(ANSWERED));
            assertThat(call.leg.state()).isEqualTo(LegState.ENDED);
        } else {
            assertThat(call.releases()).as("%s", order).isZero();
        }
        assertThat(call.events).extracting(CallEvent::occurredAt).isSorted();
        assertThat(call.hangUps().stream().map(HangUp::reason).filter(r -> r != HangUpReason.UNCONFIRMED).distinct())
                .as("%s", order).hasSizeLessThanOrEqualTo(1);
    }

    private static <T> void permutations(List<T> items, java.util.function.Consumer<List<T>> each) {
        permute(new ArrayList<>(items), 0, each);
    }

    private static <T> void permute(List<T> items, int from, java.util.function.Consumer<List<T>> each) {
        if (from == items.size()) {
            each.accept(List.copyOf(items));
            return;
        }
        for (int i = from; i < items.size(); i++) {
            java.util.Collections.swap(items, from, i);
            permute(items, from + 1, each);
            java.util.Collections.swap(items, from, i);
        }
    }
}
