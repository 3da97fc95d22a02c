package io.codac.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where things are on a developer's machine: the repository ({@code CODAC_HOME}, set by {@code ./codac}),
 * the state directory {@code .codac/} (logs, pids, Kafka and MariaDB data), the service jars, and the
 * fixed local ports.
 */
public record StackLayout(Path home) {

    public static final int GATEWAY_PORT = 8080;
    public static final int SIM_ADMIN_PORT = 8089;
    public static final int FIRST_ADAPTER_PORT = 8101;
    public static final int SCHEDULER_PORT = 8110;
    public static final int REPORTING_PORT = 8120;
    public static final int MARIADB_PORT = 3307;
    public static final int REDIS_PORT = 6380;
    public static final int KAFKA_PORT = 9092;
    public static final int KAFKA_CONTROLLER_PORT = 9093;
    public static final String ADMIN_TOKEN = "codac-local-admin";
    public static final String DATABASE = "codac";

    public static StackLayout fromEnvironment() {
        String home = Optional.ofNullable(System.getenv("CODAC_HOME")).orElse(System.getProperty("user.dir"));
        return new StackLayout(Path.of(home).toAbsolutePath().normalize());
    }

    public Path stateDir() {
        return home.resolve(".codac");
    }

    public Path logsDir() {
        return stateDir().resolve("logs");
    }

    public Path processesFile() {
        return stateDir().resolve("processes.json");
    }

    public Path stackFile() {
        return stateDir().resolve("stack.json");
    }

    public Path demoClientFile() {
        return stateDir().resolve("demo-client.json");
    }

    public Path fleetFile() {
        return home.resolve("deploy/local/fleet.yml");
    }

    public Path kafkaDataDir() {
        return stateDir().resolve("kafka");
    }

    public Path mariaDbDataDir() {
        return stateDir().resolve("mariadb");
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + GATEWAY_PORT;
    }

    public String simAdminUrl() {
        return "http://127.0.0.1:" + SIM_ADMIN_PORT;
    }

    /** The runnable jar of a module, e.g. {@code services/scheduler} → its {@code -exec.jar}. */
    public Path execJar(String module) {
        Path target = home.resolve(module).resolve("target");
        try (var files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-exec.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no runnable jar in " + target + ": run ./codac up again to build it"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("no runnable jar in " + target + ": run ./codac up again to build it", e);
        }
    }
}
