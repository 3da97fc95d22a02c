package io.codac.sim.bench;

import io.codac.contracts.domain.AriEndpoint;
import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.TelephonyServer;
import io.codac.contracts.domain.Trunk;
import io.codac.sim.SimulatedFleet;
import io.codac.sim.domain.SimSettings;
import io.codac.sim.domain.SimStats;
import io.codac.testsupport.BenchmarksSection;
import io.codac.testsupport.FreePorts;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How many call attempts per second one simulator process serves: a ten-server fleet (two trunks each, contracts
 * far above the load so the carrier refuses nothing) on loopback, driven by {@link AriLoadDriver} over real HTTP and
 * WebSocket, flash-call style, with the test timings (20-40 ms post-dial delay). Bounded: a warm-up, then a
 * measured window that ends after {@code maxSeconds} or {@code maxAttempts}, whichever comes first; then it drains
 * and stops by itself. The driver runs in the same JVM and shares the two cores, so the figure is a lower bound for
 * the simulator alone.
 *
 * <p>Run it with {@value #COMMAND} (the {@code benchmark} profile of this module); it prints the figures and
 * writes them, with the command and the machine's load, into {@code docs/benchmarks.md} (system property
 * {@code codac.benchmarks.file}), replacing only its own section.
 */
public final class CapacityBenchmark {

    /** Its section of docs/benchmarks.md. */
    static final BenchmarksSection SECTION = new BenchmarksSection(
            "<!-- telephony-sim capacity: written by CapacityBenchmark -->", "<!-- end of telephony-sim capacity -->");


    static final String COMMAND = "./mvnw -B -Pbenchmark verify -pl services/telephony-sim";
    static final int TARGET_ATTEMPTS_PER_SECOND = 2_000;

    private final int servers = Integer.getInteger("bench.servers", 10);
    private final int concurrency = Integer.getInteger("bench.concurrency", 300);
    private final int warmupSeconds = Integer.getInteger("bench.warmupSeconds", 10);
    private final int maxSeconds = Integer.getInteger("bench.maxSeconds", 20);
    private final int maxAttempts = Integer.getInteger("bench.maxAttempts", 200_000);

    public static void main(String[] args) throws Exception {
        runAndReport();
    }

    /** Runs the benchmark, prints its section, and writes it into the file named by {@code codac.benchmarks.file}. */
    static Result runAndReport() throws Exception {
        Result result = new CapacityBenchmark().run();
        String markdown = result.markdown();
        System.out.println(markdown);
        String file = System.getProperty("codac.benchmarks.file");
        if (file != null && !file.isBlank()) {
            SECTION.writeInto(Path.of(file), markdown);
            System.out.println("written to " + file);
        }
        return result;
    }

    Result run() throws Exception {
        String loadBefore = uptime();
        Fleet fleet = fleet();
        SimSettings settings = SimSettings.fast().withSeed(2026).withCdrCapacity(50_000);
        try (SimulatedFleet sim = SimulatedFleet.start(fleet, settings);
             AriLoadDriver driver = new AriLoadDriver(fleet.servers())) {
            driver.connect();
            driver.start(concurrency);
            sleepSeconds(warmupSeconds);

            var latency = new LatencyRecorder(maxAttempts + concurrency);
            driver.recordLatencyInto(latency);
            Snapshot start = Snapshot.of(sim, driver);
            long deadline = start.nanos + Duration.ofSeconds(maxSeconds).toNanos();
            Snapshot end;
            do {
                Thread.sleep(100);
                end = Snapshot.of(sim, driver);
            } while (end.nanos < deadline && end.attempts - start.attempts < maxAttempts);
            driver.recordLatencyInto(null);

            driver.stop();
            long drainDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (driver.inFlight() > 0 && System.nanoTime() < drainDeadline) {
                Thread.sleep(50);
            }
            SimStats stats = sim.stats();
            return new Result(fleet, concurrency, warmupSeconds, start, end, latency, stats, driver.httpErrors.get(),
                    driver.inFlight(), loadBefore, uptime());
        }
    }

    private Fleet fleet() {
        var list = new ArrayList<TelephonyServer>();
        int partition = 0;
        for (int s = 1; s <= servers; s++) {
            var trunks = List.of(new Trunk("srv" + s + "-t1", "airtel", partition++, 1_000, 2_000),
                    new Trunk("srv" + s + "-t2", "jio", partition++, 1_000, 2_000));
            list.add(new TelephonyServer("srv" + s, new AriEndpoint("http://127.0.0.1:" + FreePorts.next(), "codac",
                    "codac", "codac"), trunks, List.of()));
        }
        return new Fleet(list);
    }

    private static void sleepSeconds(int seconds) throws InterruptedException {
        Thread.sleep(Duration.ofSeconds(seconds));
    }

    /** {@code uptime}'s output (load averages over 1, 5 and 15 minutes), or /proc/loadavg where it is missing. */
    static String uptime() {
        try {
            Process p = new ProcessBuilder("uptime").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor() == 0 && !out.isEmpty()) {
                return out;
            }
        } catch (IOException | InterruptedException e) {
            // fall through
        }
        try {
            return "loadavg " + Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "load unknown";
        }
    }

    /** Counters at one instant of the run. */
    record Snapshot(long nanos, long cpuNanos, long attempts, long completed, long originates, long hangups,
                    long events) {

        static Snapshot of(SimulatedFleet sim, AriLoadDriver driver) {
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            return new Snapshot(System.nanoTime(), os.getProcessCpuTime(), sim.stats().attempts(),
                    driver.completed.get(), driver.originates.get(), driver.hangups.get(), driver.events.get());
        }
    }

    record Result(Fleet fleet, int concurrency, int warmupSeconds, Snapshot start, Snapshot end,
                  LatencyRecorder latency, SimStats stats, long httpErrors, int stillInFlight, String loadBefore,
                  String loadAfter) {

        double seconds() {
            return (end.nanos - start.nanos) / 1e9;
        }

        double perSecond(long count) {
            return count / seconds();
        }

        double attemptsPerSecond() {
            return perSecond(end.attempts - start.attempts);
        }

        boolean clean() {
            return stats.overLimitRejections() == 0 && stats.concurrentDoubleDials() == 0
                    && stats.redialsAfterAlerting() == 0 && httpErrors == 0 && stillInFlight == 0;
        }

        String markdown() {
            double cores = (end.cpuNanos - start.cpuNanos) / 1e9 / seconds();
            boolean reached = attemptsPerSecond() >= TARGET_ATTEMPTS_PER_SECOND;
            var md = new StringBuilder();
            md.append("## Telephony simulator capacity (issue 3), ").append(LocalDate.now()).append("\n\n");
            md.append("`").append(COMMAND).append("` (`io.codac.sim.bench.CapacityBenchmark`): one simulator process, ")
                    .append(fleet.servers().size()).append(" ARI servers (").append(fleet.trunks().size())
                    .append(" trunks, contracts far above the load), driven over real HTTP and WebSocket on loopback by a ")
                    .append("lean ARI client in the same JVM: ").append(concurrency).append(" flash calls in flight ")
                    .append("(originate with a chosen id, hang up on ringing, early media or answer, next call on ")
                    .append("`ChannelDestroyed`), the default population with the test timings (20-40 ms post-dial ")
                    .append("delay), every number dialed once. ").append(warmupSeconds).append(" s warm-up, then ")
                    .append(String.format(Locale.ROOT, "%.1f", seconds())).append(" s measured.\n\n");
            md.append("| figure | value |\n|---|---|\n");
            md.append(row("**call attempts served per second** (target ≥ " + TARGET_ATTEMPTS_PER_SECOND + ")",
                    String.format(Locale.ROOT, "**%,.0f** (%s)", attemptsPerSecond(), reached ? "reached" : "NOT reached")));
            md.append(row("calls completed per second (`ChannelDestroyed` received)",
                    String.format(Locale.ROOT, "%,.0f", perSecond(end.completed - start.completed))));
            md.append(row("ARI HTTP requests per second (originates + hang-ups)", String.format(Locale.ROOT, "%,.0f",
                    perSecond(end.originates - start.originates + end.hangups - start.hangups))));
            md.append(row("ARI events delivered per second (WebSocket)",
                    String.format(Locale.ROOT, "%,.0f", perSecond(end.events - start.events))));
            md.append(row("originate latency p50 / p99 / p99.9",
                    String.format(Locale.ROOT, "%.1f / %.1f / %.1f ms (n = %,d)", latency.percentileMillis(50),
                            latency.percentileMillis(99), latency.percentileMillis(99.9), latency.count())));
            md.append(row("CPU used by the process (simulator + driver)",
                    String.format(Locale.ROOT, "%.2f of %d cores", cores, Runtime.getRuntime().availableProcessors())));
            md.append(row("over-limit rejections / concurrent double dials / redials after alerting",
                    stats.overLimitRejections() + " / " + stats.concurrentDoubleDials() + " / "
                            + stats.redialsAfterAlerting()));
            md.append(row("HTTP errors / calls not ended after the drain", httpErrors + " / " + stillInFlight));
            md.append(row("total attempts in the run", String.format(Locale.ROOT, "%,d", stats.attempts())));
            md.append(row("machine load before (`uptime`)", "`" + loadBefore + "`"));
            md.append(row("machine load after", "`" + loadAfter + "`"));
            md.append(row("JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                    + ", " + ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                    .filter(a -> a.startsWith("-Xm")).toList()));
            md.append('\n');
            if (!clean()) {
                md.append("**The run was not clean** (see the counters above): the figure does not count.\n\n");
            }
            double busiest = Math.max(loadAverage(loadBefore), loadAverage(loadAfter));
            if (busiest > 1.0) {
                md.append(String.format(Locale.ROOT, "The machine was shared with other work during the run (1-minute "
                        + "load up to %.2f on %d cores), so the figure is lower than the simulator's capacity on a quiet "
                        + "machine; re-run the command on a quiet machine for a clean figure.%n%n", busiest,
                        Runtime.getRuntime().availableProcessors()));
            }
            return md.toString();
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

        private static String row(String name, String value) {
            return "| " + name + " | " + value + " |\n";
        }
    }
}
