package io.codac.ingest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codac.contracts.domain.Fleet;
import io.codac.ingest.IngestApplication;
import io.codac.ingest.sql.StatementBatches;
import io.codac.testsupport.Database;
import io.codac.testsupport.Infrastructure;
import io.codac.testsupport.ServiceProperties;
import io.codac.testsupport.TestFleets;
import io.codac.testsupport.TestNamespace;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 6's benchmark: {@code POST /v1/verifications} at a fixed rate over loopback, each with a new
 * mobile number, and the latency of the {@code 202}s.
 *
 * <p>Open loop: requests leave on a fixed schedule whether or not earlier ones were answered, and each
 * latency is measured from when the request <em>should</em> have left (no coordinated omission: a
 * stalled gateway shows up as latency, not as a lower rate). Phases: a warm-up (not counted), the
 * 1,000 requests/s measurement, then a rising staircase until p99 reaches 100 ms, errors exceed 1 % or
 * the generator cannot keep the rate (or, when 1,000/s is already over, halving rates until one is
 * under); the highest step under 100 ms is reported.
 *
 * <p>Without {@code --gateway URL --api-key KEY} it starts its own gateway on the shared test
 * infrastructure (embedded Kafka, MariaDB and Redis, all on 127.0.0.1) with a client whose rate limit is
 * out of the way. Bounded: every phase has a fixed duration and the staircase a fixed top.
 */
public final class GatewayBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Options(String gateway, String apiKey, int baseRate, Duration warmUp, Duration measure, Duration step,
                   int stepRate, int maxRate, int connections) {

        static Options parse(String[] args) {
            var map = new HashMap<String, String>();
            for (int i = 0; i + 1 < args.length; i += 2) {
                map.put(args[i].replaceFirst("^--", ""), args[i + 1]);
            }
            return new Options(map.get("gateway"), map.get("api-key"),
                    Integer.parseInt(map.getOrDefault("rate", "1000")),
                    Duration.ofSeconds(Long.parseLong(map.getOrDefault("warm-up-seconds", "60"))),
                    Duration.ofSeconds(Long.parseLong(map.getOrDefault("seconds", "20"))),
                    Duration.ofSeconds(Long.parseLong(map.getOrDefault("step-seconds", "10"))),
                    Integer.parseInt(map.getOrDefault("step-rate", "500")),
                    Integer.parseInt(map.getOrDefault("max-rate", "6000")),
                    Integer.parseInt(map.getOrDefault("connections", "64")));
        }
    }

    record Result(int rate, int sent, int accepted, int failed, long p50, long p90, long p99, long max, double achieved,
                  Map<String, Integer> others) {

        boolean under(long p99LimitMicros) {
            return p99 < p99LimitMicros && failed <= sent / 100;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "rate %5d/s: sent %6d (achieved %6.0f/s), 202 %6d, other %4d %s | p50 %6.2f ms  p90 %6.2f ms  p99 %7.2f ms  max %7.2f ms",
                    rate, sent, achieved, accepted, failed, others.isEmpty() ? "" : others, p50 / 1000.0, p90 / 1000.0,
                    p99 / 1000.0, max / 1000.0);
        }
    }

    private GatewayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try {
            benchmark(Options.parse(args));
        } finally {
            System.exit(0); // HttpClient and the embedded servers keep non-daemon threads
        }
    }

    private static void benchmark(Options options) throws Exception {
        ConfigurableApplicationContext ownGateway = null;
        String gateway = options.gateway();
        String apiKey = options.apiKey();
        if (gateway == null) {
            ownGateway = startGateway();
            gateway = "http://127.0.0.1:" + ownGateway.getEnvironment().getProperty("local.server.port");
        }
        if (!URI.create(gateway).getHost().matches("127\\.0\\.0\\.1|localhost|::1|\\[::1]")) {
            throw new IllegalArgumentException("the benchmark runs over loopback only, not against " + gateway);
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        if (apiKey == null) {
            apiKey = createClient(http, gateway);
        }
        try (var load = new OpenLoopLoad(gateway, apiKey, options.connections())) {
            System.out.printf("gateway %s; %d cores, load %s; %d connections%n", gateway,
                    Runtime.getRuntime().availableProcessors(),
                    java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip(), options.connections());
            load.run(options.baseRate(), options.warmUp()); // warm-up, not counted
            Result base = load.run(options.baseRate(), options.measure());
            System.out.println("MEASURE  " + base);
            Result best = base.under(100_000) ? base : null;
            if (best != null) { // climb until p99 reaches 100 ms
                for (int rate = options.baseRate() + options.stepRate(); rate <= options.maxRate(); rate += options.stepRate()) {
                    Result step = load.run(rate, options.step());
                    System.out.println("STEP     " + step);
                    if (!step.under(100_000) || step.achieved() < rate * 0.95) {
                        break;
                    }
                    best = step;
                }
            } else { // the base rate is already too much for this machine: halve until p99 < 100 ms (down to 50/s)
                for (int rate = options.baseRate() / 2; rate >= 50 && best == null; rate /= 2) {
                    Result step = load.run(rate, options.step());
                    System.out.println("STEP     " + step);
                    best = step.under(100_000) ? step : null;
                }
            }
            System.out.println();
            System.out.printf("202 p99 at %d requests/s: %.2f ms (target < 25 ms): %s%n", options.baseRate(),
                    base.p99() / 1000.0, base.p99() < 25_000 && base.failed() == 0 ? "MET" : "NOT MET");
            System.out.println("highest rate sustained with p99 < 100 ms: "
                    + (best == null ? "none" : best.rate() + " requests/s (" + best + ")"));
            if (ownGateway != null) {
                printStatementBatches(ownGateway.getBean(MeterRegistry.class));
            }
        } finally {
            if (ownGateway != null) {
                ownGateway.close(); // the shared infrastructure stops with the JVM (its shutdown hook)
            }
        }
    }

    /** How many requests shared each batched SQL statement over the whole run (warm-up included). */
    private static void printStatementBatches(MeterRegistry meters) {
        for (DistributionSummary sizes : meters.find(StatementBatches.METRIC).summaries()) {
            System.out.printf(Locale.ROOT, "statement %-15s %8d statements, %6.2f requests each on average%n",
                    sizes.getId().getTag("statement"), sizes.count(), sizes.mean());
        }
    }

    private static String createClient(HttpClient http, String gateway) throws Exception {
        String adminToken = System.getProperty("codac.admin-token", System.getenv().getOrDefault(
                "CODAC_INGEST_ADMIN_TOKEN", "codac-local-admin"));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway + "/admin/v1/clients"))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\": \"benchmark\", \"rateLimitPerSecond\": 1000000, \"rateLimitBurst\": 1000000}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("could not create the benchmark client: " + response.statusCode()
                    + " " + response.body());
        }
        JsonNode body = JSON.readTree(response.body());
        return body.get("apiKey").asText();
    }

    private static ConfigurableApplicationContext startGateway() {
        Infrastructure infra = Infrastructure.shared();
        Database db = infra.newDatabase();
        TestNamespace namespace = infra.newNamespace();
        Fleet fleet = TestFleets.fleet(1, 1, 10, 10);
        var properties = new HashMap<String, Object>(ServiceProperties.common(infra, namespace, TestFleets.write(fleet)));
        properties.putAll(db.springProperties("ingest"));
        properties.put("codac.ingest.admin-token", "codac-local-admin");
        properties.put("logging.level.root", "WARN");
        properties.put("codac.topics.partitions", "12");
        // Requests the load generator gave up on during an overloaded phase stay PUBLISHING; the sweep would publish
        // them again 30 s later, on top of the next phases' load. Each phase measures its own requests only.
        properties.put("codac.ingest.unresolved.after", "1h");
        // any --gateway-property name=value passed to the benchmark (e.g. spring.r2dbc.pool.max-size=32)
        for (String setting : System.getProperty("bench.gateway-properties", "").split(",")) {
            if (setting.contains("=")) {
                properties.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
            }
        }
        return new SpringApplicationBuilder(IngestApplication.class).run(ServiceProperties.asArgs(properties));
    }
}
