package io.codac.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.codac.sim.domain.CallRecord;
import io.codac.sim.domain.NumberFate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Billing against the carrier: two clients verify numbers of several fates through the whole system, and the
 * daily usage reporting serves for each client equals the simulator's CDR for that client's attempts — joined
 * through the attempt ids, which are the channel ids — counted per UTC day and outcome. The outcome of a
 * carrier record is read from the record itself (rang or answered, else its Q.850 cause), not from our
 * classifier, so the two sides are independent.
 */
class UsageMatchesTheCarrierCdrIT {

    private static final Duration BOUND = Duration.ofSeconds(90);

    /** What each client verifies: fates with the number of verifications of each. */
    private static final Map<NumberFate, Integer> SHOP_A = Map.of(NumberFate.RINGS_NO_ANSWER, 3, NumberFate.ANSWERS, 1,
            NumberFate.BUSY, 2, NumberFate.UNALLOCATED, 2, NumberFate.SWITCHED_OFF, 1, NumberFate.NETWORK_FAILURE_ONCE, 2);
    private static final Map<NumberFate, Integer> SHOP_B = Map.of(NumberFate.RINGS_NO_ANSWER, 2, NumberFate.BUSY, 1,
            NumberFate.UNALLOCATED, 3, NumberFate.SWITCHED_OFF, 2, NumberFate.NETWORK_FAILURE_ONCE, 1);

    private static RunningSystem system;

    @BeforeAll
    static void startTheWholeSystem() {
        system = new RunningSystem();
    }

    @AfterAll
    static void stopIt() {
        if (system != null) {
            system.close();
        }
    }

    /** A client of the test: who it is and what it asked to verify. */
    private record Shop(String clientId, String apiKey, List<String> numbers, List<String> verificationIds) {
    }

    @Test
    void eachClientsDailyUsageMatchesTheCarriersRecordsOfItsAttempts() {
        Shop a = shop("usage-shop-a", SHOP_A);
        Shop b = shop("usage-shop-b", SHOP_B);
        for (Shop shop : List.of(a, b)) {
            for (String id : shop.verificationIds()) {
                awaitTerminal(shop, id);
            }
        }

        for (Shop shop : List.of(a, b)) {
            Set<String> attemptIds = attemptIds(shop);
            List<CallRecord> carrierRecords = shop.numbers().stream().flatMap(n -> system.sim.cdr(n).stream()).toList();
            List<CallRecord> ofItsAttempts = carrierRecords.stream()
                    .filter(r -> attemptIds.contains(r.channelId())).toList();
            assertThat(ofItsAttempts).as("every call the carrier saw for %s is one of its attempts", shop.clientId())
                    .hasSameSizeAs(carrierRecords);
            Map<String, Long> expected = byDayAndOutcome(ofItsAttempts);
            assertThat(expected.keySet().stream().map(k -> k.substring(11)).distinct())
                    .as("the traffic covers several outcomes").hasSizeGreaterThanOrEqualTo(3);

            LocalDate from = ofItsAttempts.stream().map(UsageMatchesTheCarrierCdrIT::day).min(LocalDate::compareTo).orElseThrow();
            LocalDate to = ofItsAttempts.stream().map(UsageMatchesTheCarrierCdrIT::day).max(LocalDate::compareTo).orElseThrow();
            await().atMost(BOUND).pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertThat(usage(shop, from, to)).as("usage of %s", shop.clientId())
                            .isEqualTo(expected));
        }
        assertThat(system.sim.stats().overLimitRejections()).as("no call refused for our own excess").isZero();
        assertThat(system.sim.stats().concurrentDoubleDials()).isZero();
    }

    private static Shop shop(String name, Map<NumberFate, Integer> plan) {
        JsonNode client = system.createClient(name);
        var shop = new Shop(client.path("clientId").asText(), client.path("apiKey").asText(), new ArrayList<>(),
                new ArrayList<>());
        plan.forEach((fate, count) -> {
            for (String number : system.sim.numbersWithFate(fate, count)) {
                var accepted = system.postVerification(shop.apiKey(),
                        "{\"phoneNumber\":\"" + number + "\",\"clientRef\":\"usage-" + fate + "\"}");
                assertThat(accepted.status()).as("POST answer %s", accepted.body()).isEqualTo(202);
                shop.numbers().add(number);
                shop.verificationIds().add(accepted.body().path("id").asText());
            }
        });
        return shop;
    }

    private static void awaitTerminal(Shop shop, String id) {
        await().atMost(BOUND).pollInterval(Duration.ofMillis(200)).until(() -> {
            var current = system.getVerification(shop.apiKey(), id);
            return current.status() == 200 && switch (current.body().path("status").asText()) {
                case "VERIFIED", "INVALID", "UNREACHABLE", "EXPIRED", "FAILED" -> true;
                default -> false;
            };
        });
    }

    /** The attempt ids of the shop's verifications, as the API reports them. */
    private static Set<String> attemptIds(Shop shop) {
        var ids = new HashSet<String>();
        for (String id : shop.verificationIds()) {
            system.getVerification(shop.apiKey(), id).body().path("attempts")
                    .forEach(attempt -> ids.add(attempt.path("attemptId").asText()));
        }
        return ids;
    }

    /** Calls per {@code <day> <outcome>}, as reporting's usage API serves them for the shop. */
    private static Map<String, Long> usage(Shop shop, LocalDate from, LocalDate to) {
        var answer = system.getFromReporting("/internal/v1/clients/" + shop.clientId() + "/usage?from=" + from + "&to=" + to);
        assertThat(answer.status()).isEqualTo(200);
        var calls = new TreeMap<String, Long>();
        answer.body().path("days").forEach(day ->
                calls.put(day.path("day").asText() + " " + day.path("outcome").asText(), day.path("billableCalls").asLong()));
        return calls;
    }

    /** Carrier records per {@code <day> <outcome>}. */
    private static Map<String, Long> byDayAndOutcome(List<CallRecord> records) {
        var calls = new TreeMap<String, Long>();
        records.forEach(r -> calls.merge(day(r) + " " + outcome(r), 1L, Long::sum));
        return calls;
    }

    private static LocalDate day(CallRecord record) {
        return LocalDate.ofInstant(record.startedAt(), ZoneOffset.UTC);
    }

    /** The carrier's verdict on one record: the handset rang or answered, else what its cause says. */
    private static String outcome(CallRecord record) {
        if (record.ringingAt() != null || record.answeredAt() != null) {
            return "VERIFIED";
        }
        int cause = record.cause() == null ? -1 : record.cause();
        return switch (cause) {
            case 17 -> "VERIFIED"; // busy: the line is in service
            case 1 -> "INVALID";
            case 20 -> "UNREACHABLE";
            case 41 -> "ROUTE_FAILURE";
            default -> "cause " + cause;
        };
    }
}
