package io.codac.sim.ari;

import ch.loway.oss.ari4java.generated.models.ChannelDestroyed;
import ch.loway.oss.ari4java.generated.models.ChannelStateChange;
import io.codac.contracts.domain.AriEndpoint;
import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.Trunk;
import io.codac.sim.SimulatedFleet;
import io.codac.sim.domain.CallRecord;
import io.codac.sim.domain.NumberFate;
import io.codac.sim.domain.RouteFault;
import io.codac.sim.domain.SimSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import static io.codac.sim.ari.ItFleets.newId;
import static io.codac.sim.ari.ItFleets.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Faults switched on at run time from Java, observed through ari4java as a dialer adapter observes them:
 * degraded routes, a flapping trunk, a latency spike, a dropped event socket, and a server that dies and
 * comes back.
 */
class FaultsIT {

    private static final Duration BOUND = Duration.ofSeconds(10);
    /** ari4java reconnects its event socket after 2 s, 5 s, then every 10 s. */
    private static final Duration RECONNECT_BOUND = Duration.ofSeconds(30);

    private static Fleet fleet;
    private static SimulatedFleet sim;
    private static AriTestClient srv1;
    private static AriTestClient srv2;
    private static AriTestClient srv3;

    @BeforeAll
    static void startFleet() throws Exception {
        fleet = new Fleet(List.of(
                server("srv1", List.of(new Trunk("srv1-t1", "airtel", 0, 100, 50)), List.of("+918069000001")),
                server("srv2", List.of(new Trunk("srv2-t1", "jio", 1, 100, 50)), List.of("+918069000002")),
                server("srv3", List.of(new Trunk("srv3-t1", "vi", 2, 100, 50)), List.of("+918069000003"))));
        sim = SimulatedFleet.start(fleet, SimSettings.fast().withSeed(45));
        srv1 = AriTestClient.connect(endpoint("srv1"));
        srv2 = AriTestClient.connect(endpoint("srv2"));
        srv3 = AriTestClient.connect(endpoint("srv3"));
    }

    @AfterEach
    void clearFaults() {
        sim.faults().clear();
    }

    @AfterAll
    static void stopFleet() {
        ItFleets.closeQuietly(srv1, srv2, srv3, sim);
    }

    @Test
    void aDegradedRouteFailsCallsToItsOperatorWithANetworkCauseWhileOtherOperatorsRing() throws Exception {
        sim.faults().degradeRoute(RouteFault.networkFailures("srv1-t1", "Airtel", 1.0));
        String airtel = sim.numbersWithFate(NumberFate.RINGS_NO_ANSWER, "Airtel", 1).getFirst();
        String vodafone = sim.numbersWithFate(NumberFate.RINGS_NO_ANSWER, "Vodafone", 1).getFirst();
        String failing = newId();
        String ringing = newId();

        srv1.ari.channels().originateWithId(failing, "PJSIP/" + airtel + "@srv1-t1").setApp("codac").execute();
        srv1.ari.channels().originateWithId(ringing, "PJSIP/" + vodafone + "@srv1-t1").setApp("codac").execute();

        await().atMost(BOUND).until(() -> srv1.destroyed(failing).isPresent()
                && !srv1.eventsFor(ringing, ChannelStateChange.class).isEmpty());
        assertThat(srv1.destroyed(failing).orElseThrow().getCause()).isIn(38, 41, 42);
        assertThat(srv1.eventsFor(failing, ChannelStateChange.class)).isEmpty();
        CallRecord record = sim.cdr(airtel).getFirst();
        assertThat(record.operator()).isEqualTo("Airtel");
        assertThat(record.ringingAt()).isNull();
        assertThat(sim.stats().trunk("srv1-t1").faultFailures()).isGreaterThanOrEqualTo(1);
        srv1.ari.channels().hangup(ringing).execute();
    }

    @Test
    void aRouteAnswering503FailsWithCause34ThatIsNotAnOverLimitRejection() throws Exception {
        sim.faults().degradeRoute(RouteFault.serviceUnavailable("srv2-t1", "*", 1.0));
        String number = sim.numbersWithFate(NumberFate.ANSWERS, 1).getFirst();
        long overLimitBefore = sim.stats().overLimitRejections();
        String id = newId();

        srv2.ari.channels().originateWithId(id, "PJSIP/" + number + "@srv2-t1").setApp("codac").execute();

        await().atMost(BOUND).until(() -> srv2.destroyed(id).isPresent());
        assertThat(srv2.destroyed(id).orElseThrow().getCause()).isEqualTo(34);
        assertThat(srv2.dialStatuses(id)).contains("CONGESTION");
        assertThat(sim.stats().overLimitRejections()).isEqualTo(overLimitBefore);
        assertThat(sim.cdr(number).getFirst().sipCode()).isEqualTo(503);
    }

    @Test
    void aTrunkThatIsDownFailsCallsAtOnceUntilItComesBack() throws Exception {
        sim.faults().flapTrunk("srv3-t1", Duration.ofHours(1), Duration.ofMinutes(1));
        List<String> numbers = sim.numbersWithFate(NumberFate.RINGS_NO_ANSWER, 2);
        String whileDown = newId();

        srv3.ari.channels().originateWithId(whileDown, "PJSIP/" + numbers.get(0) + "@srv3-t1").setApp("codac").execute();
        await().atMost(BOUND).until(() -> srv3.destroyed(whileDown).isPresent());
        assertThat(srv3.destroyed(whileDown).orElseThrow().getCause()).isEqualTo(38);
        assertThat(srv3.dialStatuses(whileDown)).contains("CHANUNAVAIL");
        assertThat(sim.faults().active().flaps()).hasSize(1);

        sim.faults().stopFlapping("srv3-t1");
        String whileUp = newId();
        srv3.ari.channels().originateWithId(whileUp, "PJSIP/" + numbers.get(1) + "@srv3-t1").setApp("codac").execute();
        await().atMost(BOUND).until(() -> !srv3.eventsFor(whileUp, ChannelStateChange.class).isEmpty());
        srv3.ari.channels().hangup(whileUp).execute();
    }

    @Test
    void aLatencySpikeMultipliesThePostDialDelay() throws Exception {
        sim.faults().spikeLatency("srv1-t1", 20); // fast timing: 20-40 ms becomes 400-800 ms
        String number = sim.numbersWithFate(NumberFate.BUSY, 1).getFirst();
        String id = newId();

        srv1.ari.channels().originateWithId(id, "PJSIP/" + number + "@srv1-t1").setApp("codac").execute();

        await().atMost(BOUND).until(() -> srv1.destroyed(id).isPresent());
        CallRecord record = sim.cdr(number).getFirst();
        assertThat(Duration.between(record.startedAt(), record.endedAt())).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void aDroppedEventSocketClosesAndAri4javaReconnects() throws Exception {
        assertThat(sim.faults().dropEventSockets("srv3")).isEqualTo(1);

        await().atMost(RECONNECT_BOUND).until(srv3::registered);
        String number = sim.numbersWithFate(NumberFate.UNALLOCATED, 1).getFirst();
        String id = newId();
        srv3.ari.channels().originateWithId(id, "PJSIP/" + number + "@srv3-t1").setApp("codac").execute();
        await().atMost(BOUND).until(() -> srv3.destroyed(id).isPresent());
    }

    @Test
    void aDeadServersCallsVanishItsPortClosesAndItComesBackOnTheSamePort() throws Exception {
        String ringingNumber = sim.numbersWithFate(NumberFate.RINGS_NO_ANSWER, 1).getFirst();
        String ringing = newId();
        srv2.ari.channels().originateWithId(ringing, "PJSIP/" + ringingNumber + "@srv2-t1").setApp("codac").execute();
        await().atMost(BOUND).until(() -> !srv2.eventsFor(ringing, ChannelStateChange.class).isEmpty());

        List<String> vanished = sim.faults().killServer("srv2");

        assertThat(vanished).containsExactly(ringing);
        URI ari = URI.create(endpoint("srv2").url());
        assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress(ari.getHost(), ari.getPort()), 2_000))
                .isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> srv2.ari.asterisk().getInfo().execute()).isInstanceOf(Exception.class);
        assertThat(sim.inboundCall("+919833333333", "+918069000002").delivered()).isFalse();
        CallRecord record = sim.cdr(ringingNumber).getFirst();
        assertThat(record.endedAt()).isNotNull();
        assertThat(record.cause()).isEqualTo(38);
        // a peer keeps working; by the time its call has ended, the dead server's client has had time to hear of its
        // call, and has not
        String peerCall = newId();
        srv1.ari.channels().originateWithId(peerCall, "PJSIP/" + sim.numbersWithFate(NumberFate.BUSY, 1).getFirst()
                + "@srv1-t1").setApp("codac").execute();
        await().atMost(BOUND).until(() -> srv1.destroyed(peerCall).isPresent());
        assertThat(srv2.eventsFor(ringing, ChannelDestroyed.class)).isEmpty();

        sim.faults().restartServer("srv2");

        assertThat(srv2.ari.asterisk().getInfo().execute().getConfig().getName()).isEqualTo("srv2");
        assertThat(srv2.ari.channels().list().execute()).isEmpty();
        await().atMost(RECONNECT_BOUND).until(srv2::registered);
        String afterReturn = newId();
        srv2.ari.channels().originateWithId(afterReturn, "PJSIP/" + sim.numbersWithFate(NumberFate.BUSY, 1).getFirst()
                + "@srv2-t1").setApp("codac").execute();
        await().atMost(BOUND).until(() -> srv2.destroyed(afterReturn).isPresent());
        // the number that rang before the death is still remembered: dialing it again is a redial
        long redials = sim.stats().redialsAfterAlerting();
        String redial = newId();
        srv1.ari.channels().originateWithId(redial, "PJSIP/" + ringingNumber + "@srv1-t1").setApp("codac").execute();
        assertThat(sim.stats().redialsAfterAlerting()).isEqualTo(redials + 1);
        srv1.ari.channels().hangup(redial).execute();
    }

    @Test
    void clearingFaultsHealsRoutesAndTrunksAndBringsDeadServersBack() {
        sim.faults().degradeRoute(RouteFault.networkFailures("srv1-t1", "*", 0.5));
        sim.faults().flapTrunk("srv2-t1", Duration.ofSeconds(1), Duration.ofSeconds(1));
        sim.faults().spikeLatency(null, 3);
        sim.faults().killServer("srv3");
        assertThat(sim.faults().active().deadServers()).containsExactly("srv3");

        sim.faults().clear();

        assertThat(sim.faults().active().none()).isTrue();
        await().atMost(RECONNECT_BOUND).until(srv3::registered);
    }

    private static AriEndpoint endpoint(String serverId) {
        return fleet.server(serverId).orElseThrow().ari();
    }
}
