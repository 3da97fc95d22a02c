package io.codac.devstack;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.TelephonyServer;
import io.codac.contracts.fleet.FleetFile;
import io.codac.contracts.json.CodacJson;
import io.codac.contracts.topic.Topics;
import io.codac.testsupport.KafkaTopics;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code up}, {@code status} and {@code down} of the local stack. Every process is started detached
 * ({@code setsid}), logs to {@code .codac/logs/NAME.log} and is recorded in {@code .codac/processes.json}.
 */
final class LocalStack {

    private static final Duration INFRA_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration SERVICES_STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration INFRA_STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final Set<String> INFRA_NAMES = Set.of("kafka", "mariadb", "redis");
    private static final Duration SERVICES_TIMEOUT = Duration.ofSeconds(300);
    private static final String SERVICE_JVM = "-Xms64m -Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k";

    private final StackLayout layout;
    private final ObjectMapper json = CodacJson.newMapper();

    LocalStack(StackLayout layout) {
        this.layout = layout;
    }

    int up() throws Exception {
        List<ManagedProcess> recorded = recorded();
        if (recorded.stream().anyMatch(ManagedProcess::alive)) {
            if (recorded.stream().allMatch(HealthChecks::healthy) && Files.exists(layout.stackFile())) {
                System.out.println("the local stack is already running");
                printAccess();
                return 0;
            }
            System.err.println("part of the local stack is running but not all of it is healthy (see ./codac status);"
                    + " run ./codac down, then ./codac up");
            return 1;
        }
        Fleet fleet = FleetFile.load(layout.fleetFile());
        Files.createDirectories(layout.logsDir());
        List<ProcessSpec> infra = infraSpecs();
        List<ProcessSpec> services = serviceSpecs(fleet);
        String busy = busyPorts(infra, services);
        if (!busy.isEmpty()) {
            System.err.println("cannot start the local stack: port(s) " + busy + " already in use by another program");
            return 1;
        }
        var started = new ArrayList<ManagedProcess>();
        try {
            startAll(infra, started);
            awaitHealthy(started, INFRA_TIMEOUT);
            System.out.println("creating topics");
            KafkaTopics.create("127.0.0.1:" + StackLayout.KAFKA_PORT, Topics.production(), fleet, 12);
            startAll(services, started);
            awaitHealthy(started, SERVICES_TIMEOUT);
            String apiKey = new ClientCommand(layout).demoClientKey();
            writeStackFile(apiKey, started);
        } catch (Exception e) {
            System.err.println("the local stack did not come up: " + e.getMessage());
            System.err.println("logs are in " + layout.logsDir() + "; stopping what was started");
            stop(started);
            Files.deleteIfExists(layout.processesFile());
            return 1;
        }
        printAccess();
        return 0;
    }

    int status(boolean asJson) throws IOException {
        List<ManagedProcess> recorded = recorded();
        var rows = new ArrayList<Map<String, Object>>();
        for (ManagedProcess process : recorded) {
            rows.add(Map.of("name", process.name(), "pid", process.pid(), "port", process.port(),
                    "healthy", HealthChecks.healthy(process), "alive", process.alive()));
        }
        if (asJson) {
            System.out.println(json.writeValueAsString(rows));
            return 0;
        }
        if (rows.isEmpty()) {
            System.out.println("the local stack is not running (./codac up starts it)");
            return 0;
        }
        System.out.printf("%-16s %8s %6s  %s%n", "PROCESS", "PID", "PORT", "HEALTH");
        for (var row : rows) {
            String health = (boolean) row.get("healthy") ? "healthy" : (boolean) row.get("alive") ? "starting/unhealthy" : "not running";
            System.out.printf("%-16s %8d %6d  %s%n", row.get("name"), row.get("pid"), row.get("port"), health);
        }
        return 0;
    }

    int down() throws IOException {
        List<ManagedProcess> recorded = recorded();
        if (recorded.isEmpty()) {
            System.out.println("nothing to stop");
            return 0;
        }
        stop(recorded);
        Files.deleteIfExists(layout.processesFile());
        Files.deleteIfExists(layout.stackFile());
        System.out.println("stopped " + recorded.size() + " processes");
        return 0;
    }

    List<ManagedProcess> recorded() throws IOException {
        if (!Files.exists(layout.processesFile())) {
            return List.of();
        }
        return json.readValue(layout.processesFile().toFile(), new TypeReference<List<ManagedProcess>>() { });
    }

    private void startAll(List<ProcessSpec> specs, List<ManagedProcess> started) throws IOException {
        for (ProcessSpec spec : specs) {
            System.out.println("starting " + spec.name());
            started.add(spec.start(layout));
            json.writerWithDefaultPrettyPrinter().writeValue(layout.processesFile().toFile(), started);
        }
    }

    private void awaitHealthy(List<ManagedProcess> processes, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            var unhealthy = processes.stream().filter(p -> !HealthChecks.healthy(p)).toList();
            if (unhealthy.isEmpty()) {
                return;
            }
            var dead = unhealthy.stream().filter(p -> !p.alive()).toList();
            if (!dead.isEmpty()) {
                throw new IllegalStateException(dead.get(0).name() + " exited; see " + layout.logsDir()
                        .resolve(dead.get(0).name() + ".log"));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("not healthy after " + timeout.toSeconds() + " s: "
                        + unhealthy.stream().map(ManagedProcess::name).toList());
            }
            Thread.sleep(500);
        }
    }

    /**
     * Stops the services before the infrastructure they need on the way down: a dialer adapter lets its live calls
     * end and publishes their outcomes (codac.adapter.shutdown-call-drain, ring timeout + 5 s), which needs Kafka.
     */
    private void stop(List<ManagedProcess> processes) {
        var infra = processes.stream().filter(p -> INFRA_NAMES.contains(p.name())).toList();
        var services = processes.stream().filter(p -> !INFRA_NAMES.contains(p.name())).toList();
        terminate(services, SERVICES_STOP_TIMEOUT);
        terminate(infra, INFRA_STOP_TIMEOUT);
    }

    /** SIGTERM to the processes (and their children), SIGKILL to whatever still runs after {@code timeout}. */
    private static void terminate(List<ManagedProcess> processes, Duration timeout) {
        var handles = new ArrayList<ProcessHandle>();
        for (ManagedProcess process : processes.reversed()) {
            process.handle().ifPresent(handle -> {
                handle.descendants().forEach(handles::add);
                handles.add(handle);
            });
        }
        handles.forEach(ProcessHandle::destroy);
        Instant deadline = Instant.now().plus(timeout);
        while (handles.stream().anyMatch(ProcessHandle::isAlive) && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        handles.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private void writeStackFile(String apiKey, List<ManagedProcess> processes) throws IOException {
        ObjectNode stack = json.createObjectNode();
        stack.put("gateway", layout.gatewayUrl());
        stack.put("apiKey", apiKey);
        stack.put("simAdmin", layout.simAdminUrl());
        var array = stack.putArray("processes");
        for (ManagedProcess process : processes) {
            array.addObject().put("name", process.name()).put("pid", process.pid()).put("port", process.port())
                    .put("healthy", HealthChecks.healthy(process));
        }
        json.writerWithDefaultPrettyPrinter().writeValue(layout.stackFile().toFile(), stack);
    }

    private void printAccess() throws IOException {
        var stack = json.readTree(layout.stackFile().toFile());
        System.out.println("gateway: " + stack.path("gateway").asText());
        System.out.println("api key: " + stack.path("apiKey").asText());
    }

    private List<ProcessSpec> infraSpecs() {
        String devstackJar = layout.execJar("libs/devstack").toString();
        return List.of(
                new ProcessSpec("kafka", javaCommand("-Xms128m -Xmx512m", devstackJar, List.of("kafka")), StackLayout.KAFKA_PORT, "tcp"),
                new ProcessSpec("mariadb", javaCommand("-Xmx128m", devstackJar, List.of("mariadb")), StackLayout.MARIADB_PORT, "tcp"),
                new ProcessSpec("redis", javaCommand("-Xmx64m", devstackJar, List.of("redis")), StackLayout.REDIS_PORT, "tcp"));
    }

    private List<ProcessSpec> serviceSpecs(Fleet fleet) {
        var specs = new ArrayList<ProcessSpec>();
        specs.add(service("telephony-sim", "services/telephony-sim", StackLayout.SIM_ADMIN_PORT, List.of()));
        int port = StackLayout.FIRST_ADAPTER_PORT;
        for (TelephonyServer server : fleet.servers()) {
            specs.add(service("adapter-" + server.id(), "services/dialer-adapter", port++,
                    List.of("--codac.adapter.server-id=" + server.id())));
        }
        specs.add(service("scheduler", "services/scheduler", StackLayout.SCHEDULER_PORT, database("scheduler")));
        var reportingArgs = new ArrayList<>(database("reporting"));
        // the local stack lets anyone watch webhooks arrive on a loopback http receiver (BRIEF §4)
        reportingArgs.add("--codac.reporting.allow-insecure-callbacks=true");
        specs.add(service("reporting", "services/reporting", StackLayout.REPORTING_PORT, reportingArgs));
        var ingestArgs = new ArrayList<>(database("ingest"));
        ingestArgs.add("--codac.ingest.admin-token=" + StackLayout.ADMIN_TOKEN);
        ingestArgs.add("--codac.ingest.allow-insecure-callbacks=true");
        specs.add(service("ingest", "services/ingest", StackLayout.GATEWAY_PORT, ingestArgs));
        return specs;
    }

    private ProcessSpec service(String name, String module, int port, List<String> extraArgs) {
        var args = new ArrayList<String>(List.of(
                "--server.port=" + port,
                "--codac.fleet-file=" + layout.fleetFile(),
                "--spring.kafka.bootstrap-servers=127.0.0.1:" + StackLayout.KAFKA_PORT,
                "--codac.redis.url=redis://127.0.0.1:" + StackLayout.REDIS_PORT));
        args.addAll(extraArgs);
        return new ProcessSpec(name, javaCommand(SERVICE_JVM, layout.execJar(module).toString(), args), port, "http");
    }

    private static List<String> database(String service) {
        String host = "127.0.0.1:" + StackLayout.MARIADB_PORT + "/" + StackLayout.DATABASE;
        return List.of(
                "--spring.r2dbc.url=r2dbc:mysql://" + host,
                "--spring.r2dbc.username=codac",
                "--spring.r2dbc.password=codac",
                "--spring.flyway.url=jdbc:mariadb://" + host,
                "--spring.flyway.user=codac",
                "--spring.flyway.password=codac");
    }

    private static List<String> javaCommand(String jvmOptions, String jar, List<String> args) {
        var command = new ArrayList<String>();
        if (new File("/usr/bin/setsid").canExecute()) {
            command.add("/usr/bin/setsid");
        }
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of(jvmOptions.split(" ")));
        command.add("-jar");
        command.add(jar);
        command.addAll(args);
        return command;
    }

    private static String busyPorts(List<ProcessSpec> infra, List<ProcessSpec> services) {
        var busy = new ArrayList<String>();
        for (ProcessSpec spec : concat(infra, services)) {
            if (HealthChecks.portOpen(spec.port())) {
                busy.add(spec.port() + " (" + spec.name() + ")");
            }
        }
        if (HealthChecks.portOpen(StackLayout.KAFKA_CONTROLLER_PORT)) {
            busy.add(StackLayout.KAFKA_CONTROLLER_PORT + " (kafka controller)");
        }
        return String.join(", ", busy);
    }

    private static List<ProcessSpec> concat(List<ProcessSpec> a, List<ProcessSpec> b) {
        var all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** How to start one process of the stack. */
    record ProcessSpec(String name, List<String> command, int port, String health) {

        ManagedProcess start(StackLayout layout) throws IOException {
            Path log = layout.logsDir().resolve(name + ".log");
            Process process = new ProcessBuilder(command)
                    .directory(layout.home().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            long startedAt = process.info().startInstant().map(Instant::toEpochMilli).orElse(System.currentTimeMillis());
            return new ManagedProcess(name, process.pid(), port, startedAt, health);
        }
    }
}
