package io.codac.sim.domain;

import io.codac.contracts.domain.AriEndpoint;
import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.TelephonyServer;
import io.codac.contracts.domain.Trunk;
import io.codac.sim.domain.ChannelEvent.ChannelDestroyed;
import io.codac.sim.domain.ChannelEvent.ChannelStateChanged;
import io.codac.sim.domain.ChannelEvent.DialStatusChanged;
import io.codac.sim.domain.ChannelEvent.HangupRequested;
import io.codac.sim.domain.ChannelEvent.StasisEnded;
import io.codac.sim.domain.ChannelEvent.StasisStarted;
import io.codac.sim.domain.OriginateOutcome.Originated;
import io.codac.sim.domain.OriginateOutcome.Refused;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TelephoneNetworkTest {

    private static final Duration PDD = Duration.ofMillis(100);
    private static final Duration RING_BEFORE_ANSWER = Duration.ofSeconds(2);
    private static final Duration NO_ANSWER_AFTER = Duration.ofSeconds(30);
    private static final Duration TALK = Duration.ofSeconds(20);

    private final Fleet fleet = new Fleet(List.of(
            new TelephonyServer("srv1", ari(8091), List.of(
                    new Trunk("t1", "airtel", 0, 10, 3),
                    new Trunk("slow", "jio", 1, 1, 10)), List.of()),
            new TelephonyServer("srv2", ari(8092), List.of(new Trunk("t2", "vi", 2, 10, 10)), List.of())));
    private final ManualTime time = new ManualTime();
    private final List<ChannelEvent> events = new ArrayList<>();
    private final List<BrokenPromise> broken = new ArrayList<>();
    private final Set<String> handedOut = new HashSet<>();
    private TelephoneNetwork network = network(SimSettings.defaults().withSeed(5));

    @Test
    void anUnansweredNumberRingsAfterThePostDialDelayUntilTheNetworkGivesUp() {
        String number = numberWith(NumberFate.RINGS_NO_ANSWER);
        Instant start = time.instant();

        // no originate timeout (-1), so the network's own ring limit ends the call
        var outcome = network.originate(new OriginateRequest("srv1", "a1", "PJSIP/" + number + "@t1", "codac",
                List.of(), null, -1, Map.of()));
        String id = ((Originated) outcome).channel().id();
        assertThat(types("a1")).containsExactly("Dial:");

        time.advance(PDD);
        assertThat(types("a1")).containsExactly("Dial:", "State:Ringing", "Dial:RINGING");

        time.advance(NO_ANSWER_AFTER);
        assertThat(types("a1")).endsWith("Dial:NOANSWER", "Destroyed:19");
        CallRecord record = network.cdr(number).getFirst();
        assertThat(record.channelId()).isEqualTo(id);
        assertThat(record.startedAt()).isEqualTo(start);
        assertThat(record.ringingAt()).isEqualTo(start.plus(PDD));
        assertThat(record.endedAt()).isEqualTo(start.plus(PDD).plus(NO_ANSWER_AFTER));
        assertThat(record.cause()).isEqualTo(19);
        assertThat(record.causeText()).isEqualTo("User alerting, no answer");
        assertThat(network.channels("srv1")).isEmpty();
    }

    @Test
    void anAnsweringNumberRingsThenEntersTheApplicationAndLeavesItWhenWeHangUp() {
        String number = numberWith(NumberFate.ANSWERS);
        network.originate(new OriginateRequest("srv1", "a1", "PJSIP/" + number + "@t1", "codac",
                List.of("flash", "7"), "CODAC <+918000000001>", null, Map.of("K", "V")));

        time.advance(PDD.plus(RING_BEFORE_ANSWER));
        assertThat(types("a1")).containsExactly("Dial:", "State:Ringing", "Dial:RINGING", "State:Up", "Dial:ANSWER",
                "StasisStart");
        assertThat(eventsOf("a1", StasisStarted.class).getFirst().args()).containsExactly("flash", "7");
        ChannelSnapshot up = network.channel("srv1", "a1").orElseThrow();
        assertThat(up.inStasis()).isTrue();
        assertThat(up.caller()).isEqualTo(new CallerId("CODAC", "+918000000001"));

        assertThat(network.hangup("srv1", "a1", 16)).isTrue();

        assertThat(types("a1")).endsWith("HangupRequest:16", "StasisEnd", "Destroyed:16");
        assertThat(network.cdr(number).getFirst().answeredAt()).isEqualTo(time.instant());
    }

    @Test
    void theFarEndHangsUpAnAnsweredCallThatWeLeaveUp() {
        String number = numberWith(NumberFate.ANSWERS);
        originate("srv1", "a1", number, "t1");

        time.advance(PDD.plus(RING_BEFORE_ANSWER).plus(TALK));

        assertThat(types("a1")).endsWith("StasisStart", "HangupRequest:16", "StasisEnd", "Destroyed:16");
    }

    @Test
    void busySwitchedOffAndUnallocatedNumbersFailAfterThePostDialDelayWithoutRinging() {
        String busy = numberWith(NumberFate.BUSY);
        String off = numberWith(NumberFate.SWITCHED_OFF);
        String unallocated = numberWith(NumberFate.UNALLOCATED);
        originate("srv1", "busy", busy, "t1");
        originate("srv1", "off", off, "t1");
        originate("srv2", "unalloc", unallocated, "t2");

        time.advance(PDD);

        assertThat(types("busy")).containsExactly("Dial:", "Dial:BUSY", "Destroyed:17");
        assertThat(types("off")).containsExactly("Dial:", "Dial:CHANUNAVAIL", "Destroyed:20");
        assertThat(types("unalloc")).containsExactly("Dial:", "Dial:CHANUNAVAIL", "Destroyed:1");
        assertThat(eventsOf("unalloc", ChannelDestroyed.class).getFirst().sipCode()).isEqualTo(404);
        assertThat(network.cdr(unallocated).getFirst().ringingAt()).isNull();
    }

    @Test
    void aNetworkFailureOnceNumberFailsItsFirstAttemptOnlyWithCause41() {
        String number = numberWith(NumberFate.NETWORK_FAILURE_ONCE);
        originate("srv1", "first", number, "t1");
        time.advance(PDD);
        originate("srv2", "second", number, "t2");
        time.advance(PDD);

        assertThat(types("first")).containsExactly("Dial:", "Dial:CONGESTION", "Destroyed:41");
        assertThat(types("second")).containsExactly("Dial:", "State:Ringing", "Dial:RINGING");
    }

    @Test
    void theOriginateTimeoutEndsARingingCallWithNoAnswer() {
        String number = numberWith(NumberFate.RINGS_NO_ANSWER);
        network.originate(new OriginateRequest("srv1", "a1", "PJSIP/" + number + "@t1", "codac", List.of(), null, 5,
                Map.of()));

        time.advance(Duration.ofSeconds(5));

        assertThat(types("a1")).endsWith("Dial:NOANSWER", "Destroyed:19");
        assertThat(network.cdr(number).getFirst().endedAt()).isEqualTo(time.instant());
    }

    @Test
    void hangingUpWhileDialingCancelsTheCallBeforeItRings() {
        String number = numberWith(NumberFate.RINGS_NO_ANSWER);
        originate("srv1", "a1", number, "t1");

        network.hangup("srv1", "a1", 16);
        time.advance(Duration.ofMinutes(1));

        assertThat(types("a1")).containsExactly("Dial:", "HangupRequest:16", "Dial:CANCEL", "Destroyed:16");
        assertThat(network.cdr(number).getFirst().ringingAt()).isNull();
        assertThat(network.hangup("srv1", "a1", 16)).isFalse();
    }

    @Test
    void aLiveChannelsIdCannotBeOriginatedAgainButAnEndedOnesCan() {
        String number = numberWith(NumberFate.UNALLOCATED);
        originate("srv1", "a1", number, "t1");

        OriginateOutcome again = network.originate(OriginateRequest.of("srv1", "a1", "PJSIP/" + number + "@t1", "codac"));
        OriginateOutcome onOtherServer = network.originate(
                OriginateRequest.of("srv2", "a1", "PJSIP/" + numberWith(NumberFate.UNALLOCATED) + "@t2", "codac"));

        assertThat(again).isInstanceOfSatisfying(Refused.class,
                r -> assertThat(r.reason()).isEqualTo(OriginateOutcome.Reason.CHANNEL_ID_IN_USE));
        assertThat(onOtherServer).isInstanceOf(Originated.class); // ids are unique per Asterisk, not per fleet
        time.advance(PDD);
        assertThat(network.originate(OriginateRequest.of("srv1", "a1", "PJSIP/" + number + "@t1", "codac")))
                .isInstanceOf(Originated.class);
    }

    @Test
    void unknownTrunksBadEndpointsAndMissingApplicationsAreRefusedWithoutADial() {
        String number = numberWith(NumberFate.ANSWERS);

        assertThat(refusal(OriginateRequest.of("srv1", "x", "PJSIP/" + number + "@nowhere", "codac")))
                .contains("Unknown trunk 'nowhere'");
        assertThat(refusal(OriginateRequest.of("srv1", "x", "PJSIP/" + number + "@t2", "codac")))
                .contains("belongs to server srv2");
        assertThat(refusal(OriginateRequest.of("srv1", "x", "SIP/" + number, "codac"))).contains("Invalid endpoint");
        assertThat(refusal(OriginateRequest.of("srv1", "x", "PJSIP/" + number + "@t1", null)))
                .contains("Application");
        assertThat(network.stats().attempts()).isZero();
        assertThat(events).isEmpty();
    }

    @Test
    void aCallOverTheTrunksCpsIsRejectedAtOnceWithCause34AndCountedOnThatTrunk() {
        originate("srv1", "first", numberWith(NumberFate.RINGS_NO_ANSWER), "slow");
        originate("srv1", "second", numberWith(NumberFate.RINGS_NO_ANSWER), "slow");
        time.settle();

        assertThat(types("second")).containsExactly("Dial:", "Dial:CONGESTION", "Destroyed:34");
        assertThat(eventsOf("second", ChannelDestroyed.class).getFirst().sipCode()).isEqualTo(503);
        SimStats stats = network.stats();
        assertThat(stats.attempts()).isEqualTo(2);
        assertThat(stats.overLimitRejections()).isEqualTo(1);
        assertThat(stats.trunk("slow").overLimitRejections()).isEqualTo(1);
        assertThat(stats.trunk("t1").overLimitRejections()).isZero();

        time.advance(Duration.ofSeconds(1));
        originate("srv1", "third", numberWith(NumberFate.RINGS_NO_ANSWER), "slow");
        time.settle();
        assertThat(types("third")).doesNotContain("Destroyed:34");
    }

    @Test
    void aCallBeyondTheTrunksChannelsIsRejectedAndThePeakNeverPassesTheLimit() {
        for (int i = 0; i < 4; i++) {
            originate("srv1", "c" + i, numberWith(NumberFate.RINGS_NO_ANSWER), "t1");
        }
        time.settle();

        assertThat(types("c3")).containsExactly("Dial:", "Dial:CONGESTION", "Destroyed:34");
        TrunkStats t1 = network.stats().trunk("t1");
        assertThat(t1.peakChannels()).isEqualTo(3);
        assertThat(t1.maxChannels()).isEqualTo(3);
        assertThat(t1.overLimitRejections()).isEqualTo(1);
        assertThat(network.stats().liveChannels()).isEqualTo(3);
    }

    @Test
    void aSecondLiveCallToTheSameNumberAnywhereInTheFleetIsACountedDoubleDial() {
        String number = numberWith(NumberFate.SWITCHED_OFF);
        originate("srv1", "a1", number, "t1");
        originate("srv2", "a2", number, "t2");

        assertThat(network.stats().concurrentDoubleDials()).isEqualTo(1);
        assertThat(broken).extracting(BrokenPromise::kind).containsExactly(BrokenPromise.Kind.CONCURRENT_DOUBLE_DIAL);

        time.advance(PDD);
        originate("srv1", "a3", number, "t1"); // both ended: no longer concurrent, and never alerted
        assertThat(network.stats().concurrentDoubleDials()).isEqualTo(1);
        assertThat(network.stats().redialsAfterAlerting()).isZero();
    }

    @Test
    void dialingANumberThatRangAnsweredOrWasBusyWithinTheWindowIsACountedRedial() {
        String rang = numberWith(NumberFate.RINGS_NO_ANSWER);
        String busy = numberWith(NumberFate.BUSY);
        String unallocated = numberWith(NumberFate.UNALLOCATED);
        originate("srv1", "a1", rang, "t1");
        originate("srv1", "b1", busy, "t1");
        originate("srv1", "u1", unallocated, "t1");
        time.advance(PDD);
        network.hangup("srv1", "a1", 16);

        originate("srv2", "a2", rang, "t2");
        originate("srv2", "b2", busy, "t2");
        originate("srv2", "u2", unallocated, "t2");

        assertThat(network.stats().redialsAfterAlerting()).isEqualTo(2);
        assertThat(network.stats().concurrentDoubleDials()).isZero();
    }

    @Test
    void aRedialAfterTheWindowIsNotCounted() {
        network = network(SimSettings.defaults().withSeed(5).withRedialWindow(Duration.ofMinutes(10))
                .withTiming(timing()));
        String number = numberWith(NumberFate.RINGS_NO_ANSWER);
        originate("srv1", "a1", number, "t1");
        time.advance(PDD);
        network.hangup("srv1", "a1", 16);

        time.advance(Duration.ofMinutes(10).plusMillis(1));
        originate("srv1", "a2", number, "t1");

        assertThat(network.stats().redialsAfterAlerting()).isZero();
    }

    @Test
    void generatedChannelIdsAreUniqueAndAsteriskShaped() {
        var ids = new HashSet<String>();
        for (int i = 0; i < 5; i++) {
            var outcome = network.originate(OriginateRequest.of("srv2", null,
                    "PJSIP/" + numberWith(NumberFate.RINGS_NO_ANSWER) + "@t2", "codac"));
            ids.add(((Originated) outcome).channel().id());
        }

        assertThat(ids).hasSize(5).allMatch(id -> id.matches("\\d+\\.\\d+"));
        assertThat(network.channels("srv2")).extracting(ChannelSnapshot::name)
                .allMatch(name -> name.matches("PJSIP/t2-[0-9a-f]{8}"));
    }

    @Test
    void theRecordsKeepOnlyTheNewestCallsBeyondTheirCapacityButTheCountersKeepEverything() {
        network = network(SimSettings.defaults().withSeed(5).withCdrCapacity(2).withTiming(timing()));
        String number = numberWith(NumberFate.UNALLOCATED);
        for (int i = 0; i < 3; i++) {
            originate("srv1", "u" + i, number, "t1");
            time.advance(PDD);
        }

        assertThat(network.cdr(number)).extracting(CallRecord::channelId).containsExactly("u1", "u2");
        assertThat(network.latestRecords(10)).extracting(CallRecord::channelId).containsExactly("u1", "u2");
        assertThat(network.stats().attempts()).isEqualTo(3);
    }

    private TelephoneNetwork network(SimSettings settings) {
        events.clear();
        SimSettings withTiming = settings.timing().equals(CallTiming.realistic()) ? settings.withTiming(timing()) : settings;
        return new TelephoneNetwork(fleet, withTiming, time, time, events::add, broken::add);
    }

    private static CallTiming timing() {
        return new CallTiming(PDD, PDD, RING_BEFORE_ANSWER, RING_BEFORE_ANSWER, NO_ANSWER_AFTER, TALK);
    }

    private String originate(String server, String id, String number, String trunk) {
        OriginateOutcome outcome = network.originate(OriginateRequest.of(server, id, "PJSIP/" + number + "@" + trunk,
                "codac"));
        assertThat(outcome).isInstanceOf(Originated.class);
        return ((Originated) outcome).channel().id();
    }

    private String refusal(OriginateRequest request) {
        OriginateOutcome outcome = network.originate(request);
        assertThat(outcome).isInstanceOf(Refused.class);
        return ((Refused) outcome).message();
    }

    /** A fresh number with the fate, so no test redials by accident. */
    private String numberWith(NumberFate fate) {
        for (int i = 0; ; i++) {
            String candidate = String.format("+9198765%05d", i);
            if (network.fateOf(candidate) == fate && handedOut.add(candidate)) {
                return candidate;
            }
        }
    }

    private <T extends ChannelEvent> List<T> eventsOf(String channelId, Class<T> type) {
        return events.stream().filter(e -> e.channel().id().equals(channelId)).filter(type::isInstance)
                .map(type::cast).toList();
    }

    /** The channel's events in a compact form, e.g. {@code State:Ringing}, {@code Dial:BUSY}, {@code Destroyed:17}. */
    private List<String> types(String channelId) {
        return events.stream().filter(e -> e.channel().id().equals(channelId)).map(e -> switch (e) {
            case ChannelStateChanged s -> "State:" + s.channel().state().asteriskName();
            case DialStatusChanged d -> "Dial:" + d.dialStatus();
            case StasisStarted s -> "StasisStart";
            case HangupRequested h -> "HangupRequest:" + h.cause();
            case StasisEnded s -> "StasisEnd";
            case ChannelDestroyed d -> "Destroyed:" + d.cause();
        }).toList();
    }

    private static AriEndpoint ari(int port) {
        return new AriEndpoint("http://127.0.0.1:" + port, "codac", "codac", "codac");
    }
}
