package io.codac.devstack;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.util.Map;

/**
 * {@code ./codac client create NAME}: asks the gateway's admin endpoint for a new client and prints its
 * API key and webhook secret, once. Also keeps the demo client of the local stack.
 */
final class ClientCommand {

    private final StackLayout layout;
    private final GatewayClient gateway = new GatewayClient();

    ClientCommand(StackLayout layout) {
        this.layout = layout;
    }

    int run(String[] args) throws Exception {
        if (args.length < 2 || !"create".equals(args[0])) {
            System.err.println("usage: codac client create NAME [--json]");
            return 2;
        }
        boolean asJson = java.util.Arrays.asList(args).contains("--json");
        JsonNode client = create(args[1]);
        if (asJson) {
            System.out.println(gateway.json().writeValueAsString(Map.of(
                    "clientId", client.path("clientId").asText(),
                    "apiKey", client.path("apiKey").asText(),
                    "webhookSecret", client.path("webhookSecret").asText())));
        } else {
            System.out.println("client id:      " + client.path("clientId").asText());
            System.out.println("api key:        " + client.path("apiKey").asText());
            System.out.println("webhook secret: " + client.path("webhookSecret").asText());
            System.out.println("(the key and the secret are shown only now: keep them)");
        }
        return 0;
    }

    /** The demo client's key: created on the first {@code up}, reused while the database keeps it. */
    String demoClientKey() throws Exception {
        if (Files.exists(layout.demoClientFile())) {
            JsonNode saved = gateway.json().readTree(layout.demoClientFile().toFile());
            String key = saved.path("apiKey").asText();
            var probe = gateway.get(layout.gatewayUrl() + "/v1/verifications/ver_probe", key);
            if (probe.status() != 401) {
                return key;
            }
        }
        JsonNode client = create("demo");
        gateway.json().writerWithDefaultPrettyPrinter().writeValue(layout.demoClientFile().toFile(), client);
        return client.path("apiKey").asText();
    }

    private JsonNode create(String name) throws Exception {
        var response = gateway.post(layout.gatewayUrl() + "/admin/v1/clients", StackLayout.ADMIN_TOKEN, Map.of("name", name));
        if (response.status() != 201 && response.status() != 200) {
            throw new IllegalStateException("the gateway refused to create client '" + name + "' (HTTP " + response.status()
                    + "): " + response.body() + " — is the stack up (./codac up)?");
        }
        return response.body();
    }
}
