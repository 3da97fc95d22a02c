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

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A two-server network on manual time for domain tests: srv1 (trunks t1, airtel, and slow, jio) and srv2 (t2,
 * vi), DIDs +918069000001 on srv1 and +918069000002 on srv2, fixed timings, and a directory in which numbers
 * +91981... belong to "Airtel" and +91982... to "Reliance Jio".
 */
final class NetworkFixture {

    static final Duration PDD = Duration.ofMillis(100);
    static final Duration RING_BEFORE_ANSWER = Duration.ofSeconds(2);
    static final Duration NO_ANSWER_AFTER = Duration.ofSeconds(30);
    static final Duration TALK = Duration.ofSeconds(20);
    static final Duration ANNOUNCEMENT = Duration.ofSeconds(5);
    static final Duration CALLER_PATIENCE = Duration.ofSeconds(15);
    static final String DID1 = "+918069000001";
    static final String DID2 = "+918069000002";
    static final OperatorDirectory OPERATORS = number -> number.startsWith("+91981") ? "Airtel"
            : number.startsWith("+91982") ? "Reliance Jio" : "";

    final Fleet fleet = new Fleet(List.of(
            new TelephonyServer("srv1", ari(8091), List.of(
                    new Trunk("t1", "airtel", 0, 10, 3),
                    new Trunk("slow", "jio", 1, 1, 10)), List.of(DID1)),
            new TelephonyServer("srv2", ari(8092), List.of(new Trunk("t2", "vi", 2, 10, 10)), List.of(DID2))));
    final ManualTime time = new ManualTime();
    final List<ChannelEvent> events = new ArrayList<>();
    final List<BrokenPromise> broken = new ArrayList<>();
    private final Set<String> handedOut = new HashSet<>();
    final TelephoneNetwork network;

    NetworkFixture() {
        this(SimSettings.defaults().withSeed(5));
    }

    NetworkFixture(SimSettings settings) {
        network = new TelephoneNetwork(fleet, settings.withTiming(timing()), time, time, events::add, broken::add,
                OPERATORS);
    }

    static CallTiming timing() {
        return new CallTiming(PDD, PDD, RING_BEFORE_ANSWER, RING_BEFORE_ANSWER, NO_ANSWER_AFTER, TALK, ANNOUNCEMENT,
                CALLER_PATIENCE);
    }

    /** The default population plus a fifth of {@code fate} (which has no share by default). */
    static SimSettings withShareOf(NumberFate fate) {
        return SimSettings.defaults().withSeed(5).withShares(FateShares.defaults().with(fate, 0.2));
    }

    String originate(String server, String id, String number, String trunk) {
        OriginateOutcome outcome = network.originate(OriginateRequest.of(server, id, "PJSIP/" + number + "@" + trunk,
                "codac"));
        assertThat(outcome).isInstanceOf(Originated.class);
        return ((Originated) outcome).channel().id();
    }

    /** A fresh number with the fate in the series {@code +91<series>...}, so no test redials by accident. */
    String numberWith(NumberFate fate, String series) {
        for (int i = 0; ; i++) {
            String candidate = String.format("+91%s%07d", series, i);
            if (network.fateOf(candidate) == fate && handedOut.add(candidate)) {
                return candidate;
            }
        }
    }

    /** A fresh number of operator "Airtel". */
    String numberWith(NumberFate fate) {
        return numberWith(fate, "981");
    }

    <T extends ChannelEvent> List<T> eventsOf(String channelId, Class<T> type) {
        return events.stream().filter(e -> e.channel().id().equals(channelId)).filter(type::isInstance)
                .map(type::cast).toList();
    }

    /** The channel's events in a compact form, e.g. {@code State:Ringing}, {@code Dial:BUSY}, {@code Destroyed:17}. */
    List<String> types(String channelId) {
        return events.stream().filter(e -> e.channel().id().equals(channelId)).map(e -> switch (e) {
            case ChannelStateChanged s -> "State:" + s.channel().state().asteriskName();
            case DialStatusChanged d -> "Dial:" + d.dialStatus();
            case StasisStarted s -> "StasisStart";
            case HangupRequested h -> "HangupRequest:" + h.cause() + (h.soft() ? ":soft" : "");
            case StasisEnded s -> "StasisEnd";
            case ChannelDestroyed d -> "Destroyed:" + d.cause();
        }).toList();
    }

    CallRecord record(String channelId) {
        return network.latestRecords(10_000).stream().filter(r -> r.channelId().equals(channelId)).findFirst()
                .orElseThrow();
    }

    private static AriEndpoint ari(int port) {
        return new AriEndpoint("http://127.0.0.1:" + port, "codac", "codac", "codac");
    }
}
