package io.codac.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codac.contracts.domain.AriEndpoint;
import io.codac.contracts.domain.Fleet;
import io.codac.sim.domain.CallTiming;
import io.codac.sim.domain.RingingSignal;
import io.codac.sim.domain.SimSettings;
import io.codac.sim.population.IndianMobileNumbers;
import io.codac.testsupport.TestFleets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The simulator as a process: fleet from the fleet file, ARI on the fleet's ports, admin API on server.port. */
class TelephonySimApplicationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    // HTTP/1.1 (no h2c upgrade attempt) and bounded waits: a lost answer fails the test instead of hanging the build.
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static Fleet fleet;
    private static ConfigurableApplicationContext app;
    private static String admin;

    @BeforeAll
    static void start() {
        fleet = TestFleets.fleet(2, 1, 10, 10);
        // as command-line arguments: properties given to SpringApplicationBuilder.properties(...) are only
        // defaults, which application.yml overrides
        Map<String, String> properties = Map.of(
                "codac.fleet-file", TestFleets.write(fleet).toString(),
                "server.port", "0",
                "codac.sim.seed", "7",
                "codac.sim.timing", "fast",
                "codac.sim.speed-factor", "2",
                "codac.sim.shares.announcement-switched-off", "0.1",
                "codac.sim.ringing-signals.jio", "early-media-only",
                "codac.sim.ringing-signals[Reliance Jio]", "early-media-then-ringing");
        app = new SpringApplicationBuilder(TelephonySimApplication.class)
                .run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
        admin = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void healthIsUp() throws Exception {
        assertThat(get(admin + "/actuator/health").get("status").asText()).isEqualTo("UP");
    }

    @Test
    void theSettingsComeFromTheCodacSimProperties() throws Exception {
        SimSettings settings = app.getBean(SimulatedFleet.class).settings();

        assertThat(settings.seed()).isEqualTo(7);
        assertThat(settings.speedFactor()).isEqualTo(2.0);
        assertThat(settings.timing()).isEqualTo(CallTiming.fast());
        assertThat(settings.ringingSignal("t9", "jio", "")).isEqualTo(RingingSignal.EARLY_MEDIA_ONLY);
        assertThat(settings.ringingSignal("t9", "vi", "Reliance Jio")).isEqualTo(RingingSignal.EARLY_MEDIA_THEN_RINGING);
        assertThat(texts(get(admin + "/sim/numbers?fate=announcement-switched-off&count=2"))).hasSize(2);
    }

    @Test
    void numbersOfAFateAreValidMobilesWithThatFateAndNeverHandedOutTwice() throws Exception {
        List<String> first = texts(get(admin + "/sim/numbers?fate=unallocated&count=3"));
        List<String> second = texts(get(admin + "/sim/numbers?fate=UNALLOCATED&count=3"));

        assertThat(first).hasSize(3).doesNotContainAnyElementsOf(second);
        for (String number : first) {
            assertThat(IndianMobileNumbers.isValidMobile(number)).as(number).isTrue();
            JsonNode fate = get(admin + "/sim/fate?number=" + URLEncoder.encode(number, StandardCharsets.UTF_8));
            assertThat(fate.get("fate").asText()).isEqualTo("UNALLOCATED");
        }
        assertThat(send(HttpRequest.newBuilder(URI.create(admin + "/sim/numbers?fate=nonsense")).build()).statusCode())
                .isEqualTo(400);
    }

    @Test
    void aCallPlacedOverPlainAriHttpShowsInTheStatsAndTheCallRecords() throws Exception {
        String number = texts(get(admin + "/sim/numbers?fate=busy&count=1")).getFirst();
        AriEndpoint ari = fleet.servers().getFirst().ari();
        String trunk = fleet.servers().getFirst().trunks().getFirst().id();
        String credentials = Base64.getEncoder().encodeToString((ari.username() + ":" + ari.password()).getBytes());

        HttpResponse<String> originated = send(HttpRequest.newBuilder(URI.create(ari.url() + "/ari/channels/att-1?endpoint="
                        + URLEncoder.encode("PJSIP/" + number + "@" + trunk, StandardCharsets.UTF_8) + "&app=codac"))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"variables\":{\"CODAC_ATTEMPT\":\"att-1\"}}")).build());
        assertThat(originated.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(originated.body()).get("id").asText()).isEqualTo("att-1");

        String cdrUrl = admin + "/sim/cdr?number=" + URLEncoder.encode(number, StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(10)).until(() -> get(cdrUrl).path(0).has("endedAt"));
        JsonNode record = get(cdrUrl).get(0);
        assertThat(record.get("channelId").asText()).isEqualTo("att-1");
        assertThat(record.get("trunk").asText()).isEqualTo(trunk);
        assertThat(record.get("server").asText()).isEqualTo(fleet.servers().getFirst().id());
        assertThat(record.get("cause").asInt()).isEqualTo(17);
        assertThat(record.has("startedAt")).isTrue();

        JsonNode stats = get(admin + "/sim/stats");
        assertThat(stats.get("attempts").asLong()).isGreaterThanOrEqualTo(1);
        for (String field : List.of("overLimitRejections", "concurrentDoubleDials", "redialsAfterAlerting")) {
            assertThat(stats.has(field)).as(field).isTrue();
        }
        assertThat(stats.get("trunks")).hasSize(2);
        JsonNode firstTrunk = stats.get("trunks").get(0);
        for (String field : List.of("id", "attempts", "overLimitRejections", "peakChannels", "maxChannels")) {
            assertThat(firstTrunk.has(field)).as(field).isTrue();
        }
    }

    @Test
    void anInboundCallPlacedOverTheAdminApiHasACallRecordFilterableByTrunkAndTime() throws Exception {
        String did = fleet.servers().get(1).dids().getFirst();
        String since = Instant.now().minusSeconds(1).toString();

        JsonNode placed = post("/sim/inbound", "{\"from\": \"+919812340000\", \"did\": \"" + did + "\"}", 200);

        assertThat(placed.get("server").asText()).isEqualTo("srv2");
        assertThat(placed.get("delivered").asBoolean()).as("no application is connected").isFalse();
        String trunk = placed.get("trunk").asText();
        JsonNode records = get(admin + "/sim/cdr?trunk=" + trunk + "&since=" + since);
        assertThat(records).anySatisfy(r -> {
            assertThat(r.get("channelId").asText()).isEqualTo(placed.get("channelId").asText());
            assertThat(r.get("direction").asText()).isEqualTo("INBOUND");
            assertThat(r.get("did").asText()).isEqualTo(did);
            assertThat(r.get("cause").asInt()).isEqualTo(17);
        });
        assertThat(get(admin + "/sim/cdr?trunk=" + trunk + "&until=" + since)).isEmpty();
        assertThat(get(admin + "/sim/stats").get("inboundCalls").asLong()).isGreaterThanOrEqualTo(1);
        post("/sim/inbound", "{\"from\": \"+919812340000\", \"did\": \"+911111111111\"}", 400);
        assertThat(send(HttpRequest.newBuilder(URI.create(admin + "/sim/cdr?since=yesterday")).build()).statusCode())
                .isEqualTo(400);
    }

    @Test
    void faultsAreSwitchedOnListedAndClearedOverTheAdminApi() throws Exception {
        String trunk = fleet.servers().getFirst().trunks().getFirst().id();

        post("/sim/faults/routes", "{\"trunk\": \"" + trunk + "\", \"operator\": \"Airtel\", \"probability\": 0.5, "
                + "\"causes\": [34]}", 200);
        post("/sim/faults/flaps", "{\"trunk\": \"" + trunk + "\", \"downFor\": \"PT2S\", \"upFor\": 3}", 200);
        JsonNode active = post("/sim/faults/latency", "{\"multiplier\": 4}", 200);

        assertThat(active.get("routes")).singleElement().satisfies(r -> {
            assertThat(r.get("operator").asText()).isEqualTo("Airtel");
            assertThat(r.get("causes").get(0).asInt()).isEqualTo(34);
        });
        assertThat(active.get("flaps").get(0).get("downFor").asText()).isEqualTo("PT2S");
        assertThat(active.get("flaps").get(0).get("upFor").asText()).isEqualTo("PT3S");
        assertThat(active.get("latency").get(0).get("trunk").asText()).isEqualTo("*");
        assertThat(get(admin + "/sim/faults")).isEqualTo(active);

        assertThat(delete("/sim/faults/routes?trunk=" + trunk + "&operator=airtel").get("routes")).isEmpty();
        post("/sim/faults/routes", "{\"trunk\": \"nowhere\", \"probability\": 1}", 400);
        post("/sim/faults/routes", "{\"trunk\": \"" + trunk + "\", \"probability\": 2}", 400);
        post("/sim/faults/latency", "{}", 400);
        assertThat(post("/sim/faults/socket-drops", "{}", 200).get("dropped").asInt()).isZero();

        JsonNode cleared = delete("/sim/faults");
        for (String kind : List.of("routes", "flaps", "latency", "deadServers")) {
            assertThat(cleared.get(kind)).as(kind).isEmpty();
        }
        assertThat(get(admin + "/sim/violations")).isEmpty();
    }

    @Test
    void aServerKilledOverTheAdminApiStopsAnsweringUntilItIsRestarted() throws Exception {
        AriEndpoint ari = fleet.servers().get(1).ari();
        String info = ari.url() + "/ari/asterisk/info";

        JsonNode killed = post("/sim/servers/srv2/kill", "", 200);

        assertThat(killed.get("vanishedChannels")).isEmpty();
        assertThatThrownBy(() -> send(HttpRequest.newBuilder(URI.create(info)).build())).isInstanceOf(IOException.class);
        assertThat(get(admin + "/sim/servers")).anySatisfy(s -> {
            assertThat(s.get("id").asText()).isEqualTo("srv2");
            assertThat(s.get("running").asBoolean()).isFalse();
        });
        assertThat(get(admin + "/sim/faults").get("deadServers")).extracting(JsonNode::asText).containsExactly("srv2");

        post("/sim/servers/srv2/restart", "", 200);

        String credentials = Base64.getEncoder().encodeToString((ari.username() + ":" + ari.password()).getBytes());
        assertThat(send(HttpRequest.newBuilder(URI.create(info)).header("Authorization", "Basic " + credentials).build())
                .statusCode()).isEqualTo(200);
        post("/sim/servers/nowhere/kill", "", 400);
    }

    private static JsonNode post(String path, String json, int expectedStatus) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(admin + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(expectedStatus);
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    private static JsonNode delete(String path) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(admin + path)).DELETE().build());
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url)).build());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(request, (name, value) -> true).timeout(Duration.ofSeconds(15)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> texts(JsonNode array) {
        var list = new ArrayList<String>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }
}
