package io.codac.reporting.bench;

import com.sun.net.httpserver.HttpServer;
import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.OutcomeClass;
import io.codac.contracts.domain.VerificationMethod;
import io.codac.contracts.domain.VerificationStatus;
import io.codac.contracts.event.AttemptSummary;
import io.codac.contracts.event.CodacEvent;
import io.codac.contracts.event.VerificationCompleted;
import io.codac.contracts.event.VerificationRequested;
import io.codac.contracts.json.EventCodec;
import io.codac.contracts.topic.Topics;
import io.codac.reporting.ReportingApplication;
import io.codac.testsupport.Database;
import io.codac.testsupport.Infrastructure;
import io.codac.testsupport.ServiceProperties;
import io.codac.testsupport.TestFleets;
import io.codac.testsupport.TestNamespace;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhook latency, terminal status → delivery, on a healthy endpoint: reporting (one process) on the
 * embedded Kafka and MariaDB, a JDK {@code HttpServer} receiver on loopback answering 204. The requests
 * (with their callback URLs) are published first, as they are in life long before the verdict; then
 * {@code bench.results} results are published at {@code bench.rate} per second, each stamped with the
 * time it is published (its {@code occurredAt}: the moment the scheduler reports the terminal status).
 * The latency of one webhook is the receiver's arrival time minus that stamp — same JVM, same clock.
 * Bounded by the count and a 120 s cap. Not part of the build: run it with {@value #COMMAND}. It prints
 * its figures and writes them to {@code target/benchmarks/webhook-latency.md}.
 */
class WebhookLatencyBenchmarkRun {

    static final String COMMAND = "./mvnw -B -q -Pbenchmark verify -pl services/reporting";

    private final int results = Integer.getInteger("bench.results", 2_000);
    private final int rate = Integer.getInteger("bench.rate", 200);
    private final int warmup = Integer.getInteger("bench.warmup", 200);

    @Test
    void webhookLatency() throws Exception {
        Infrastructure infra = Infrastructure.shared();
        TestNamespace namespace = infra.newNamespace();
        Topics topics = namespace.topics();
        Fleet fleet = TestFleets.fleet(1, 1, 10, 10);
        infra.createTopics(topics, fleet, 3);
        Database db = infra.newDatabase();
        String secret = "whsec_" + UUID.randomUUID();
        try (var connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE clients (client_id VARCHAR(64) NOT NULL PRIMARY KEY, name VARCHAR(100) NOT NULL,"
                    + " webhook_secret VARCHAR(128) NOT NULL, created_at DATETIME(3) NOT NULL)");
            statement.execute("INSERT INTO clients VALUES ('bench', 'bench', '" + secret + "', NOW(3))");
        }

        var arrivals = new ConcurrentHashMap<String, Long>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        receiver.createContext("/hook", exchange -> {
            try (exchange) {
                long now = System.currentTimeMillis();
                exchange.getRequestBody().readAllBytes();
                arrivals.putIfAbsent(exchange.getRequestHeaders().getFirst("X-Codac-Event-Id"), now);
                exchange.sendResponseHeaders(204, -1);
            }
        });
        receiver.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        receiver.start();
        String callback = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";

        Map<String, Object> properties = new HashMap<>(ServiceProperties.common(infra, namespace, TestFleets.write(fleet)));
        properties.putAll(db.springProperties("reporting"));
        properties.put("codac.reporting.allow-insecure-callbacks", "true");
        properties.put("logging.level.root", "WARN");
        var reporting = new SpringApplicationBuilder(ReportingApplication.class).run(ServiceProperties.asArgs(properties));

        var config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        var codec = new EventCodec();
        int total = warmup + results;
        List<String> ids = new ArrayList<>();
        Map<String, Long> stamped = new ConcurrentHashMap<>();
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            var sends = new ArrayList<Future<?>>();
            for (int i = 0; i < total; i++) {
                String id = "bench-" + i + "-" + UUID.randomUUID();
                ids.add(id);
                var request = new VerificationRequested("req-" + id, Instant.now(), id, "bench",
                        String.format("+336%08d", i), VerificationMethod.FLASH_CALL, "order-" + i, callback,
                        Instant.now().plusSeconds(300), null, Map.of());
                sends.add(send(producer, codec, topics.verificationRequested(), request));
            }
            for (Future<?> send : sends) {
                send.get();
            }
            // Every request projected (its timeline row exists) before the first verdict.
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> countTimeline(db) >= total);

            long periodNanos = 1_000_000_000L / rate;
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long due = start + i * periodNanos;
                // Parked, not spinning: a spinning publisher takes a whole core from reporting and the
                // database on a 2-core machine (the first profile showed it as the hottest method).
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                String id = ids.get(i);
                Instant now = Instant.now();
                var attempt = new AttemptSummary("chan-" + id, 1, "srv1-t1", "srv1", now.minusSeconds(3), now,
                        OutcomeClass.VERIFIED, 16, true);
                stamped.put("whk-" + id, now.toEpochMilli());
                send(producer, codec, topics.verificationResults(), new VerificationCompleted("res-" + id, now, id,
                        "bench", String.format("+336%08d", i), VerificationStatus.VERIFIED, "rang", now, List.of(attempt)));
            }
            producer.flush();
        }
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> arrivals.size() >= total);
        reporting.close();
        receiver.stop(0);

        List<Long> latencies = new ArrayList<>();
        for (int i = warmup; i < total; i++) {
            String eventId = "whk-" + ids.get(i);
            latencies.add(arrivals.get(eventId) - stamped.get(eventId));
        }
        Collections.sort(latencies);
        String figures = String.format(Locale.ROOT,
                "webhook latency, terminal status → delivery (healthy endpoint, %d results at %d/s after %d warm-up): "
                        + "p50 %d ms, p90 %d ms, p99 %d ms, max %d ms; load average %.2f on %d cores%n"
                        + "command: %s%n",
                results, rate, warmup, pct(latencies, 50), pct(latencies, 90), pct(latencies, 99),
                latencies.getLast(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors(), COMMAND);
        System.out.println(figures);
        Path out = Path.of("target/benchmarks/webhook-latency.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, figures);
        assertThat(latencies).hasSize(results);
    }

    private static long pct(List<Long> sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private static Future<?> send(KafkaProducer<String, String> producer, EventCodec codec, String topic, CodacEvent event) {
        return producer.send(new ProducerRecord<>(topic, event.key(), codec.encode(event)));
    }

    private static long countTimeline(Database db) throws Exception {
        try (var connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT COUNT(*) FROM verification_timeline")) {
            rows.next();
            return rows.getLong(1);
        }
    }

}
