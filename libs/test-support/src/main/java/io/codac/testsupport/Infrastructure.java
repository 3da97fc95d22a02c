package io.codac.testsupport;

import io.codac.contracts.domain.Fleet;
import io.codac.contracts.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One Kafka broker, one database server and one Redis per JVM, shared by every test class in it and
 * started on first use; stopped when the JVM exits. Tests stay isolated by asking for their own
 * schema ({@link #newDatabase()}) and their own topic namespace and Redis key prefix ({@link #newNamespace()}).
 */
public final class Infrastructure {

    private static final Logger log = LoggerFactory.getLogger(Infrastructure.class);
    private static volatile Infrastructure shared;

    private final InfrastructureMode mode;
    private final Backends backends;

    private Infrastructure(InfrastructureMode mode, Backends backends) {
        this.mode = mode;
        this.backends = backends;
    }

    public static Infrastructure shared() {
        Infrastructure current = shared;
        if (current == null) {
            synchronized (Infrastructure.class) {
                current = shared;
                if (current == null) {
                    current = start(InfrastructureMode.fromEnvironment());
                    shared = current;
                }
            }
        }
        return current;
    }

    private static Infrastructure start(InfrastructureMode mode) {
        long started = System.nanoTime();
        Backends backends = switch (mode) {
            case EMBEDDED -> new EmbeddedBackends();
            case CONTAINERS -> new ContainerBackends();
            case EXTERNAL -> new ExternalBackends();
        };
        Infrastructure infrastructure = new Infrastructure(mode, backends);
        Runtime.getRuntime().addShutdownHook(new Thread(backends::close, "codac-infrastructure-stop"));
        log.info("{} infrastructure ready in {} ms: kafka {}, database {}:{}, redis {}", mode,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), backends.kafkaBootstrapServers(),
                backends.database().host(), backends.database().port(), backends.redisUrl());
        return infrastructure;
    }

    public InfrastructureMode mode() {
        return mode;
    }

    public String kafkaBootstrapServers() {
        return backends.kafkaBootstrapServers();
    }

    public String redisUrl() {
        return backends.redisUrl();
    }

    /** A fresh, empty schema on the shared server, reachable with the service account. */
    public Database newDatabase() {
        Backends.DatabaseServer server = backends.database();
        String name = "codac_" + shortId();
        try (Connection connection = DriverManager.getConnection(server.adminJdbcUrl(), server.adminUser(),
                server.adminPassword());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + name + ": " + e.getMessage(), e);
        }
        return new Database(server.host(), server.port(), name, server.serviceUser(), server.servicePassword());
    }

    /** A unique prefix for one test's topics, consumer groups and Redis keys. */
    public TestNamespace newNamespace() {
        return new TestNamespace("t" + shortId());
    }

    /** Creates every CODAC topic and dead-letter topic of the namespace; dial commands get one partition per trunk. */
    public void createTopics(Topics topics, Fleet fleet, int partitions) {
        KafkaTopics.create(kafkaBootstrapServers(), topics, fleet, partitions);
    }

    private static String shortId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static void quietly(ThrowingRunnable action) {
        try {
            action.run();
        } catch (Exception e) {
            log.warn("while stopping infrastructure: {}", e.getMessage());
        }
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
