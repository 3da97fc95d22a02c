package io.codac.scenario;

import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.Trunk;
import io.codac.scenario.report.ScenarioTable.Better;
import io.codac.scenario.report.ScenarioTable.Row;
import io.codac.scenario.report.ScenarioTable.Target;
import io.codac.scenario.report.ScenarioTable;
import io.codac.testsupport.BenchmarksSection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The placement scenario of issue 5: the same scenario for our placement policy, for the naive round-robin baseline
 * (ADR 0009) and for round-robin inside our distribution layer, one after the other in one JVM, on the embedded real infrastructure, the simulated fleet, ten real dialer adapters and
 * the real scheduler ({@code codac.scheduler.placement-policy}). Ten servers with uneven trunks; three small
 * clients' steady traffic throughout and one big client's batch in the middle that saturates the fleet; at a third
 * of the run one route (a trunk × the commonest destination operator) starts failing most of its calls; at half
 * the run one server dies with its adapter.
 *
 * <p>Run it with {@value #COMMAND}; it prints the table and writes it, with the command, the date and the machine,
 * into {@code docs/benchmarks.md} (system property {@code codac.benchmarks.file}), replacing only its own section.
 */
public final class PlacementScenario {

    static final String COMMAND = "./mvnw -B -Pbenchmark verify -pl libs/scenario";
    /** Its section of docs/benchmarks.md. */
    static final BenchmarksSection SECTION = new BenchmarksSection(
            "<!-- placement scenario: written by PlacementScenario -->", "<!-- end of placement scenario -->");
    private static final Logger log = LoggerFactory.getLogger(PlacementScenario.class);

    public static void main(String[] args) throws Exception {
        runAndReport();
    }

    /** @return every measured run's figures, round by round, each round in the order of {@code scenario.policies} */
    static List<List<PolicyFigures>> runAndReport() throws Exception {
        ScenarioSettings settings = ScenarioSettings.fromSystemProperties();
        String loadBefore = uptime();
        for (int run = 1; run <= settings.warmupRuns(); run++) {
            String policy = settings.policies().get((run - 1) % settings.policies().size());
            log.info("placement scenario: unmeasured warm-up run {} ({})", run, policy);
            new PolicyRun(policy, settings).run();
        }
        var rounds = new ArrayList<List<PolicyFigures>>();
        for (int round = 1; round <= settings.rounds(); round++) {
            var figures = new LinkedHashMap<String, PolicyFigures>();
            for (String policy : settings.runOrder(round)) {
                log.info("placement scenario: round {} of {}, policy {}", round, settings.rounds(), policy);
                PolicyFigures measured = new PolicyRun(policy, settings).run();
                log.info("placement scenario: round {}, {} → {}", round, policy, measured);
                figures.put(policy, measured);
            }
            rounds.add(settings.policies().stream().map(figures::get).toList());
        }
        String markdown = markdown(settings, rounds, loadBefore, uptime());
        System.out.println(markdown);
        String file = System.getProperty("codac.benchmarks.file");
        if (file != null && !file.isBlank()) {
            SECTION.writeInto(Path.of(file), markdown);
            System.out.println("written to " + file);
        }
        return rounds;
    }

    static ScenarioTable table(List<List<PolicyFigures>> rounds) {
        var table = new ScenarioTable(rounds.getFirst().stream().map(PolicyFigures::policy).toList());
        Target zero = new Target("0", v -> v == 0);
        table.add(row(rounds, "verifications completed per second, saturated", Better.HIGHER, null, "%.1f",
                PolicyFigures::completedPerSecond));
        table.add(row(rounds, "calls the carriers admitted per second, saturated", Better.HIGHER, null, "%.1f",
                PolicyFigures::callsPerSecond));
        table.add(row(rounds, "trunk use against contract, saturated", Better.HIGHER,
                new Target("≥ 95 %", v -> v >= 95), "%.1f %%", PolicyFigures::trunkUsePercent));
        // what the scheduler asked for: more is not better (the naive baseline asks for more than the trunks take)
        table.add(row(rounds, "dial commands sent against contract, saturated (what the scheduler asked for)",
                Better.NEITHER, null, "%.1f %%", PolicyFigures::commandUsePercent));
        table.add(row(rounds, "carrier over-limit rejections", Better.LOWER, zero, "%,.0f", f -> f.overLimit()));
        table.add(row(rounds, "double dials (concurrent + redials after alerting, sim counters)", Better.LOWER, zero,
                "%,.0f", f -> f.doubleDials()));
        table.add(row(rounds, "calls placed on the degraded route after it degraded", Better.LOWER, null, "%,.0f",
                f -> f.callsOnDegradedRoute()));
        table.add(row(rounds, "calls failed by the degraded route (sim fault counter)", Better.LOWER, null, "%,.0f",
                f -> f.routeFaultFailures()));
        table.add(row(rounds, "time to result p50 (every request; one without a result counts as never)", Better.LOWER, null, "%,.0f ms",
                PolicyFigures::resultP50Ms));
        table.add(row(rounds, "time to result p99 (every request; one without a result counts as never)", Better.LOWER, null, "%,.0f ms",
                PolicyFigures::resultP99Ms));
        table.add(row(rounds, "kill → the dead server's last un-started attempt placed elsewhere", Better.LOWER,
                new Target("< 2 s", v -> v < 2), "%.2f s", PolicyFigures::failoverSeconds));
        table.add(row(rounds, "the dead server's un-started attempts moved", Better.NEITHER, null, "%,.0f",
                f -> f.failoverMoved()));
        table.add(row(rounds, "the dead server's un-started attempts never moved", Better.LOWER, zero, "%,.0f",
                f -> f.failoverStranded()));
        table.add(row(rounds, "calls up on the dead server at the kill (in doubt: never re-dialed in their window)",
                Better.NEITHER, null, "%,.0f", f -> f.failoverInDoubt()));
        // set by the liveness settings every column shares (suspect after 1 s): a check, not a comparison
        table.add(row(rounds, "kill → the last dial command still sent to the dead server", Better.NEITHER, null,
                "%.2f s", PolicyFigures::lastCommandToDeadServerSeconds));
        table.add(row(rounds, "small clients' p99 time to result during the hot batch", Better.LOWER, null,
                "%,.0f ms", PolicyFigures::smallResultP99Ms));
        table.add(row(rounds, "small clients' p99 request → first dial command during the hot batch", Better.LOWER,
                null, "%,.0f ms", PolicyFigures::smallDialP99Ms));
        table.add(row(rounds, "request → dial command p99 while capacity is free", Better.LOWER,
                new Target("< 50 ms", v -> v < 50), "%,.1f ms", PolicyFigures::freeDialP99Ms));
        table.add(row(rounds, "requests without a result at the end (in doubt on the dead server not counted)",
                Better.LOWER, zero, "%,.0f", f -> f.requests() - f.completed() - f.inDoubtAtEnd()));
        table.add(row(rounds, "requests in doubt at the end (a call up on the dead server, its window not over)",
                Better.NEITHER, null, "%,.0f", f -> f.inDoubtAtEnd()));
        table.add(row(rounds, "call attempts offered to the carriers", Better.NEITHER, null, "%,.0f",
                f -> f.attempts()));
        table.add(row(rounds, "saturated window", Better.NEITHER, null, "%.1f s", PolicyFigures::saturatedSeconds));
        return table;
    }

    private static Row row(List<List<PolicyFigures>> rounds, String name, Better better, Target target, String format,
                           ToDoubleFunction<PolicyFigures> value) {
        return new Row(name, better, target, format,
                rounds.stream().map(round -> round.stream().mapToDouble(value).boxed().toList()).toList());
    }

    static String markdown(ScenarioSettings settings, List<List<PolicyFigures>> rounds, String loadBefore,
                           String loadAfter) {
        Fleet fleet = ScenarioFleet.build();
        int contracted = fleet.trunks().stream().mapToInt(Trunk::cps).sum();
        var md = new StringBuilder();
        md.append("## Placement scenario (issue 5), ").append(LocalDate.now()).append("\n\n");
        md.append("`").append(COMMAND).append("` (`io.codac.scenario.PlacementScenario`), on ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores; machine load before `")
                .append(loadBefore).append("`, after `").append(loadAfter).append("`; ")
                .append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.version"))
                .append(", ").append(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                        .filter(a -> a.startsWith("-Xm")).toList()).append(".\n\n");
        md.append("One JVM, embedded Kafka, MariaDB and Redis; per policy a fresh namespace and schema, the simulator ")
                .append("(test timings: 20-40 ms post-dial delay, the default population of fates) with ")
                .append(fleet.servers().size()).append(" servers and ").append(fleet.trunks().size())
                .append(" uneven trunks (2-4 per server, ").append(fleet.trunks().stream().mapToInt(Trunk::cps).min().orElse(0))
                .append('-').append(fleet.trunks().stream().mapToInt(Trunk::cps).max().orElse(0)).append(" CPS, ")
                .append(contracted)
                .append(" CPS contracted in all), one dialer adapter per server and one scheduler with ")
                .append("`codac.scheduler.placement-policy` set to the column's policy, each in its own Spring context. ")
                .append("The columns: `route-aware`, ours; `naive-round-robin`, the round-robin baseline the issue ")
                .append("measures us against (ADR 0009: the next live server's trunk in turn, blind to its use, to ")
                .append("route health and to the trunks a number failed on; no shared capacity, no failover; the ")
                .append("adapters hand back what their trunks cannot take); `round-robin`, round-robin trunk choice ")
                .append("inside our distribution layer (headroom, shared capacity, fair line, failover), which tells ")
                .append("what the policy itself adds. ")
                .append("Requests go straight to the requests topic. ").append(settings.describe()).append(".\n\n");
        md.append(table(rounds).markdown()).append('\n');
        md.append(perTrunk(fleet, rounds)).append('\n');
        double busiest = Math.max(loadAverage(loadBefore), loadAverage(loadAfter));
        int cores = Runtime.getRuntime().availableProcessors();
        if (busiest > cores) {
            md.append(String.format(Locale.ROOT, "The machine was shared with other work during the run "
                    + "(1-minute load up to %.2f on %d cores): latencies and rates vary from run to run; compare the "
                    + "columns (each cell: the median of the rounds, with their range), and re-run the command on a quiet "
                    + "machine for figures that count.%n%n",
                    busiest, cores));
        }
        md.append("How each figure is taken: the saturated window runs from 2 s after the hot batch is published to ")
                .append("the first carrier call of its last request to get one (sim call records: until then some of ")
                .append("the batch was waiting, in the scheduler or in an adapter); throughput counts ")
                .append("results in that window; trunk use is the calls the carriers admitted in it (sim call ")
                .append("records, over-limit refusals excluded) against each live trunk's CPS × its live seconds ")
                .append("(the dead server's trunks stop counting at the kill); time to result is `completedAt − ")
                .append("requestedAt` of the results, a request without one counting as longer than any (\"never\" ")
                .append("when a percentile falls on one); request → dial is the first dial command's `occurredAt` − the ")
                .append("request's (while free: the small clients' requests from the warm-up seconds to 1 s before the ")
                .append("hot batch); the failover time runs from the kill to the first command on another server of ")
                .append("every verification whose current attempt was on the dead server and had not become a call ")
                .append("there (sim call records by channel id = attempt id); over-limit and double dials are the ")
                .append("simulator's counters for the whole run, warm-up included.\n");
        return md.toString();
    }

    /**
     * Each trunk's use of its contract in the saturated window, per policy (the median over the rounds): where the
     * fleet's rate was left unused.
     */
    private static String perTrunk(Fleet fleet, List<List<PolicyFigures>> rounds) {
        List<String> policies = rounds.getFirst().stream().map(PolicyFigures::policy).toList();
        var md = new StringBuilder("<details><summary>Trunk use per trunk, saturated window")
                .append(rounds.size() > 1 ? " (median of the rounds)" : "").append("</summary>\n\n| trunk | CPS |");
        policies.forEach(p -> md.append(' ').append(p).append(" |"));
        md.append("\n|---|---:|");
        policies.forEach(p -> md.append("---:|"));
        md.append('\n');
        for (Trunk trunk : fleet.trunks()) {
            md.append("| ").append(trunk.id()).append(" | ").append(trunk.cps()).append(" |");
            Row use = new Row(trunk.id(), Better.HIGHER, null, "%.0f %%", rounds.stream()
                    .map(round -> round.stream().mapToDouble(f -> f.trunkUsePercentById()
                            .getOrDefault(trunk.id(), Double.NaN)).boxed().toList()).toList());
            for (int policy = 0; policy < policies.size(); policy++) {
                double median = use.median(policy);
                md.append(' ').append(Double.isNaN(median) ? "n/a"
                        : String.format(Locale.ROOT, "%.0f %%", median)).append(" |");
            }
            md.append('\n');
        }
        return md.append("\n</details>\n").toString();
    }

    /** The 1-minute load average in an {@code uptime} line ("load average: 1.23, ..."), or 0 if none is found. */
    static double loadAverage(String uptime) {
        var m = java.util.regex.Pattern.compile("load ?averages?:?\\s*([0-9]+[.,][0-9]+)|loadavg ([0-9.]+)")
                .matcher(uptime);
        if (!m.find()) {
            return 0;
        }
        String value = m.group(1) != null ? m.group(1) : m.group(2);
        return Double.parseDouble(value.replace(',', '.'));
    }

    /** {@code uptime}'s output (load averages over 1, 5 and 15 minutes), or /proc/loadavg where it is missing. */
    static String uptime() {
        try {
            Process p = new ProcessBuilder("uptime").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor() == 0 && !out.isEmpty()) {
                return out.replaceFirst("^.*load", "load");
            }
        } catch (IOException | InterruptedException e) {
            // fall through to /proc
        }
        try {
            return "loadavg " + Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "load unknown";
        }
    }
}
