package io.codac.sim.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.codac.sim.domain.NetworkFixture.ANNOUNCEMENT;
import static io.codac.sim.domain.NetworkFixture.NO_ANSWER_AFTER;
import static io.codac.sim.domain.NetworkFixture.PDD;
import static io.codac.sim.domain.NetworkFixture.RING_BEFORE_ANSWER;
import static org.assertj.core.api.Assertions.assertThat;

/** 183 Session Progress: ringing signalled only as early media, and announcements that are not ringing. */
class EarlyMediaTest {

    @Test
    void aCarrierThatSignalsRingingOnlyAsEarlyMediaSendsProgressAndTheChannelStaysDown() {
        var f = new NetworkFixture(SimSettings.defaults().withSeed(5).withRingingSignal("jio", RingingSignal.EARLY_MEDIA_ONLY));
        String number = f.numberWith(NumberFate.RINGS_NO_ANSWER);
        Instant start = f.time.instant();
        f.originate("srv1", "a1", number, "slow"); // the slow trunk's carrier is jio

        f.time.advance(PDD);

        assertThat(f.types("a1")).containsExactly("Dial:", "Dial:PROGRESS");
        assertThat(f.network.channel("srv1", "a1").orElseThrow().state()).isEqualTo(ChannelState.DOWN);
        CallRecord record = f.record("a1");
        assertThat(record.earlyMediaAt()).isEqualTo(start.plus(PDD));
        assertThat(record.ringingAt()).as("the handset did alert").isEqualTo(start.plus(PDD));

        f.network.hangup("srv1", "a1", Q850.NORMAL_CLEARING);
        assertThat(f.types("a1")).endsWith("HangupRequest:16:soft", "Dial:CANCEL", "Destroyed:16");
    }

    @Test
    void aHandsetThatRangBehindEarlyMediaStillCountsForTheRedialLedger() {
        var f = new NetworkFixture(SimSettings.defaults().withSeed(5).withRingingSignal("airtel", RingingSignal.EARLY_MEDIA_ONLY));
        String number = f.numberWith(NumberFate.RINGS_NO_ANSWER);
        f.originate("srv1", "a1", number, "t1");
        f.time.advance(PDD);
        f.network.hangup("srv1", "a1", Q850.NORMAL_CLEARING);

        f.originate("srv2", "a2", number, "t2");

        assertThat(f.network.stats().redialsAfterAlerting()).isEqualTo(1);
    }

    @Test
    void aDestinationOperatorCanSendEarlyMediaThenRinging() {
        var f = new NetworkFixture(SimSettings.defaults().withSeed(5)
                .withRingingSignal("Reliance Jio", RingingSignal.EARLY_MEDIA_THEN_RINGING));
        String jio = f.numberWith(NumberFate.RINGS_NO_ANSWER, "982");
        String airtel = f.numberWith(NumberFate.RINGS_NO_ANSWER, "981");
        f.originate("srv1", "jio", jio, "t1");
        f.originate("srv1", "airtel", airtel, "t1");

        f.time.advance(PDD);

        assertThat(f.types("jio")).containsExactly("Dial:", "Dial:PROGRESS", "State:Ringing", "Dial:RINGING");
        assertThat(f.types("airtel")).containsExactly("Dial:", "State:Ringing", "Dial:RINGING");
        assertThat(f.record("jio").operator()).isEqualTo("Reliance Jio");
    }

    @Test
    void anEarlyMediaOnlyCallThatIsAnsweredGoesStraightFromDownToUp() {
        var f = new NetworkFixture(SimSettings.defaults().withSeed(5).withRingingSignal("t2", RingingSignal.EARLY_MEDIA_ONLY));
        String number = f.numberWith(NumberFate.ANSWERS);
        f.originate("srv2", "a1", number, "t2");

        f.time.advance(PDD.plus(RING_BEFORE_ANSWER));

        assertThat(f.types("a1")).containsExactly("Dial:", "Dial:PROGRESS", "State:Up", "Dial:ANSWER", "StasisStart");
    }

    @Test
    void anEarlyMediaNumberSendsOnlyProgressOnEveryTrunkUntilTheNetworkGivesUp() {
        var f = new NetworkFixture(NetworkFixture.withShareOf(NumberFate.EARLY_MEDIA_NO_ANSWER));
        String number = f.numberWith(NumberFate.EARLY_MEDIA_NO_ANSWER);
        f.network.originate(new OriginateRequest("srv2", "a1", "PJSIP/" + number + "@t2", "codac", List.of(), null, -1,
                Map.of()));

        f.time.advance(PDD.plus(NO_ANSWER_AFTER));

        assertThat(f.types("a1")).containsExactly("Dial:", "Dial:PROGRESS", "Dial:NOANSWER", "Destroyed:19");
        assertThat(f.record("a1").ringingAt()).isNotNull();
    }

    @Test
    void anAnnouncementIsEarlyMediaWithoutRingingThenFailsWithCause20() {
        var f = new NetworkFixture(NetworkFixture.withShareOf(NumberFate.ANNOUNCEMENT_SWITCHED_OFF));
        String number = f.numberWith(NumberFate.ANNOUNCEMENT_SWITCHED_OFF);
        Instant start = f.time.instant();
        f.originate("srv1", "a1", number, "t1");

        f.time.advance(PDD);
        assertThat(f.types("a1")).containsExactly("Dial:", "Dial:PROGRESS");

        f.time.advance(ANNOUNCEMENT);
        assertThat(f.types("a1")).containsExactly("Dial:", "Dial:PROGRESS", "Dial:CHANUNAVAIL", "Destroyed:20");
        CallRecord record = f.record("a1");
        assertThat(record.earlyMediaAt()).isEqualTo(start.plus(PDD));
        assertThat(record.ringingAt()).isNull();
        assertThat(record.sipCode()).isEqualTo(480);

        f.originate("srv1", "a2", number, "t1");
        assertThat(f.network.stats().redialsAfterAlerting()).as("an announcement proves no handset").isZero();
    }

    @Test
    void theTrunkIdWinsOverTheCarrierWhichWinsOverTheOperator() {
        SimSettings settings = SimSettings.defaults()
                .withRingingSignal("T1", RingingSignal.EARLY_MEDIA_ONLY)
                .withRingingSignal("airtel", RingingSignal.EARLY_MEDIA_THEN_RINGING)
                .withRingingSignal("reliance jio", RingingSignal.EARLY_MEDIA_THEN_RINGING);

        assertThat(settings.ringingSignal("t1", "airtel", "Reliance Jio")).isEqualTo(RingingSignal.EARLY_MEDIA_ONLY);
        assertThat(settings.ringingSignal("t9", "airtel", "")).isEqualTo(RingingSignal.EARLY_MEDIA_THEN_RINGING);
        assertThat(settings.ringingSignal("t9", "vi", "Reliance Jio")).isEqualTo(RingingSignal.EARLY_MEDIA_THEN_RINGING);
        assertThat(settings.ringingSignal("t9", "vi", "Vodafone")).isEqualTo(RingingSignal.RINGING);
    }
}
