package io.codac.e2e;

import io.codac.testsupport.ServiceProperties;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One scheduler as a real OS process, run from the scheduler module's exec jar (packaged before this module in the
 * reactor), so it can be killed with SIGKILL: no shutdown hook, no offset commit, no leaving the consumer group.
 * Its output goes to {@code target/<name>.log}.
 * <p>
 * Its Kafka consumers carry the client id {@code <name>}, by which {@link SchedulerGroup} tells the members apart.
 */
final class SchedulerProcess implements AutoCloseable {

    /** The tests run with this module as the working directory. */
    private static final Path SCHEDULER_TARGET = Path.of("..", "..", "services", "scheduler", "target");

    private final String name;
    private final Process process;
    private final Path log;

    private SchedulerProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts a scheduler with {@code properties} as its command-line arguments (they override its application.yml). */
    static SchedulerProcess start(String name, Map<String, Object> properties) {
        var own = new HashMap<>(properties);
        own.put("spring.kafka.consumer.client-id", name);
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-jar", execJar().toString()));
        command.addAll(List.of(ServiceProperties.asArgs(own)));
        Path log = Path.of("target", name + ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            // A child outlives its parent unless told: a test JVM that ends early must not leave schedulers behind.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, name + "-stop"));
            return new SchedulerProcess(name, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start scheduler " + name, e);
        }
    }

    String name() {
        return name;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** SIGKILL, as {@code kill -9}. */
    void kill() {
        process.destroyForcibly();
        awaitExit(10);
    }

    /** SIGTERM first, so the instance leaves the consumer group at once and the next test does not wait for it. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!awaitExit(30)) {
            kill();
        }
    }

    private boolean awaitExit(long seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElseThrow();
    }

    private static Path execJar() {
        try (Stream<Path> files = Files.list(SCHEDULER_TARGET)) {
            return files.filter(p -> p.getFileName().toString().matches("codac-scheduler-.*-exec\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no scheduler exec jar under " + SCHEDULER_TARGET
                            .toAbsolutePath().normalize() + ": package services/scheduler first"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + SCHEDULER_TARGET.toAbsolutePath().normalize(), e);
        }
    }
}
