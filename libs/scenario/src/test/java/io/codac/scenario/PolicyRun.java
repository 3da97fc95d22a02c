package io.codac.scenario;

import io.codac.adapter.DialerAdapterApplication;
import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.TelephonyServer;
import io.codac.scenario.Requests.Kind;
import io.codac.scheduler.SchedulerApplication;
import io.codac.scheduler.fleet.domain.FleetView;
import io.codac.scheduler.verification.WaitingLine;
import io.codac.sim.SimulatedFleet;
import io.codac.sim.domain.RouteFault;
import io.codac.sim.domain.SimSettings;
import io.codac.testsupport.Database;
import io.codac.testsupport.Infrastructure;
import io.codac.testsupport.ServiceProperties;
import io.codac.testsupport.TestFleets;
import io.codac.testsupport.TestNamespace;
import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;

/**
 * One policy's run, on its own: a fresh topic namespace and schema, a fresh simulator with the scenario fleet, one
 * dialer adapter per server and one scheduler, each in its own Spring context (as the end-to-end tests host them),
 * then the scenario's traffic and faults on a timeline, and its figures measured before anything is closed.
 */
final class PolicyRun {

    private static final Logger log = LoggerFactory.getLogger(PolicyRun.class);
    private static final int KEYED_PARTITIONS = 3;
    private static final Duration WARMUP_LIMIT = Duration.ofSeconds(120);
    /** Warm-up results awaited before the run starts; the rest (numbers retried later) may finish during it. */
    private static final double WARMUP_SHARE_AWAITED = 0.8;
    private static final String HOT_CLIENT = "big-shop";

    private final String policy;
    private final ScenarioSettings settings;
    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private final Map<String, ConfigurableApplicationContext> adapters = new HashMap<>();
    private ConfigurableApplicationContext schedulerContext;

    PolicyRun(String policy, ScenarioSettings settings) {
        this.policy = policy;
        this.settings = settings;
    }

    PolicyFigures run() throws Exception {
        Infrastructure infra = Infrastructure.shared();
        TestNamespace namespace = infra.newNamespace();
        Fleet fleet = ScenarioFleet.build();
        Path fleetFile = TestFleets.write(fleet);
        infra.createTopics(namespace.topics(), fleet, KEYED_PARTITIONS);
        Database database = infra.newDatabase();
        SimSettings simSettings = SimSettings.fast().withSeed(settings.seed()).withCdrCapacity(500_000);
        Instant simStarted = Instant.now();
        try (SimulatedFleet sim = SimulatedFleet.start(fleet, simSettings);
             TopicRecorder recorder = new TopicRecorder(infra.kafkaBootstrapServers(), namespace.topics(),
                     fleet.dialCommandPartitions(), KEYED_PARTITIONS);
             Requests requests = new Requests(infra.kafkaBootstrapServers(), namespace.topics().verificationRequested(),
                     settings.ttl())) {
            try {
                NumberSupply numbers = NumberSupply.draw(sim, settings.warmupRequests() + settings.steadyRequests()
                        + settings.hotBatch(), settings.seed());
                startServices(infra, namespace, fleet, fleetFile, database);
                warmUp(requests, recorder, numbers);
                Timeline timeline = drive(requests, recorder, numbers, sim, simStarted);
                describeUnresolved(database, requests, recorder);
                logPlacementCounters();
                return PolicyFigures.measure(policy, settings, timeline, requests.sent.values(), recorder.commands,
                        recorder.results, recorder.duplicateResults.get(), sim);
            } finally {
                stopServices();
            }
        }
    }

    /**
     * Samples the scheduler's waiting line and the fleet's free starts: work waiting while trunks have room means the
     * scheduler places too slowly; an empty line while trunks have room means its intake does not keep up.
     */
    private static final class LineSampler {
        private final WaitingLine line;
        private final FleetView fleet;
        private final long started = System.nanoTime();
        private final Map<Long, int[]> perSecond = new ConcurrentSkipListMap<>();

        LineSampler(ConfigurableApplicationContext scheduler) {
            this.line = scheduler.getBean(WaitingLine.class);
            this.fleet = scheduler.getBean(FleetView.class);
        }

        void sample() {
            int waiting = line.size();
            int free = fleet.freeStarts();
            int[] counts = perSecond.computeIfAbsent((System.nanoTime() - started) / 1_000_000_000L, s -> new int[4]);
            counts[0]++;
            counts[1] += waiting > 0 && free > 0 ? 1 : 0;
            counts[2] += waiting == 0 && free > 0 ? 1 : 0;
            counts[3] += free;
        }

        /** Per second: samples with work waiting while free / line empty while free, and the mean free starts. */
        String summary() {
            var out = new StringBuilder();
            perSecond.forEach((second, c) -> out.append(String.format(Locale.ROOT, " %ds:%d/%d/%.0f",
                    second, c[1], c[2], (double) c[3] / c[0])));
            return out.toString();
        }
    }

    /** The scheduler's own count of placements and of why it could not place, to tell a slow policy from a full fleet. */
    private void logPlacementCounters() {
        var meters = schedulerContext.getBean(MeterRegistry.class);
        var counts = new TreeMap<String, Long>();
        for (String name : List.of("codac.scheduler.placements", "codac.scheduler.no.placement",
                "codac.scheduler.handed.back", "codac.scheduler.retries")) {
            meters.find(name).counters().forEach(c -> counts.merge(
                    name.substring("codac.scheduler.".length()) + c.getId().getTags().stream()
                            .filter(t -> !t.getKey().equals("trunk")).map(t -> "[" + t.getValue() + "]")
                            .reduce("", String::concat),
                    (long) c.count(), Long::sum));
        }
        log.info("[{}] scheduler counters: {}", policy, counts);
    }

    /** What the scheduler's ledger says of each request still without a result, so a stranded one can be explained. */
    private void describeUnresolved(Database database, Requests requests, TopicRecorder recorder) {
        List<String> unresolved = requests.sent.values().stream()
                .filter(s -> !recorder.results.containsKey(s.verificationId()))
                .map(s -> s.verificationId() + " (" + s.kind() + ", sent " + s.at() + ")").toList();
        if (unresolved.isEmpty()) {
            return;
        }
        try (var connection = java.sql.DriverManager.getConnection(database.jdbcUrl(), database.username(),
                database.password())) {
            for (String described : unresolved) {
                String id = described.substring(0, described.indexOf(' '));
                var row = new StringBuilder();
                try (var select = connection.prepareStatement("SELECT status, attempts_made, next_attempt_at, reason,"
                        + " version FROM verifications WHERE id = ?")) {
                    select.setString(1, id);
                    try (var result = select.executeQuery()) {
                        while (result.next()) {
                            row.append(result.getString(1)).append(" attempts=").append(result.getInt(2))
                                    .append(" next=").append(result.getTimestamp(3)).append(" reason=")
                                    .append(result.getString(4)).append(" v").append(result.getLong(5));
                        }
                    }
                }
                try (var select = connection.prepareStatement("SELECT attempt_id, trunk_id, status, placed_at, ended_at,"
                        + " outcome, command_sent_at FROM attempts WHERE verification_id = ? ORDER BY placed_at")) {
                    select.setString(1, id);
                    try (var result = select.executeQuery()) {
                        while (result.next()) {
                            row.append("; attempt ").append(result.getString(1)).append(" on ").append(result.getString(2))
                                    .append(' ').append(result.getString(3)).append(" placed ").append(result.getTimestamp(4))
                                    .append(" ended ").append(result.getTimestamp(5)).append(' ').append(result.getString(6))
                                    .append(" sent ").append(result.getTimestamp(7));
                        }
                    }
                }
                log.warn("[{}] no result for {}: {}", policy, described, row.isEmpty() ? "not in the ledger" : row);
            }
        } catch (java.sql.SQLException e) {
            log.warn("[{}] {} request(s) without a result; the ledger could not be read: {}", policy, unresolved.size(),
                    e.toString());
        }
    }

    private void startServices(Infrastructure infra, TestNamespace namespace, Fleet fleet, Path fleetFile,
                               Database database) {
        long started = System.nanoTime();
        Map<String, Object> common = new HashMap<>(ServiceProperties.common(infra, namespace, fleetFile));
        // No service's application.yml applies (they share one classpath): every setting not given is its default.
        common.put("spring.config.name", "codac-scenario");
        common.putAll(settings.serviceOverrides());
        var scheduler = new HashMap<>(database.springProperties("scheduler"));
        scheduler.put("codac.scheduler.placement-policy", policy);
        schedulerContext = start(SchedulerApplication.class, common, scheduler);
        for (TelephonyServer server : fleet.servers()) {
            // A machine that dies drains nothing: no call is waited for when the killed server's adapter stops.
            adapters.put(server.id(), start(DialerAdapterApplication.class, common, Map.of(
                    "codac.adapter.server-id", server.id(),
                    "codac.adapter.shutdown-call-drain", "0s",
                    "codac.adapter.stop-drain", "1s")));
        }
        log.info("[{}] scheduler and {} dialer adapters up in {} ms", policy, fleet.servers().size(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private ConfigurableApplicationContext start(Class<?> application, Map<String, Object> common,
                                                 Map<String, Object> own) {
        var properties = new HashMap<>(common);
        properties.putAll(own);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .run(ServiceProperties.asArgs(properties));
        contexts.add(context);
        return context;
    }

    /**
     * Traffic that is not measured, at a moderate rate, until most of it has come back: the services join their
     * groups, and the JIT compiles the paths of the run (the first policy of a JVM would otherwise pay for it alone:
     * with a handful of warm-up requests the first column ran many times slower than the second on the same code).
     */
    private void warmUp(Requests requests, TopicRecorder recorder, NumberSupply numbers) throws InterruptedException {
        int count = settings.warmupRequests();
        long pauseNanos = (long) (1e9 / settings.warmupRate());
        for (int i = 0; i < count; i++) {
            requests.send("warmup", numbers.next(), Kind.WARMUP);
            Thread.sleep(Duration.ofNanos(pauseNanos));
        }
        requests.flush();
        await("[" + policy + "] " + WARMUP_SHARE_AWAITED * 100 + " % of " + count + " warm-up verifications completed")
                .atMost(WARMUP_LIMIT).pollInterval(Duration.ofMillis(100))
                .until(() -> recorder.results.size() >= count * WARMUP_SHARE_AWAITED);
        log.info("[{}] warm-up done: {} of {} verifications completed", policy, recorder.results.size(), count);
    }

    private Timeline drive(Requests requests, TopicRecorder recorder, NumberSupply numbers, SimulatedFleet sim,
                           Instant simStarted) throws Exception {
        ScheduledExecutorService traffic = Executors.newScheduledThreadPool(2);
        var hotAt = new AtomicReference<Instant>();
        var degradedAt = new AtomicReference<Instant>();
        var killedAt = new AtomicReference<Instant>();
        String operator = numbers.commonestOperator(sim);
        Instant start = Instant.now();
        try {
            long periodNanos = (long) (1e9 / settings.steadyRate());
            var steady = new ArrayList<ScheduledFuture<?>>();
            for (int c = 0; c < settings.steadyClients(); c++) {
                String client = "shop-" + (char) ('a' + c);
                steady.add(traffic.scheduleAtFixedRate(() -> requests.send(client, numbers.next(), Kind.STEADY),
                        periodNanos * c / settings.steadyClients(), periodNanos, TimeUnit.NANOSECONDS));
            }
            traffic.schedule(() -> {
                hotAt.set(Instant.now());
                for (int i = 0; i < settings.hotBatch(); i++) {
                    requests.send(HOT_CLIENT, numbers.next(), Kind.HOT);
                }
                requests.flush();
                log.info("[{}] hot batch of {} published in {} ms", policy, settings.hotBatch(),
                        Duration.between(hotAt.get(), Instant.now()).toMillis());
            }, settings.hotBatchAt(), TimeUnit.SECONDS);
            traffic.schedule(() -> {
                degradedAt.set(Instant.now());
                sim.faults().degradeRoute(RouteFault.networkFailures(settings.degradedTrunk(), operator,
                        settings.degradedShare()));
            }, settings.degradeAt().toMillis(), TimeUnit.MILLISECONDS);
            traffic.schedule(() -> {
                killedAt.set(Instant.now());
                kill(settings.killedServer(), sim);
            }, settings.killAt().toMillis(), TimeUnit.MILLISECONDS);

            var waitingWhileFree = new LineSampler(schedulerContext);
            traffic.scheduleAtFixedRate(waitingWhileFree::sample, 0, 50, TimeUnit.MILLISECONDS);
            Thread.sleep(Duration.ofSeconds(settings.runSeconds()));
            steady.forEach(f -> f.cancel(false));
            log.info("[{}] scheduler's line / free starts, per second of the run: {}", policy, waitingWhileFree.summary());
            Instant trafficEnd = Instant.now();
            requests.flush();
            log.info("[{}] traffic over: {} requests sent; awaiting results up to {} s", policy, requests.sent.size(),
                    settings.drainSeconds());
            try {
                await().atMost(Duration.ofSeconds(settings.drainSeconds())).pollInterval(Duration.ofMillis(200))
                        .until(() -> recorder.results.size() >= requests.sent.size());
            } catch (ConditionTimeoutException stillWaiting) {
                // Measured as it stands: the table has a row for the requests still without a result.
            }
            return new Timeline(simStarted, start, hotAt.get(),
                    degradedAt.get(), operator, killedAt.get(), trafficEnd, Instant.now());
        } finally {
            traffic.shutdownNow();
            traffic.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /**
     * A machine dies: the telephony server vanishes with its live channels, and its dialer adapter stops with it. The
     * adapter's context is closed on its own thread, as the process would be gone at once; nothing waits for it.
     */
    private void kill(String serverId, SimulatedFleet sim) {
        ConfigurableApplicationContext adapter = adapters.get(serverId);
        Thread.ofPlatform().name("scenario-kill-" + serverId).start(adapter::close);
        List<String> vanished = sim.faults().killServer(serverId);
        log.info("[{}] server {} killed: {} live call(s) vanished", policy, serverId, vanished.size());
    }

    private void stopServices() {
        for (ConfigurableApplicationContext context : contexts.reversed()) {
            try {
                context.close();
            } catch (RuntimeException e) {
                log.warn("[{}] while closing a service: {}", policy, e.getMessage());
            }
        }
        contexts.clear();
        adapters.clear();
    }
}
