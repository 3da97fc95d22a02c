package io.codac.sim.domain;

import io.codac.sim.domain.ChannelEvent.StasisStarted;
import org.junit.jupiter.api.Test;

import static io.codac.sim.domain.NetworkFixture.CALLER_PATIENCE;
import static io.codac.sim.domain.NetworkFixture.DID1;
import static io.codac.sim.domain.NetworkFixture.DID2;
import static org.assertj.core.api.Assertions.assertThat;

/** Missed calls: a shopper dials one of our DIDs, and the application rejects the call. */
class InboundCallsTest {

    private static final String SHOPPER = "+919812345678";

    private final NetworkFixture f = new NetworkFixture();

    @Test
    void aShoppersCallEntersTheApplicationRingingWithTheCallerAndTheDid() {
        ChannelSnapshot channel = f.network.inbound(new InboundCall("srv1", SHOPPER, DID1, "codac", true));

        assertThat(channel.state()).isEqualTo(ChannelState.RING);
        assertThat(channel.caller()).isEqualTo(new CallerId("", SHOPPER));
        assertThat(channel.did()).isEqualTo(DID1);
        assertThat(channel.trunk()).isEqualTo("t1");
        assertThat(channel.inStasis()).isTrue();
        assertThat(f.types(channel.id())).containsExactly("StasisStart");
        assertThat(f.eventsOf(channel.id(), StasisStarted.class).getFirst().args()).containsExactly("inbound", DID1);
        assertThat(f.network.channels("srv1")).extracting(ChannelSnapshot::id).containsExactly(channel.id());

        CallRecord record = f.record(channel.id());
        assertThat(record.direction()).isEqualTo(Direction.INBOUND);
        assertThat(record.number()).isEqualTo(SHOPPER);
        assertThat(record.did()).isEqualTo(DID1);
        assertThat(record.operator()).isEqualTo("Airtel");
        assertThat(record.endedAt()).isNull();
    }

    @Test
    void theApplicationRejectsTheCallAsBusySoItCostsTheShopperNothing() {
        String id = f.network.inbound(new InboundCall("srv2", SHOPPER, DID2, "codac", true)).id();

        assertThat(f.network.hangup("srv2", id, Q850.USER_BUSY)).isTrue();

        assertThat(f.types(id)).containsExactly("StasisStart", "HangupRequest:17:soft", "StasisEnd", "Destroyed:17");
        CallRecord record = f.record(id);
        assertThat(record.cause()).isEqualTo(17);
        assertThat(record.answeredAt()).isNull();
        assertThat(f.network.channels("srv2")).isEmpty();
    }

    @Test
    void aCallNobodyRejectsEndsWhenTheShopperGivesUp() {
        String id = f.network.inbound(new InboundCall("srv1", SHOPPER, DID1, "codac", true)).id();

        f.time.advance(CALLER_PATIENCE);

        assertThat(f.types(id)).containsExactly("StasisStart", "HangupRequest:16", "StasisEnd", "Destroyed:16");
    }

    @Test
    void theApplicationMayAnswerAnInboundCallButNotAnOutboundOneStillDialing() {
        String inbound = f.network.inbound(new InboundCall("srv1", SHOPPER, DID1, "codac", true)).id();
        String outbound = f.originate("srv1", "out", f.numberWith(NumberFate.RINGS_NO_ANSWER), "t1");

        assertThat(f.network.answer("srv1", inbound)).isEqualTo(AnswerOutcome.ANSWERED);
        assertThat(f.network.answer("srv1", outbound)).isEqualTo(AnswerOutcome.NOT_IN_STASIS);
        assertThat(f.network.answer("srv1", "nobody")).isEqualTo(AnswerOutcome.NOT_FOUND);
        assertThat(f.types(inbound)).containsExactly("StasisStart", "State:Up");
        assertThat(f.record(inbound).answeredAt()).isNotNull();
    }

    @Test
    void aCallThatNoApplicationTakesIsBusyAtOnceWithoutAnEvent() {
        String id = f.network.inbound(new InboundCall("srv1", SHOPPER, DID1, "codac", false)).id();

        assertThat(f.types(id)).isEmpty();
        assertThat(f.record(id).cause()).isEqualTo(17);
        assertThat(f.network.channels("srv1")).isEmpty();
    }

    @Test
    void aCallToADeadServerFailsWithoutAnEvent() {
        f.network.serverDied("srv2");

        String id = f.network.inbound(new InboundCall("srv2", SHOPPER, DID2, "codac", true)).id();

        assertThat(f.types(id)).isEmpty();
        assertThat(f.record(id).cause()).isEqualTo(38);
    }

    @Test
    void inboundCallsAreNeitherAttemptsNorDoubleDials() {
        f.network.inbound(new InboundCall("srv1", SHOPPER, DID1, "codac", true));
        f.originate("srv2", "flash", SHOPPER, "t2"); // our flash call to a shopper who is calling us

        SimStats stats = f.network.stats();
        assertThat(stats.inboundCalls()).isEqualTo(1);
        assertThat(stats.attempts()).isEqualTo(1);
        assertThat(stats.concurrentDoubleDials()).isZero();
        assertThat(stats.trunk("t1").attempts()).isZero();
        assertThat(stats.liveChannels()).isEqualTo(2);
        assertThat(f.network.cdr(SHOPPER)).extracting(CallRecord::direction)
                .containsExactly(Direction.INBOUND, Direction.OUTBOUND);
    }
}
