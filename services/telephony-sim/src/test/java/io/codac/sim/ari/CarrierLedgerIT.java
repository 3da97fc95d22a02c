package io.codac.sim.ari;

import ch.loway.oss.ari4java.generated.models.ChannelStateChange;
import ch.loway.oss.ari4java.tools.RestException;
import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.Trunk;
import io.codac.sim.SimulatedFleet;
import io.codac.sim.domain.BrokenPromise;
import io.codac.sim.domain.NumberFate;
import io.codac.sim.domain.SimSettings;
import io.codac.sim.domain.SimStats;
import io.codac.sim.domain.TrunkStats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.codac.sim.ari.ItFleets.newId;
import static io.codac.sim.ari.ItFleets.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The carrier's ledger catches each broken promise when it is broken on purpose, through ari4java: two live
 * calls to one number, a redial after the phone rang, calls over a trunk's CPS and over its channels. If these
 * counters could not move, every "zero double dials" elsewhere would prove nothing.
 */
class CarrierLedgerIT {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private static Fleet fleet;
    private static SimulatedFleet sim;
    private static AriTestClient srv1;
    private static AriTestClient srv2;

    @BeforeAll
    static void startFleet() throws Exception {
        fleet = new Fleet(List.of(
                server("srv1", List.of(new Trunk("srv1-t1", "airtel", 0, 50, 20),
                        new Trunk("srv1-1cps", "jio", 1, 1, 20),
                        new Trunk("srv1-1ch", "vi", 2, 50, 1)), List.of()),
                server("srv2", List.of(new Trunk("srv2-t1", "vi", 3, 50, 20)), List.of())));
        sim = SimulatedFleet.start(fleet, SimSettings.fast().withSeed(43));
        srv1 = AriTestClient.connect(fleet.servers().get(0).ari());
        srv2 = AriTestClient.connect(fleet.servers().get(1).ari());
    }

    @AfterAll
    static void stopFleet() {
        ItFleets.closeQuietly(srv1, srv2, sim);
    }

    @Test
    void twoLiveCallsToOneNumberOnTwoServersAreADoubleDial() throws Exception {
        String number = sim.numbersWithFate(NumberFate.RINGS_NO_ANSWER, 1).getFirst();
        SimStats before = sim.stats();
        String first = newId();
        String second = newId();

        srv1.ari.channels().originateWithId(first, "PJSIP/" + number + "@srv1-t1").setApp("codac").execute();
        srv2.ari.channels().originateWithId(second, "PJSIP/" + number + "@srv2-t1").setApp("codac").execute();

        SimStats after = sim.stats();
        assertThat(after.concurrentDoubleDials()).isEqualTo(before.concurrentDoubleDials() + 1);
        assertThat(after.numbersDialedConcurrently()).isEqualTo(before.numbersDialedConcurrently() + 1);
        assertThat(sim.brokenPromises()).anySatisfy(broken -> {
            assertThat(broken.kind()).isEqualTo(BrokenPromise.Kind.CONCURRENT_DOUBLE_DIAL);
            assertThat(broken.channelId()).isEqualTo(second);
            assertThat(broken.serverId()).isEqualTo("srv2");
        });
        srv1.ari.channels().hangup(first).execute();
        srv2.ari.channels().hangup(second).execute();
    }

    @Test
    void dialingANumberAgainAfterItRangIsARedial() throws Exception {
        String number = sim.numbersWithFate(NumberFate.RINGS_NO_ANSWER, 1).getFirst();
        SimStats before = sim.stats();
        String first = newId();

        srv1.ari.channels().originateWithId(first, "PJSIP/" + number + "@srv1-t1").setApp("codac").execute();
        await().atMost(BOUND).until(() -> !srv1.eventsFor(first, ChannelStateChange.class).isEmpty());
        srv1.ari.channels().hangup(first).execute();
        await().atMost(BOUND).until(() -> srv1.destroyed(first).isPresent());
        assertThat(sim.stats().concurrentDoubleDials()).isEqualTo(before.concurrentDoubleDials());

        String again = newId();
        srv2.ari.channels().originateWithId(again, "PJSIP/" + number + "@srv2-t1").setApp("codac").execute();

        SimStats after = sim.stats();
        assertThat(after.redialsAfterAlerting()).isEqualTo(before.redialsAfterAlerting() + 1);
        assertThat(after.numbersRedialedAfterAlerting()).isEqualTo(before.numbersRedialedAfterAlerting() + 1);
        assertThat(after.concurrentDoubleDials()).isEqualTo(before.concurrentDoubleDials());
        srv2.ari.channels().hangup(again).execute();
    }

    @Test
    void callsOverTheTrunksCpsAreRejectedAtOnceWithCause34AndCounted() throws Exception {
        // srv1-1cps allows one call per second: of calls placed back to back, all but the first in each second fail.
        List<String> numbers = sim.numbersWithFate(NumberFate.RINGS_NO_ANSWER, 4);
        long rejectedBefore = sim.stats().trunk("srv1-1cps").overLimitRejections();
        var ids = new ArrayList<String>();
        for (String number : numbers) {
            String id = newId();
            ids.add(id);
            srv1.ari.channels().originateWithId(id, "PJSIP/" + number + "@srv1-1cps").setApp("codac").execute();
        }

        await().atMost(BOUND).until(() -> ids.stream().filter(id -> destroyedWith(id, 34)).count() >= 1);
        long rejected = ids.stream().filter(id -> destroyedWith(id, 34)).count();
        assertThat(sim.stats().trunk("srv1-1cps").overLimitRejections() - rejectedBefore).isEqualTo(rejected);
        String rejectedId = ids.stream().filter(id -> destroyedWith(id, 34)).findFirst().orElseThrow();
        assertThat(srv1.dialStatuses(rejectedId)).containsExactlyInAnyOrder("", "CONGESTION");
        assertThat(srv1.eventsFor(rejectedId, ChannelStateChange.class)).isEmpty();
        hangUpAll(ids);
    }

    @Test
    void aCallBeyondTheTrunksChannelsIsRejectedAndThePeakNeverPassesTheLimit() throws Exception {
        List<String> numbers = sim.numbersWithFate(NumberFate.RINGS_NO_ANSWER, 2);
        long rejectedBefore = sim.stats().overLimitRejections();
        String first = newId();
        String second = newId();

        srv1.ari.channels().originateWithId(first, "PJSIP/" + numbers.get(0) + "@srv1-1ch").setApp("codac").execute();
        srv1.ari.channels().originateWithId(second, "PJSIP/" + numbers.get(1) + "@srv1-1ch").setApp("codac").execute();

        await().atMost(BOUND).until(() -> destroyedWith(second, 34));
        TrunkStats trunk = sim.stats().trunk("srv1-1ch");
        assertThat(sim.stats().overLimitRejections()).isEqualTo(rejectedBefore + 1);
        assertThat(trunk.peakChannels()).isEqualTo(1).isEqualTo(trunk.maxChannels());
        hangUpAll(List.of(first, second));
    }

    private static boolean destroyedWith(String id, int cause) {
        return srv1.destroyed(id).filter(d -> d.getCause() == cause).isPresent();
    }

    private static void hangUpAll(List<String> ids) throws Exception {
        for (String id : ids) {
            try {
                srv1.ari.channels().hangup(id).execute();
            } catch (RestException alreadyGone) {
                assertThat(alreadyGone.getCode()).isEqualTo(404);
            }
        }
    }
}
