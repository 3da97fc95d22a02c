package io.codac.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codac.contracts.domain.Fleet;
import io.codac.contracts.json.CodacJson;
import io.codac.ingest.IngestApplication;
import io.codac.reporting.ReportingApplication;
import io.codac.scheduler.SchedulerApplication;
import io.codac.sim.SimulatedFleet;
import io.codac.sim.domain.SimSettings;
import io.codac.testsupport.Database;
import io.codac.testsupport.Infrastructure;
import io.codac.testsupport.ServiceProperties;
import io.codac.testsupport.TestFleets;
import io.codac.testsupport.TestNamespace;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The whole system in one JVM on the real infrastructure: a simulated fleet of two servers with two
 * trunks each, one dialer adapter per server, the scheduler, reporting and ingest, each in its own
 * Spring context, all in one test namespace and one fresh schema. Reached only through HTTP.
 */
final class RunningSystem implements AutoCloseable {

    static final String ADMIN_TOKEN = "e2e-admin-token";

    final Fleet fleet;
    final SimulatedFleet sim;
    final String gatewayUrl;
    final String reportingUrl;
    final String apiKey;
    private final HostedServices services;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = CodacJson.newMapper();

    RunningSystem() {
        this(Map.of(), Map.of());
    }

    /** With settings of reporting's and the scheduler's own (e.g. a shorter carrier-watch window). */
    RunningSystem(Map<String, Object> reportingSettings, Map<String, Object> schedulerSettings) {
        Infrastructure infra = Infrastructure.shared();
        TestNamespace namespace = infra.newNamespace();
        fleet = TestFleets.fleet(2, 2, 20, 30);
        Path fleetFile = TestFleets.write(fleet);
        infra.createTopics(namespace.topics(), fleet, 3);
        Database database = infra.newDatabase();
        sim = SimulatedFleet.start(fleet, SimSettings.fast().withSeed(20261122));

        services = new HostedServices(ServiceProperties.common(infra, namespace, fleetFile));
        var reportingProperties = new HashMap<>(database.springProperties("reporting"));
        reportingProperties.putAll(reportingSettings);
        ConfigurableApplicationContext reporting = services.start(ReportingApplication.class, reportingProperties);
        reportingUrl = "http://127.0.0.1:" + reporting.getEnvironment().getProperty("local.server.port");
        var schedulerProperties = new HashMap<>(database.springProperties("scheduler"));
        schedulerProperties.putAll(schedulerSettings);
        services.start(SchedulerApplication.class, schedulerProperties);
        services.startDialerAdapters(fleet, Map.of());
        var ingestProperties = new HashMap<>(database.springProperties("ingest"));
        ingestProperties.put("codac.ingest.admin-token", ADMIN_TOKEN);
        ConfigurableApplicationContext ingest = services.start(IngestApplication.class, ingestProperties);
        gatewayUrl = "http://127.0.0.1:" + ingest.getEnvironment().getProperty("local.server.port");
        apiKey = createClient("e2e-shop").path("apiKey").asText();
    }

    JsonNode createClient(String name) {
        HttpResult result = send(HttpRequest.newBuilder(URI.create(gatewayUrl() + "/admin/v1/clients"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")));
        if (result.status() != 201) {
            throw new IllegalStateException("client creation refused: " + result);
        }
        return result.body();
    }

    HttpResult postVerification(String body) {
        return postVerification(apiKey, body);
    }

    /** As the client of {@code clientApiKey}. */
    HttpResult postVerification(String clientApiKey, String body) {
        return send(HttpRequest.newBuilder(URI.create(gatewayUrl() + "/v1/verifications"))
                .header("Authorization", "Bearer " + clientApiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResult getVerification(String id) {
        return getVerification(apiKey, id);
    }

    HttpResult getVerification(String clientApiKey, String id) {
        return send(HttpRequest.newBuilder(URI.create(gatewayUrl() + "/v1/verifications/" + id))
                .header("Authorization", "Bearer " + clientApiKey)
                .GET());
    }

    /** Reporting's internal API (usage, routes, deliveries). */
    HttpResult getFromReporting(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(reportingUrl + pathAndQuery)).GET());
    }

    private String gatewayUrl() {
        return gatewayUrl;
    }

    private HttpResult send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? json.nullNode() : json.readTree(response.body());
            return new HttpResult(response.statusCode(), body);
        } catch (IOException e) {
            throw new IllegalStateException("the gateway did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record HttpResult(int status, JsonNode body) {
    }

    @Override
    public void close() {
        services.close();
        sim.close();
    }
}
