package io.codac.sim.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static io.codac.sim.domain.NetworkFixture.PDD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Faults switched on at run time: degraded routes, flapping trunks, latency spikes, dead servers. */
class NetworkFaultsTest {

    private final NetworkFixture f = new NetworkFixture();

    @Test
    void aDegradedRouteFailsItsOperatorsCallsAfterThePostDialDelayButNotOtherOperatorsOrTrunks() {
        f.network.degradeRoute(RouteFault.networkFailures("t1", "airtel", 1.0));
        String airtelOnT1 = f.numberWith(NumberFate.RINGS_NO_ANSWER, "981");
        String jioOnT1 = f.numberWith(NumberFate.RINGS_NO_ANSWER, "982");
        String airtelOnT2 = f.numberWith(NumberFate.RINGS_NO_ANSWER, "981");
        f.originate("srv1", "a", airtelOnT1, "t1");
        f.originate("srv1", "j", jioOnT1, "t1");
        f.originate("srv2", "b", airtelOnT2, "t2");

        f.time.settle();
        assertThat(f.types("a")).containsExactly("Dial:");
        f.time.advance(PDD);

        ChannelEvent.ChannelDestroyed destroyed = f.eventsOf("a", ChannelEvent.ChannelDestroyed.class).getFirst();
        assertThat(destroyed.cause()).isIn(38, 41, 42);
        assertThat(f.types("a")).doesNotContain("State:Ringing");
        assertThat(f.types("j")).contains("State:Ringing");
        assertThat(f.types("b")).contains("State:Ringing");
        SimStats stats = f.network.stats();
        assertThat(stats.faultFailures()).isEqualTo(1);
        assertThat(stats.trunk("t1").faultFailures()).isEqualTo(1);
        assertThat(stats.overLimitRejections()).isZero();
    }

    @Test
    void aRouteThatAnswers503FailsWithCause34WithoutCountingAnOverLimitRejection() {
        f.network.degradeRoute(RouteFault.serviceUnavailable("t2", "*", 1.0));
        String number = f.numberWith(NumberFate.ANSWERS, "983");
        f.originate("srv2", "a", number, "t2");

        f.time.advance(PDD);

        assertThat(f.types("a")).containsExactly("Dial:", "Dial:CONGESTION", "Destroyed:34");
        assertThat(f.eventsOf("a", ChannelEvent.ChannelDestroyed.class).getFirst().sipCode()).isEqualTo(503);
        assertThat(f.record("a").sipCode()).isEqualTo(503);
        assertThat(f.network.stats().trunk("t2").overLimitRejections()).isZero();
    }

    @Test
    void aPartlyDegradedRouteFailsAboutItsShareOfCallsSpreadOverTheCauses() {
        f.network.degradeRoute(RouteFault.networkFailures("t2", "*", 0.3));
        var failedCauses = new ArrayList<Integer>();
        int calls = 1_000;
        for (int i = 0; i < calls; i++) {
            f.originate("srv2", "c" + i, f.numberWith(NumberFate.RINGS_NO_ANSWER, "983"), "t2");
            f.time.advance(PDD.plusMillis(10)); // t2 allows 10 calls per second
            f.network.hangup("srv2", "c" + i, Q850.NORMAL_CLEARING);
            f.eventsOf("c" + i, ChannelEvent.ChannelDestroyed.class).stream()
                    .filter(d -> d.cause() != Q850.NORMAL_CLEARING).forEach(d -> failedCauses.add(d.cause()));
        }

        assertThat(failedCauses.size() / (double) calls).isCloseTo(0.3, within(0.05));
        assertThat(Set.copyOf(failedCauses)).containsExactlyInAnyOrder(38, 41, 42);
    }

    @Test
    void aFaultForTheCallsOwnOperatorWinsOverOneForEveryOperatorAndHealingRestoresTheRoute() {
        f.network.degradeRoute(RouteFault.networkFailures("t1", "*", 1.0));
        f.network.degradeRoute(RouteFault.serviceUnavailable("t1", "Reliance Jio", 1.0));
        f.originate("srv1", "jio", f.numberWith(NumberFate.RINGS_NO_ANSWER, "982"), "t1");
        f.originate("srv1", "airtel", f.numberWith(NumberFate.RINGS_NO_ANSWER, "981"), "t1");
        f.time.advance(PDD);
        assertThat(f.types("jio")).endsWith("Destroyed:34");
        assertThat(f.types("airtel")).last().isIn("Destroyed:38", "Destroyed:41", "Destroyed:42");

        assertThat(f.network.clearRouteFault("t1", "*")).isTrue();
        f.originate("srv1", "airtel2", f.numberWith(NumberFate.RINGS_NO_ANSWER, "981"), "t1");
        f.time.advance(PDD);
        assertThat(f.types("airtel2")).contains("State:Ringing");
        assertThat(f.network.activeFaults().routes()).extracting(RouteFault::operator).containsExactly("Reliance Jio");
    }

    @Test
    void aRouteFailureDoesNotSpendANumbersOneNetworkFailure() {
        String number = f.numberWith(NumberFate.NETWORK_FAILURE_ONCE, "981");
        f.network.degradeRoute(RouteFault.networkFailures("t1", "Airtel", 1.0));
        f.originate("srv1", "first", number, "t1");
        f.time.advance(PDD);
        f.network.clearNetworkFaults();

        f.originate("srv1", "second", number, "t1");
        f.time.advance(PDD);

        assertThat(f.types("second")).endsWith("Dial:CONGESTION", "Destroyed:41");
    }

    @Test
    void aFlappingTrunkFailsCallsAtOnceWithCause38WhileDownAndCarriesThemWhileUp() {
        f.network.flapTrunk("slow", Duration.ofSeconds(2), Duration.ofSeconds(3));

        f.originate("srv1", "down1", f.numberWith(NumberFate.RINGS_NO_ANSWER), "slow");
        f.time.settle();
        assertThat(f.types("down1")).containsExactly("Dial:", "Dial:CHANUNAVAIL", "Destroyed:38");

        f.time.advance(Duration.ofMillis(2_500));
        f.originate("srv1", "up", f.numberWith(NumberFate.RINGS_NO_ANSWER), "slow");
        f.time.advance(PDD);
        assertThat(f.types("up")).contains("State:Ringing");

        f.time.advance(Duration.ofMillis(2_500)); // 5.1 s: the second cycle's down phase
        f.originate("srv1", "down2", f.numberWith(NumberFate.RINGS_NO_ANSWER), "slow");
        f.time.settle();
        assertThat(f.types("down2")).endsWith("Destroyed:38");
        assertThat(f.types("up")).as("a call up when the trunk went down is left alone").doesNotContain("Destroyed:38");

        TrunkStats slow = f.network.stats().trunk("slow");
        assertThat(slow.attempts()).isEqualTo(3);
        assertThat(slow.faultFailures()).isEqualTo(2);
        assertThat(slow.overLimitRejections()).as("a down trunk uses up no CPS (it allows 1/s)").isZero();
    }

    @Test
    void aTrunkFlapIsAPureFunctionOfTheClock() {
        Instant t0 = Instant.parse("2026-01-05T10:00:00Z");
        var flap = new TrunkFlap("t1", Duration.ofSeconds(1), Duration.ofSeconds(4), t0);
        var forever = new TrunkFlap("t1", Duration.ofSeconds(1), Duration.ZERO, t0);

        assertThat(IntStream.of(0, 999, 1000, 4999, 5000, 5999, 6000).mapToObj(ms -> flap.isDown(t0.plusMillis(ms))))
                .containsExactly(true, true, false, false, true, true, false);
        assertThat(flap.isDown(t0.minusMillis(1))).isFalse();
        assertThat(forever.isDown(t0.plus(Duration.ofDays(1)))).isTrue();
    }

    @Test
    void aLatencySpikeMultipliesThePostDialDelayOfNewCallsOnItsTrunk() {
        f.network.spikeLatency(new LatencySpike("t1", 5));
        f.network.spikeLatency(new LatencySpike("*", 2));
        Instant start = f.time.instant();
        f.originate("srv1", "slowed", f.numberWith(NumberFate.RINGS_NO_ANSWER), "t1");
        f.originate("srv2", "other", f.numberWith(NumberFate.RINGS_NO_ANSWER), "t2");

        f.time.advance(PDD.multipliedBy(10));

        assertThat(f.record("slowed").ringingAt()).isEqualTo(start.plus(PDD.multipliedBy(10)));
        assertThat(f.record("other").ringingAt()).isEqualTo(start.plus(PDD.multipliedBy(2)));
        assertThat(f.network.clearLatency(null)).isTrue();
        assertThat(f.network.activeFaults().latency()).extracting(LatencySpike::trunk).containsExactly("t1");
    }

    @Test
    void aDeadServersCallsVanishWithoutEventsAndItsPeersCarryOn() {
        String rang = f.numberWith(NumberFate.RINGS_NO_ANSWER);
        String dialing = f.numberWith(NumberFate.RINGS_NO_ANSWER);
        String elsewhere = f.numberWith(NumberFate.RINGS_NO_ANSWER);
        f.originate("srv1", "rang", rang, "t1");
        f.time.advance(PDD);
        f.network.spikeLatency(new LatencySpike("t1", 100));
        f.originate("srv1", "dialing", dialing, "t1");
        f.originate("srv2", "elsewhere", elsewhere, "t2");
        int eventsBefore = f.events.size();

        List<String> vanished = f.network.serverDied("srv1");

        assertThat(vanished).containsExactlyInAnyOrder("rang", "dialing");
        f.time.advance(Duration.ofMinutes(1));
        assertThat(f.events.subList(eventsBefore, f.events.size())).allMatch(e -> e.channel().serverId().equals("srv2"));
        assertThat(f.network.channels("srv1")).isEmpty();
        assertThat(f.record("rang").cause()).isEqualTo(38);
        assertThat(f.record("rang").endedAt()).isNotNull();
        assertThat(f.network.stats().trunk("t1").liveChannels()).isZero();
        assertThat(f.network.activeFaults().deadServers()).containsExactly("srv1");
        assertThat(f.network.originate(OriginateRequest.of("srv1", "x", "PJSIP/" + dialing + "@t1", "codac")))
                .isInstanceOfSatisfying(OriginateOutcome.Refused.class,
                        r -> assertThat(r.reason()).isEqualTo(OriginateOutcome.Reason.SERVER_DOWN));

        // on a peer: the number that rang is a redial, the one still dialing is not a concurrent double dial
        f.originate("srv2", "rang-again", rang, "t2");
        f.originate("srv2", "dialing-again", dialing, "t2");
        assertThat(f.network.stats().redialsAfterAlerting()).isEqualTo(1);
        assertThat(f.network.stats().concurrentDoubleDials()).isZero();

        f.network.serverReturned("srv1");
        f.originate("srv1", "back", f.numberWith(NumberFate.BUSY), "t1");
        assertThat(f.network.activeFaults().none()).isFalse(); // the latency spike is still on
        f.network.clearNetworkFaults();
        assertThat(f.network.activeFaults().none()).isTrue();
    }

    @Test
    void faultsOnUnknownTrunksAreRefused() {
        assertThatThrownBy(() -> f.network.degradeRoute(RouteFault.networkFailures("nowhere", "*", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nowhere");
        assertThatThrownBy(() -> f.network.flapTrunk("nowhere", Duration.ofSeconds(1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RouteFault("t1", "*", 1.5, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RouteFault("t1", "*", 1, List.of(17))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a route failure");
    }
}
