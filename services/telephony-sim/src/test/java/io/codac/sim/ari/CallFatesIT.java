package io.codac.sim.ari;

import ch.loway.oss.ari4java.generated.models.ChannelDestroyed;
import ch.loway.oss.ari4java.generated.models.ChannelStateChange;
import ch.loway.oss.ari4java.generated.models.StasisStart;
import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.Trunk;
import io.codac.sim.SimulatedFleet;
import io.codac.sim.domain.CallRecord;
import io.codac.sim.domain.CallTiming;
import io.codac.sim.domain.FateShares;
import io.codac.sim.domain.NumberFate;
import io.codac.sim.domain.RingingSignal;
import io.codac.sim.domain.SimSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.codac.sim.ari.ItFleets.newId;
import static io.codac.sim.ari.ItFleets.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every fate of the population, dialed through ari4java, ends as Asterisk would end it: the events, the cause,
 * and the carrier's record. srv1 has an ordinary trunk and one whose carrier signals ringing only as early media.
 */
class CallFatesIT {

    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final String TRUNK = "srv1-t1";
    private static final String EARLY_MEDIA_TRUNK = "srv1-em";

    private static SimulatedFleet sim;
    private static AriTestClient srv1;

    @BeforeAll
    static void startFleet() throws Exception {
        Fleet fleet = new Fleet(List.of(server("srv1", List.of(new Trunk(TRUNK, "airtel", 0, 100, 50),
                new Trunk(EARLY_MEDIA_TRUNK, "em-carrier", 1, 100, 50)), List.of())));
        FateShares shares = FateShares.defaults().with(NumberFate.EARLY_MEDIA_NO_ANSWER, 0.05)
                .with(NumberFate.ANNOUNCEMENT_SWITCHED_OFF, 0.05);
        sim = SimulatedFleet.start(fleet, SimSettings.fast().withSeed(11).withShares(shares)
                .withRingingSignal("em-carrier", RingingSignal.EARLY_MEDIA_ONLY));
        srv1 = AriTestClient.connect(fleet.servers().getFirst().ari());
    }

    @AfterAll
    static void stopFleet() {
        ItFleets.closeQuietly(srv1, sim);
    }

    @Test
    void aRingingNumberNobodyAnswersEndsWithCause19WhenTheOriginateTimesOut() throws Exception {
        String number = sim.numbersWithFate(NumberFate.RINGS_NO_ANSWER, 1).getFirst();
        String id = newId();

        srv1.ari.channels().originateWithId(id, "PJSIP/" + number + "@" + TRUNK).setApp("codac").setTimeout(1).execute();

        ChannelDestroyed destroyed = awaitDestroyed(id);
        assertThat(destroyed.getCause()).isEqualTo(19);
        assertThat(srv1.dialStatuses(id)).containsExactlyInAnyOrder("", "RINGING", "NOANSWER");
        assertThat(srv1.eventsFor(id, ChannelStateChange.class)).extracting(e -> e.getChannel().getState())
                .containsExactly("Ringing");
        CallRecord record = sim.cdr(number).getFirst();
        assertThat(record.ringingAt()).isNotNull();
        assertThat(record.cause()).isEqualTo(19);
        assertThat(record.operator()).isEqualTo(sim.operatorOf(number));
    }

    @Test
    void anAnsweringNumberEntersTheApplicationAndTheFarEndHangsUpLater() throws Exception {
        String number = sim.numbersWithFate(NumberFate.ANSWERS, 1).getFirst();
        String id = newId();

        srv1.ari.channels().originateWithId(id, "PJSIP/" + number + "@" + TRUNK).setApp("codac")
                .setAppArgs("flash,a1").execute();

        await().atMost(BOUND).until(() -> !srv1.eventsFor(id, StasisStart.class).isEmpty());
        assertThat(srv1.eventsFor(id, StasisStart.class).getFirst().getArgs()).containsExactly("flash", "a1");
        assertThat(srv1.ari.channels().get(id).execute().getState()).isEqualTo("Up");
        assertThat(awaitDestroyed(id).getCause()).as("the far end hangs up after talking").isEqualTo(16);
        assertThat(sim.cdr(number).getFirst().answeredAt()).isNotNull();
    }

    @Test
    void aBusyNumberEndsWithCause17WithoutRinging() throws Exception {
        assertFailsWithoutRinging(NumberFate.BUSY, 17, "User busy", "BUSY", 486);
    }

    @Test
    void aSwitchedOffNumberEndsWithCause20WithoutRinging() throws Exception {
        assertFailsWithoutRinging(NumberFate.SWITCHED_OFF, 20, "Subscriber absent", "CHANUNAVAIL", 480);
    }

    @Test
    void anUnallocatedNumberEndsWithCause1WithoutRinging() throws Exception {
        assertFailsWithoutRinging(NumberFate.UNALLOCATED, 1, "Unallocated (unassigned) number", "CHANUNAVAIL", 404);
    }

    @Test
    void aNetworkFailureOnceNumberFailsWithCause41ThenRingsOnTheNextAttempt() throws Exception {
        String number = sim.numbersWithFate(NumberFate.NETWORK_FAILURE_ONCE, 1).getFirst();
        String first = newId();
        String second = newId();

        srv1.ari.channels().originateWithId(first, "PJSIP/" + number + "@" + TRUNK).setApp("codac").execute();
        assertThat(awaitDestroyed(first).getCause()).isEqualTo(41);
        assertThat(srv1.dialStatuses(first)).contains("CONGESTION");

        srv1.ari.channels().originateWithId(second, "PJSIP/" + number + "@" + TRUNK).setApp("codac").execute();
        await().atMost(BOUND).until(() -> srv1.dialStatuses(second).contains("RINGING"));
        srv1.ari.channels().hangup(second).execute();
        awaitDestroyed(second);
    }

    @Test
    void anEarlyMediaNumberSignalsRingingOnlyAsProgressAndTheChannelStaysDown() throws Exception {
        String number = sim.numbersWithFate(NumberFate.EARLY_MEDIA_NO_ANSWER, 1).getFirst();
        String id = newId();

        srv1.ari.channels().originateWithId(id, "PJSIP/" + number + "@" + TRUNK).setApp("codac").execute();

        await().atMost(BOUND).until(() -> srv1.dialStatuses(id).contains("PROGRESS"));
        assertThat(srv1.ari.channels().get(id).execute().getState()).isEqualTo("Down");
        srv1.ari.channels().hangup(id).execute();
        awaitDestroyed(id);
        assertThat(srv1.eventsFor(id, ChannelStateChange.class)).isEmpty();
        assertThat(srv1.dialStatuses(id)).doesNotContain("RINGING").contains("CANCEL");
        CallRecord record = sim.cdr(number).getFirst();
        assertThat(record.earlyMediaAt()).isNotNull();
        assertThat(record.ringingAt()).as("the handset rang, though only early media said so").isNotNull();
    }

    @Test
    void anEarlyMediaOnlyCarrierSignalsEveryRingingNumberAsProgress() throws Exception {
        String number = sim.numbersWithFate(NumberFate.RINGS_NO_ANSWER, 1).getFirst();
        String id = newId();

        srv1.ari.channels().originateWithId(id, "PJSIP/" + number + "@" + EARLY_MEDIA_TRUNK).setApp("codac").execute();

        await().atMost(BOUND).until(() -> srv1.dialStatuses(id).contains("PROGRESS"));
        srv1.ari.channels().hangup(id).execute();
        awaitDestroyed(id);
        assertThat(srv1.eventsFor(id, ChannelStateChange.class)).isEmpty();
    }

    @Test
    void anAnnouncementIsProgressWithoutRingingThenCause20() throws Exception {
        String number = sim.numbersWithFate(NumberFate.ANNOUNCEMENT_SWITCHED_OFF, 1).getFirst();
        String id = newId();

        srv1.ari.channels().originateWithId(id, "PJSIP/" + number + "@" + TRUNK).setApp("codac").execute();

        assertThat(awaitDestroyed(id).getCause()).isEqualTo(20);
        assertThat(srv1.dialStatuses(id)).containsExactlyInAnyOrder("", "PROGRESS", "CHANUNAVAIL");
        CallRecord record = sim.cdr(number).getFirst();
        assertThat(record.ringingAt()).isNull();
        assertThat(record.earlyMediaAt()).isNotNull();
    }

    @Test
    void atAHundredfoldSpeedAThirtySecondRingLimitPassesWithinTheTestsBound() throws Exception {
        // realistic timings (1-2.5 s post-dial delay, 30 s ring limit) a hundred times faster: the call's 31+ s of
        // scenario time pass within the 10 s bound; the records are in scenario time
        Fleet fleet = new Fleet(List.of(server("fast1", List.of(new Trunk("fast1-t1", "airtel", 0, 10, 10)), List.of())));
        try (SimulatedFleet fast = SimulatedFleet.start(fleet, SimSettings.defaults().withSeed(3)
                .withTiming(CallTiming.realistic()).withSpeedFactor(100));
             AriTestClient client = AriTestClient.connect(fleet.servers().getFirst().ari())) {
            String number = fast.numbersWithFate(NumberFate.RINGS_NO_ANSWER, 1).getFirst();
            String id = newId();

            client.ari.channels().originateWithId(id, "PJSIP/" + number + "@fast1-t1").setApp("codac").setTimeout(-1)
                    .execute();

            await().atMost(BOUND).until(() -> client.destroyed(id).isPresent());
            CallRecord record = fast.cdr(number).getFirst();
            assertThat(record.cause()).isEqualTo(19);
            assertThat(Duration.between(record.startedAt(), record.ringingAt())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            assertThat(Duration.between(record.ringingAt(), record.endedAt())).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
        }
    }

    private static void assertFailsWithoutRinging(NumberFate fate, int cause, String causeText, String dialStatus,
                                                  int sipCode) throws Exception {
        String number = sim.numbersWithFate(fate, 1).getFirst();
        String id = newId();

        srv1.ari.channels().originateWithId(id, "PJSIP/" + number + "@" + TRUNK).setApp("codac").execute();

        ChannelDestroyed destroyed = awaitDestroyed(id);
        assertThat(destroyed.getCause()).isEqualTo(cause);
        assertThat(destroyed.getCause_txt()).isEqualTo(causeText);
        assertThat(srv1.eventsFor(id, ChannelStateChange.class)).isEmpty();
        assertThat(srv1.dialStatuses(id)).containsExactlyInAnyOrder("", dialStatus);
        assertThat(sim.cdr(number)).singleElement().satisfies(r -> {
            assertThat(r.ringingAt()).isNull();
            assertThat(r.cause()).isEqualTo(cause);
            assertThat(r.sipCode()).isEqualTo(sipCode);
        });
    }

    private static ChannelDestroyed awaitDestroyed(String id) {
        await().atMost(BOUND).until(() -> srv1.destroyed(id).isPresent());
        return srv1.destroyed(id).orElseThrow();
    }
}
