package io.codac.testsupport;

import io.codac.contracts.domain.AriEndpoint;
import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.TelephonyServer;
import io.codac.contracts.domain.Trunk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fleets for tests: servers {@code srv1..srvN} whose ARI endpoints listen on free loopback ports, each
 * with trunks {@code srvN-t1..} numbered across the fleet's dial-command partitions, and one DID each.
 */
public final class TestFleets {

    public static final String ARI_USER = "codac";
    public static final String ARI_PASSWORD = "codac";
    private static final String[] CARRIERS = {"airtel", "jio", "vi", "bsnl"};

    private TestFleets() {
    }

    public static Fleet fleet(int servers, int trunksPerServer, int cps, int maxChannels) {
        var list = new ArrayList<TelephonyServer>();
        int partition = 0;
        for (int s = 1; s <= servers; s++) {
            var trunks = new ArrayList<Trunk>();
            for (int t = 1; t <= trunksPerServer; t++) {
                trunks.add(new Trunk("srv" + s + "-t" + t, CARRIERS[(partition) % CARRIERS.length], partition++, cps,
                        maxChannels));
            }
            var ari = new AriEndpoint("http://127.0.0.1:" + FreePorts.next(), ARI_USER, ARI_PASSWORD, "codac");
            list.add(new TelephonyServer("srv" + s, ari, trunks, List.of(String.format("+9180000%05d", s))));
        }
        return new Fleet(list);
    }

    /** Writes the fleet as YAML that {@code FleetFile.load} reads back, into a temporary file. */
    public static Path write(Fleet fleet) {
        var yaml = new StringBuilder("servers:\n");
        for (TelephonyServer server : fleet.servers()) {
            AriEndpoint ari = server.ari();
            yaml.append("  - id: ").append(server.id()).append('\n')
                    .append("    ari: { url: \"").append(ari.url()).append("\", username: \"").append(ari.username())
                    .append("\", password: \"").append(ari.password()).append("\", app: \"").append(ari.app()).append("\" }\n")
                    .append("    dids: [");
            yaml.append(String.join(", ", server.dids().stream().map(d -> "\"" + d + "\"").toList())).append("]\n")
                    .append("    trunks:\n");
            for (Trunk trunk : server.trunks()) {
                yaml.append("      - { id: ").append(trunk.id()).append(", carrier: ").append(trunk.carrier())
                        .append(", partition: ").append(trunk.partition()).append(", cps: ").append(trunk.cps())
                        .append(", maxChannels: ").append(trunk.maxChannels()).append(" }\n");
            }
        }
        try {
            Path file = Files.createTempFile("codac-fleet-", ".yml");
            Files.writeString(file, yaml);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a fleet file", e);
        }
    }
}
