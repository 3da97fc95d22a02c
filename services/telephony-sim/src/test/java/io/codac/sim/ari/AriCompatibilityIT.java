package io.codac.sim.ari;

import ch.loway.oss.ari4java.ARI;
import ch.loway.oss.ari4java.AriFactory;
import ch.loway.oss.ari4java.AriVersion;
import ch.loway.oss.ari4java.generated.models.AsteriskInfo;
import ch.loway.oss.ari4java.generated.models.Channel;
import ch.loway.oss.ari4java.generated.models.ChannelDestroyed;
import ch.loway.oss.ari4java.generated.models.ChannelHangupRequest;
import ch.loway.oss.ari4java.generated.models.ChannelStateChange;
import ch.loway.oss.ari4java.generated.models.Dial;
import ch.loway.oss.ari4java.generated.models.StasisEnd;
import ch.loway.oss.ari4java.generated.models.StasisStart;
import ch.loway.oss.ari4java.tools.RestException;
import io.codac.contracts.domain.AriEndpoint;
import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.TelephonyServer;
import io.codac.contracts.domain.Trunk;
import io.codac.sim.SimulatedFleet;
import io.codac.sim.domain.CallRecord;
import io.codac.sim.domain.NumberFate;
import io.codac.sim.domain.SimSettings;
import io.codac.testsupport.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Drives a two-server simulated fleet through ari4java 0.18 (ARI 8.0.0), exactly as the dialer adapter does:
 * originate with a chosen id, events over the WebSocket, hang-up, channel listing, refusals. The fates, faults,
 * inbound calls and the carrier's counters have tests of their own ({@code CallFatesIT}, {@code FaultsIT},
 * {@code InboundCallsIT}, {@code CarrierLedgerIT}).
 */
class AriCompatibilityIT {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private static Fleet fleet;
    private static SimulatedFleet sim;
    private static AriTestClient srv1;
    private static AriTestClient srv2;

    @BeforeAll
    static void startFleet() throws Exception {
        fleet = new Fleet(List.of(
                server("srv1", List.of(new Trunk("srv1-t1", "airtel", 0, 50, 20))),
                server("srv2", List.of(new Trunk("srv2-t1", "vi", 1, 50, 20)))));
        sim = SimulatedFleet.start(fleet, SimSettings.fast().withSeed(42));
        srv1 = AriTestClient.connect(endpoint("srv1"));
        srv2 = AriTestClient.connect(endpoint("srv2"));
    }

    @AfterAll
    static void stopFleet() {
        for (AutoCloseable c : new AutoCloseable[]{srv1, srv2, sim}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    @Test
    void aRingingCallIsReportedOverTheSocketListedAndEndsWhenWeHangUp() throws Exception {
        String number = sim.numbersWithFate(NumberFate.RINGS_NO_ANSWER, 1).getFirst();
        String id = newId();

        Channel channel = srv1.ari.channels().originateWithId(id, "PJSIP/" + number + "@srv1-t1")
                .setApp("codac").setAppArgs("flash,attempt-1").setCallerId("CODAC <+918000000001>").setTimeout(30)
                .setVariables(Map.of("CODAC_ATTEMPT", id)).execute();
        assertThat(channel.getId()).isEqualTo(id);
        assertThat(channel.getState()).isEqualTo("Down");
        assertThat(channel.getCaller().getNumber()).isEqualTo("+918000000001");

        await().atMost(BOUND).until(() -> srv1.eventsFor(id, ChannelStateChange.class).stream()
                .anyMatch(e -> "Ringing".equals(e.getChannel().getState())));
        assertThat(srv1.eventsFor(id, Dial.class)).extracting(Dial::getDialstatus).contains("RINGING");
        assertThat(srv1.ari.channels().list().execute()).extracting(Channel::getId).contains(id);
        assertThat(srv1.ari.channels().get(id).execute().getState()).isEqualTo("Ringing");
        assertThat(srv2.ari.channels().list().execute()).extracting(Channel::getId).doesNotContain(id);

        srv1.ari.channels().hangup(id).setReason("normal").execute();

        await().atMost(BOUND).until(() -> !srv1.eventsFor(id, ChannelDestroyed.class).isEmpty());
        ChannelDestroyed destroyed = srv1.eventsFor(id, ChannelDestroyed.class).getFirst();
        assertThat(destroyed.getCause()).isEqualTo(16);
        assertThat(destroyed.getCause_txt()).isEqualTo("Normal Clearing");
        assertThat(srv1.eventsFor(id, ChannelHangupRequest.class)).singleElement().satisfies(request -> {
            assertThat(request.getCause()).isEqualTo(16);
            assertThat(request.getSoft()).isTrue();
        });
        assertThat(srv1.ari.channels().list().execute()).extracting(Channel::getId).doesNotContain(id);
        assertThatThrownBy(() -> srv1.ari.channels().hangup(id).execute())
                .isInstanceOfSatisfying(RestException.class, e -> assertThat(e.getCode()).isEqualTo(404));
        assertThatThrownBy(() -> srv1.ari.channels().get(id).execute())
                .isInstanceOfSatisfying(RestException.class, e -> assertThat(e.getCode()).isEqualTo(404));

        CallRecord record = sim.cdr(number).getFirst();
        assertThat(record.channelId()).isEqualTo(id);
        assertThat(record.server()).isEqualTo("srv1");
        assertThat(record.trunk()).isEqualTo("srv1-t1");
        assertThat(record.ringingAt()).isNotNull();
        assertThat(record.answeredAt()).isNull();
        assertThat(record.endedAt()).isNotNull();
        assertThat(record.cause()).isEqualTo(16);
        assertThat(srv1.failures()).isEmpty();
    }

    @Test
    void anAnsweredCallEntersTheApplicationOnTheSecondServer() throws Exception {
        String number = sim.numbersWithFate(NumberFate.ANSWERS, 1).getFirst();
        String id = newId();

        srv2.ari.channels().originateWithId(id, "PJSIP/" + number + "@srv2-t1").setApp("codac")
                .setAppArgs("flash").execute();

        await().atMost(BOUND).until(() -> !srv2.eventsFor(id, StasisStart.class).isEmpty());
        assertThat(srv2.eventsFor(id, StasisStart.class).getFirst().getArgs()).containsExactly("flash");
        assertThat(srv2.eventsFor(id, ChannelStateChange.class)).extracting(e -> e.getChannel().getState())
                .containsExactlyInAnyOrder("Ringing", "Up");
        assertThat(srv2.eventsFor(id, Dial.class)).extracting(Dial::getDialstatus)
                .containsExactlyInAnyOrder("", "RINGING", "ANSWER");

        srv2.ari.channels().hangup(id).execute();

        await().atMost(BOUND).until(() -> !srv2.eventsFor(id, ChannelDestroyed.class).isEmpty());
        // ari4java hands events to its callback on several threads, so their order here is not the wire's
        assertThat(srv2.eventsFor(id)).extracting(m -> m.getType()).contains(
                "ChannelHangupRequest", "StasisEnd", "ChannelDestroyed");
        assertThat(srv2.eventsFor(id, StasisEnd.class)).hasSize(1);
        assertThat(srv1.eventsFor(id)).isEmpty();
        assertThat(sim.cdr(number).getFirst().answeredAt()).isNotNull();
        assertThat(srv2.failures()).isEmpty();
    }

    @Test
    void anUnallocatedNumberEndsWithCause1WithoutRinging() throws Exception {
        String number = sim.numbersWithFate(NumberFate.UNALLOCATED, 1).getFirst();
        String id = newId();

        srv1.ari.channels().originateWithId(id, "PJSIP/" + number + "@srv1-t1").setApp("codac").execute();

        await().atMost(BOUND).until(() -> !srv1.eventsFor(id, ChannelDestroyed.class).isEmpty());
        ChannelDestroyed destroyed = srv1.eventsFor(id, ChannelDestroyed.class).getFirst();
        assertThat(destroyed.getCause()).isEqualTo(1);
        assertThat(destroyed.getCause_txt()).isEqualTo("Unallocated (unassigned) number");
        assertThat(srv1.eventsFor(id, ChannelStateChange.class)).isEmpty();
        assertThat(srv1.eventsFor(id, Dial.class)).extracting(Dial::getDialstatus).containsExactlyInAnyOrder("", "CHANUNAVAIL");
        assertThat(sim.cdr(number)).singleElement().satisfies(r -> {
            assertThat(r.ringingAt()).isNull();
            assertThat(r.cause()).isEqualTo(1);
        });
    }

    @Test
    void aSecondOriginateWithALiveChannelsIdIsRefusedWith409() throws Exception {
        String number = sim.numbersWithFate(NumberFate.RINGS_NO_ANSWER, 1).getFirst();
        String other = sim.numbersWithFate(NumberFate.RINGS_NO_ANSWER, 1).getFirst();
        String id = newId();
        long attemptsBefore = sim.stats().attempts();

        srv1.ari.channels().originateWithId(id, "PJSIP/" + number + "@srv1-t1").setApp("codac").execute();
        assertThatThrownBy(() -> srv1.ari.channels().originateWithId(id, "PJSIP/" + other + "@srv1-t1")
                .setApp("codac").execute())
                .isInstanceOfSatisfying(RestException.class, e -> assertThat(e.getCode()).isEqualTo(409));

        assertThat(sim.stats().attempts()).isEqualTo(attemptsBefore + 1);
        assertThat(sim.cdr(other)).isEmpty();
        srv1.ari.channels().hangup(id).execute();
    }

    @Test
    void anUnknownTrunkIsRefusedWithAClearError() {
        String number = sim.numbersWithFate(NumberFate.ANSWERS, 1).getFirst();

        assertThatThrownBy(() -> srv1.ari.channels().originateWithId(newId(), "PJSIP/" + number + "@nowhere")
                .setApp("codac").execute())
                .isInstanceOfSatisfying(RestException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(400);
                    assertThat(e.getResponse()).contains("Unknown trunk 'nowhere'");
                });
        // a trunk of another server is just as unknown here
        assertThatThrownBy(() -> srv1.ari.channels().originate("PJSIP/" + number + "@srv2-t1")
                .setApp("codac").execute())
                .isInstanceOfSatisfying(RestException.class, e -> assertThat(e.getCode()).isEqualTo(400));
        assertThat(sim.cdr(number)).isEmpty();
    }

    @Test
    void anOriginateWithoutAnIdGetsAnAsteriskStyleOne() throws Exception {
        String number = sim.numbersWithFate(NumberFate.BUSY, 1).getFirst();

        Channel channel = srv2.ari.channels().originate("PJSIP/" + number + "@srv2-t1").setApp("codac").execute();

        assertThat(channel.getId()).matches("\\d+\\.\\d+");
        await().atMost(BOUND).until(() -> destroyedWith(srv2, channel.getId(), 17));
        assertThat(srv2.eventsFor(channel.getId(), Dial.class)).extracting(Dial::getDialstatus).contains("BUSY");
    }

    @Test
    void wrongCredentialsAreRefusedWith401() throws Exception {
        AriEndpoint endpoint = endpoint("srv1");
        try (AriTestClient intruder = AriTestClient.http(endpoint, "wrong")) {
            assertThatThrownBy(() -> intruder.ari.asterisk().getInfo().execute())
                    .isInstanceOfSatisfying(RestException.class, e -> assertThat(e.getCode()).isEqualTo(401));
        }
        HttpResponse<String> anonymous = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create(endpoint.url() + "/ari/channels")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    }

    @Test
    void asteriskInfoAndVersionDetectionWork() throws Exception {
        AsteriskInfo info = srv2.ari.asterisk().getInfo().execute();
        assertThat(info.getConfig().getName()).isEqualTo("srv2");
        assertThat(info.getSystem().getVersion()).isNotBlank();

        AriEndpoint endpoint = endpoint("srv1");
        ARI detected = AriFactory.nettyHttp(endpoint.url(), endpoint.username(), endpoint.password(),
                AriVersion.IM_FEELING_LUCKY, endpoint.app());
        try {
            assertThat(detected.getVersion()).isEqualTo(AriVersion.ARI_8_0_0);
        } finally {
            detected.cleanup();
        }
    }

    private static boolean destroyedWith(AriTestClient client, String id, int cause) {
        return client.eventsFor(id, ChannelDestroyed.class).stream().anyMatch(e -> e.getCause() == cause);
    }

    private static String newId() {
        return "att-" + UUID.randomUUID();
    }

    private static TelephonyServer server(String id, List<Trunk> trunks) {
        var ari = new AriEndpoint("http://127.0.0.1:" + FreePorts.next(), "codac", "secret-" + id, "codac");
        return new TelephonyServer(id, ari, trunks, List.of());
    }

    private static AriEndpoint endpoint(String serverId) {
        return fleet.server(serverId).orElseThrow().ari();
    }
}
