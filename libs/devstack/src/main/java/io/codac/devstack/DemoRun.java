package io.codac.devstack;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code ./codac demo}: brings the stack up, asks the simulator for numbers whose fate it knows
 * (verifiable, unallocated, switched off...), submits them through the public API, follows them with
 * {@code GET} until each has a terminal status, and summarizes what the responses said. Every figure
 * printed comes from a real response; the simulator is asked only which outcome to expect.
 */
final class DemoRun {

    /** The simulator's fates, the share of the sample each gets, and the status CODAC should report. */
    enum Fate {
        RINGS_NO_ANSWER(8, "VERIFIED"),
        ANSWERS(2, "VERIFIED"),
        BUSY(2, "VERIFIED"),
        NETWORK_FAILURE_ONCE(2, "VERIFIED"),
        UNALLOCATED(3, "INVALID"),
        SWITCHED_OFF(3, "UNREACHABLE");

        final int weight;
        final String expected;

        Fate(int weight, String expected) {
            this.weight = weight;
            this.expected = expected;
        }
    }

    private record Submitted(String id, String number, Fate fate, long sentAtNanos) {
    }

    private static final long TIMEOUT_NANOS = 120_000_000_000L;

    private final StackLayout layout;
    private final GatewayClient gateway = new GatewayClient();

    DemoRun(StackLayout layout) {
        this.layout = layout;
    }

    int run(String[] args) throws Exception {
        int count = args.length >= 2 && "--count".equals(args[0]) ? Integer.parseInt(args[1]) : 20;
        int up = new LocalStack(layout).up();
        if (up != 0) {
            return up;
        }
        String apiKey = gateway.json().readTree(layout.stackFile().toFile()).path("apiKey").asText();
        List<Submitted> submitted = submit(apiKey, sample(count));
        System.out.println();
        Map<Submitted, JsonNode> finals = follow(apiKey, submitted);
        summarize(submitted, finals);
        printCarrierLedger();
        return 0;
    }

    private Map<String, Fate> sample(int count) throws Exception {
        int totalWeight = 0;
        for (Fate fate : Fate.values()) {
            totalWeight += fate.weight;
        }
        var numbers = new LinkedHashMap<String, Fate>();
        for (Fate fate : Fate.values()) {
            int wanted = Math.max(1, Math.round((float) count * fate.weight / totalWeight));
            var response = gateway.get(layout.simAdminUrl() + "/sim/numbers?fate=" + fate + "&count=" + (wanted * 20), null);
            if (response.status() != 200 || !response.body().isArray()) {
                throw new IllegalStateException("the simulator did not list numbers for " + fate + ": HTTP " + response.status());
            }
            var candidates = new ArrayList<String>();
            response.body().forEach(n -> candidates.add(n.isTextual() ? n.asText() : n.path("number").asText()));
            Collections.shuffle(candidates);
            candidates.stream().limit(wanted).forEach(n -> numbers.put(n, fate));
        }
        return numbers;
    }

    private List<Submitted> submit(String apiKey, Map<String, Fate> numbers) throws Exception {
        var submitted = new ArrayList<Submitted>();
        int order = 0;
        for (var entry : numbers.entrySet()) {
            long sent = System.nanoTime();
            var response = gateway.post(layout.gatewayUrl() + "/v1/verifications", apiKey, Map.of(
                    "phoneNumber", entry.getKey(), "method", "FLASH_CALL", "clientRef", "demo-order-" + (++order)));
            if (response.status() != 202) {
                System.out.println("  " + mask(entry.getKey()) + " refused: HTTP " + response.status() + " "
                        + response.body().path("code").asText(""));
                continue;
            }
            submitted.add(new Submitted(response.body().path("id").asText(), entry.getKey(), entry.getValue(), sent));
        }
        System.out.println("submitted " + submitted.size() + " verifications to " + layout.gatewayUrl());
        return submitted;
    }

    private Map<Submitted, JsonNode> follow(String apiKey, List<Submitted> submitted) throws Exception {
        var latest = new LinkedHashMap<Submitted, JsonNode>();
        var doneAt = new LinkedHashMap<Submitted, Long>();
        long start = System.nanoTime();
        long lastPrint = 0;
        String lastLine = "";
        boolean interactive = System.console() != null;
        while (doneAt.size() < submitted.size() && System.nanoTime() - start < TIMEOUT_NANOS) {
            for (Submitted s : submitted) {
                if (doneAt.containsKey(s)) {
                    continue;
                }
                var response = gateway.get(layout.gatewayUrl() + "/v1/verifications/" + s.id(), apiKey);
                if (response.status() == 200) {
                    latest.put(s, response.body());
                    if (isTerminal(response.body().path("status").asText())) {
                        doneAt.put(s, System.nanoTime());
                    }
                }
            }
            String line = progress(latest);
            if (interactive && (System.nanoTime() - lastPrint > 1_000_000_000L || doneAt.size() == submitted.size())) {
                lastPrint = System.nanoTime();
                System.out.print("\r" + line + "   ");
            } else if (!interactive && !line.equals(lastLine)) {
                System.out.println(line);
            }
            lastLine = line;
            Thread.sleep(100);
        }
        System.out.println();
        latest.replaceAll((s, body) -> body.deepCopy());
        doneAt.forEach((s, at) -> ((com.fasterxml.jackson.databind.node.ObjectNode) latest.get(s))
                .put("_observedMillis", (at - s.sentAtNanos()) / 1_000_000));
        return latest;
    }

    private void summarize(List<Submitted> submitted, Map<Submitted, JsonNode> finals) {
        var byStatus = new TreeMap<String, Integer>();
        var latencies = new ArrayList<Long>();
        int matching = 0;
        var mismatches = new ArrayList<String>();
        for (Submitted s : submitted) {
            JsonNode body = finals.get(s);
            String status = body == null ? "NO_ANSWER" : body.path("status").asText();
            byStatus.merge(status, 1, Integer::sum);
            if (body != null && body.has("_observedMillis")) {
                latencies.add(body.get("_observedMillis").asLong());
            }
            if (status.equals(s.fate().expected)) {
                matching++;
            } else {
                mismatches.add(mask(s.number()) + " (" + s.fate() + "): expected " + s.fate().expected + ", got " + status);
            }
        }
        Collections.sort(latencies);
        System.out.println();
        System.out.println("summary of " + submitted.size() + " verifications (from the gateway's own responses):");
        byStatus.forEach((status, n) -> System.out.printf("  %-12s %4d%n", status, n));
        if (!latencies.isEmpty()) {
            System.out.printf("  request → terminal status seen by GET: p50 %d ms, p99 %d ms (n=%d)%n",
                    percentile(latencies, 50), percentile(latencies, 99), latencies.size());
        }
        System.out.printf("  outcomes matching the simulator's fate for the number: %d/%d%n", matching, submitted.size());
        mismatches.forEach(m -> System.out.println("    " + m));
    }

    /** The simulator is the carrier's side of the ledger: it, not CODAC, says whether anyone was dialed twice. */
    private void printCarrierLedger() throws Exception {
        var response = gateway.get(layout.simAdminUrl() + "/sim/stats", null);
        if (response.status() != 200) {
            System.out.println("  (the simulator's stats are unavailable: HTTP " + response.status() + ")");
            return;
        }
        JsonNode stats = response.body();
        System.out.printf("  the carrier's ledger since the simulator started: %d call attempts, %d over-limit rejections,"
                        + " %d concurrent double dials, %d redials after alerting%n",
                stats.path("attempts").asLong(), stats.path("overLimitRejections").asLong(),
                stats.path("concurrentDoubleDials").asLong(), stats.path("redialsAfterAlerting").asLong());
    }

    private static String progress(Map<Submitted, JsonNode> latest) {
        var counts = new EnumMap<Status, Integer>(Status.class);
        latest.values().forEach(body -> counts.merge(Status.of(body.path("status").asText()), 1, Integer::sum));
        var parts = new ArrayList<String>();
        counts.forEach((status, n) -> parts.add(status + " " + n));
        return "progress: " + String.join(" · ", parts);
    }

    private enum Status {
        PENDING, IN_PROGRESS, VERIFIED, INVALID, UNREACHABLE, EXPIRED, FAILED, OTHER;

        static Status of(String text) {
            try {
                return valueOf(text);
            } catch (IllegalArgumentException e) {
                return OTHER;
            }
        }
    }

    private static boolean isTerminal(String status) {
        return switch (status) {
            case "VERIFIED", "INVALID", "UNREACHABLE", "EXPIRED", "FAILED" -> true;
            default -> false;
        };
    }

    static long percentile(List<Long> sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static String mask(String number) {
        return io.codac.contracts.domain.PhoneNumberMask.mask(number);
    }
}
