package io.codac.sim.ari;

import ch.loway.oss.ari4java.generated.models.Channel;
import ch.loway.oss.ari4java.generated.models.ChannelDestroyed;
import ch.loway.oss.ari4java.generated.models.ChannelHangupRequest;
import ch.loway.oss.ari4java.generated.models.ChannelStateChange;
import ch.loway.oss.ari4java.generated.models.StasisStart;
import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.Trunk;
import io.codac.sim.InboundCallPlaced;
import io.codac.sim.SimulatedFleet;
import io.codac.sim.domain.CallRecord;
import io.codac.sim.domain.Direction;
import io.codac.sim.domain.SimSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.codac.sim.ari.ItFleets.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Missed calls through ari4java: a shopper dials one of the fleet's DIDs, the call arrives as a
 * {@code StasisStart} on the server that owns the DID, and the application rejects it as busy.
 */
class InboundCallsIT {

    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final String DID1 = "+918069000001";
    private static final String DID2 = "+918069000002";
    private static final String DID_WITHOUT_APP = "+918069000003";
    private static final String SHOPPER = "+919812345678";

    private static SimulatedFleet sim;
    private static AriTestClient srv1;
    private static AriTestClient srv2;

    @BeforeAll
    static void startFleet() throws Exception {
        Fleet fleet = new Fleet(List.of(
                server("srv1", List.of(new Trunk("srv1-t1", "airtel", 0, 50, 20)), List.of(DID1)),
                server("srv2", List.of(new Trunk("srv2-t1", "vi", 1, 50, 20)), List.of(DID2)),
                server("srv3", List.of(new Trunk("srv3-t1", "jio", 2, 50, 20)), List.of(DID_WITHOUT_APP))));
        sim = SimulatedFleet.start(fleet, SimSettings.fast().withSeed(44));
        srv1 = AriTestClient.connect(fleet.servers().get(0).ari());
        srv2 = AriTestClient.connect(fleet.servers().get(1).ari());
        // nobody connects to srv3's application
    }

    @AfterAll
    static void stopFleet() {
        ItFleets.closeQuietly(srv1, srv2, sim);
    }

    @Test
    void aShoppersCallArrivesAsStasisStartAndIsRejectedAsBusy() throws Exception {
        InboundCallPlaced placed = sim.inboundCall(SHOPPER, DID1);
        String id = placed.channelId();
        assertThat(placed.server()).isEqualTo("srv1");
        assertThat(placed.delivered()).isTrue();

        await().atMost(BOUND).until(() -> !srv1.eventsFor(id, StasisStart.class).isEmpty());
        StasisStart start = srv1.eventsFor(id, StasisStart.class).getFirst();
        assertThat(start.getArgs()).containsExactly("inbound", DID1);
        Channel channel = start.getChannel();
        assertThat(channel.getState()).isEqualTo("Ring");
        assertThat(channel.getCaller().getNumber()).isEqualTo(SHOPPER);
        assertThat(channel.getDialplan().getExten()).isEqualTo(DID1);
        assertThat(channel.getDialplan().getContext()).isEqualTo("from-carrier");
        assertThat(srv1.ari.channels().list().execute()).extracting(Channel::getId).contains(id);

        srv1.ari.channels().hangup(id).setReason("busy").execute();

        await().atMost(BOUND).until(() -> srv1.destroyed(id).isPresent());
        ChannelDestroyed destroyed = srv1.destroyed(id).orElseThrow();
        assertThat(destroyed.getCause()).isEqualTo(17);
        assertThat(destroyed.getCause_txt()).isEqualTo("User busy");
        assertThat(srv1.eventsFor(id, ChannelHangupRequest.class)).singleElement()
                .satisfies(h -> assertThat(h.getCause()).isEqualTo(17));
        assertThat(srv1.dialStatuses(id)).as("no Dial events for an inbound call").isEmpty();
        assertThat(srv2.eventsFor(id)).isEmpty();

        CallRecord record = sim.cdr(SHOPPER).stream().filter(r -> r.channelId().equals(id)).findFirst().orElseThrow();
        assertThat(record.direction()).isEqualTo(Direction.INBOUND);
        assertThat(record.did()).isEqualTo(DID1);
        assertThat(record.server()).isEqualTo("srv1");
        assertThat(record.trunk()).isEqualTo("srv1-t1");
        assertThat(record.cause()).isEqualTo(17);
        assertThat(sim.stats().inboundCalls()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void eachDidRingsOnTheServerThatOwnsIt() {
        String id = sim.inboundCall("919898989898", DID2.substring(1)).channelId();

        await().atMost(BOUND).until(() -> !srv2.eventsFor(id, StasisStart.class).isEmpty());
        assertThat(srv2.eventsFor(id, StasisStart.class).getFirst().getChannel().getCaller().getNumber())
                .isEqualTo("+919898989898");
        assertThat(srv1.eventsFor(id)).isEmpty();
    }

    @Test
    void theApplicationCanAnswerAnInboundCall() throws Exception {
        String id = sim.inboundCall("+919811111111", DID1).channelId();
        await().atMost(BOUND).until(() -> !srv1.eventsFor(id, StasisStart.class).isEmpty());

        srv1.ari.channels().answer(id).execute();

        await().atMost(BOUND).until(() -> !srv1.eventsFor(id, ChannelStateChange.class).isEmpty());
        assertThat(srv1.eventsFor(id, ChannelStateChange.class).getFirst().getChannel().getState()).isEqualTo("Up");
        srv1.ari.channels().hangup(id).setReason("normal").execute();
        await().atMost(BOUND).until(() -> srv1.destroyed(id).isPresent());
    }

    @Test
    void aCallToAServerWithoutItsApplicationConnectedIsBusyAtOnce() {
        InboundCallPlaced placed = sim.inboundCall("+919822222222", DID_WITHOUT_APP);

        assertThat(placed.delivered()).isFalse();
        assertThat(sim.cdr("+919822222222")).singleElement().satisfies(r -> {
            assertThat(r.cause()).isEqualTo(17);
            assertThat(r.endedAt()).isNotNull();
        });
    }

    @Test
    void aDidThatIsNotTheFleetsIsRefused() {
        assertThatThrownBy(() -> sim.inboundCall(SHOPPER, "+918000000000"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("none of the fleet's");
        assertThatThrownBy(() -> sim.inboundCall("not-a-number", DID1)).isInstanceOf(IllegalArgumentException.class);
    }
}
