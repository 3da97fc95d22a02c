package io.codac.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The scenario's sizes and timeline, from {@code -Dscenario.*} system properties. The defaults make one policy's run
 * about a minute and a half (plus the start of eleven Spring contexts) on two cores.
 *
 * @param policies           the placement policies to run, ours first ({@code scenario.policies}, comma-separated):
 *                           by default route-aware, the naive round-robin baseline (ADR 0009) and round-robin within
 *                           our distribution layer
 * @param runSeconds         the traffic's length; the route degrades at a third of it, the server dies at half
 * @param steadyClients      small clients sending throughout
 * @param steadyRate         requests per second of each small client
 * @param hotBatchAt         when the big client's batch is published, seconds into the run
 * @param hotBatch           the batch's size; it should keep the fleet saturated past the kill
 * @param killedServer       the server that dies
 * @param degradedTrunk      the trunk whose route to the commonest destination operator degrades
 * @param degradedShare      the share of that route's calls that fail in the network
 * @param drainSeconds       after the traffic, the longest wait for the last results
 * @param freeWarmupSeconds  requests in the first seconds of the run do not count for request → dial (JIT warm-up)
 * @param warmupRequests     unmeasured requests before the run, at {@code warmupRate} per second
 * @param warmupRuns         whole unmeasured runs before the measured ones, of the policies in turn: in one JVM,
 *                           whichever run comes first otherwise pays for the JIT, the broker's and the database's
 *                           warm-up ({@code scenario.warmupRuns})
 * @param rounds             measured rounds, each a run of every policy, in alternating order (ours first in odd
 *                           rounds, last in even ones) so neither policy always runs right after the other
 *                           ({@code scenario.rounds}): the table gives each figure's median and range
 * @param ttl                each request's time to live
 * @param seed               the simulator's seed (the same numbers and fates for every policy)
 * @param serviceOverrides   Spring properties for every service of the run, from {@code -Dscenario.set.<property>=v}
 *                           (e.g. {@code -Dscenario.set.spring.kafka.listener.concurrency=3}), to try a setting
 */
record ScenarioSettings(List<String> policies, int runSeconds, int steadyClients, double steadyRate, int hotBatchAt,
                        int hotBatch, String killedServer, String degradedTrunk, double degradedShare,
                        int drainSeconds, int freeWarmupSeconds, int warmupRequests, double warmupRate,
                        int warmupRuns, int rounds, Duration ttl, long seed,
                        Map<String, String> serviceOverrides) {

    private static final String OVERRIDE_PREFIX = "scenario.set.";

    static ScenarioSettings fromSystemProperties() {
        return new ScenarioSettings(
                List.of(System.getProperty("scenario.policies", "route-aware,naive-round-robin,round-robin").split("\\s*,\\s*")),
                Integer.getInteger("scenario.runSeconds", 66),
                Integer.getInteger("scenario.steadyClients", 3),
                Double.parseDouble(System.getProperty("scenario.steadyRate", "3")),
                Integer.getInteger("scenario.hotBatchAt", 15),
                Integer.getInteger("scenario.hotBatch", 3_000),
                System.getProperty("scenario.killedServer", "srv8"),
                System.getProperty("scenario.degradedTrunk", "srv1-t1"),
                Double.parseDouble(System.getProperty("scenario.degradedShare", "0.9")),
                Integer.getInteger("scenario.drainSeconds", 30),
                Integer.getInteger("scenario.freeWarmupSeconds", 3),
                Integer.getInteger("scenario.warmupRequests", 600),
                Double.parseDouble(System.getProperty("scenario.warmupRate", "60")),
                Integer.getInteger("scenario.warmupRuns", 1),
                Integer.getInteger("scenario.rounds", 3),
                Duration.ofSeconds(Integer.getInteger("scenario.ttlSeconds", 120)),
                Long.getLong("scenario.seed", 2026L),
                overrides());
    }

    private static Map<String, String> overrides() {
        var overrides = new TreeMap<String, String>();
        System.getProperties().stringPropertyNames().stream().filter(n -> n.startsWith(OVERRIDE_PREFIX))
                .forEach(n -> overrides.put(n.substring(OVERRIDE_PREFIX.length()), System.getProperty(n)));
        return Map.copyOf(overrides);
    }

    ScenarioSettings {
        if (policies.isEmpty() || rounds < 1 || warmupRuns < 0) {
            throw new IllegalArgumentException("the scenario needs a policy, at least one round and no negative "
                    + "warm-up: " + policies + ", " + rounds + " rounds, " + warmupRuns + " warm-up runs");
        }
    }

    /** The order of the policies' runs in a round (counted from 1): as given in odd rounds, reversed in even ones. */
    List<String> runOrder(int round) {
        return round % 2 == 1 ? policies : policies.reversed();
    }

    Duration degradeAt() {
        return Duration.ofMillis(runSeconds * 1000L / 3);
    }

    Duration killAt() {
        return Duration.ofMillis(runSeconds * 1000L / 2);
    }

    int steadyRequests() {
        return (int) Math.ceil(steadyClients * steadyRate * runSeconds) + steadyClients;
    }

    String describe() {
        return String.format(Locale.ROOT, "%d measured round(s), each a run of every policy, in alternating order; "
                + "before them %d unmeasured warm-up run(s) (the first run in the JVM pays for its warm-up). Each run: ",
                rounds, warmupRuns)
                + String.format(Locale.ROOT, "after %,d unmeasured warm-up requests at %.0f/s, ", warmupRequests,
                warmupRate) + String.format(Locale.ROOT, "%d s of traffic: %d small clients at %.1f req/s each throughout, "
                        + "a batch of %,d from one big client at %d s, route %s × (commonest operator) failing %.0f %% "
                        + "of its calls from %d s, server %s killed at %d s; results awaited up to %d s more",
                runSeconds, steadyClients, steadyRate, hotBatch, hotBatchAt, degradedTrunk, degradedShare * 100,
                degradeAt().toSeconds(), killedServer, killAt().toSeconds(), drainSeconds)
                + (serviceOverrides.isEmpty() ? "" : "; service settings " + serviceOverrides);
    }
}
