package io.codac.sim.ari;

import io.codac.contracts.domain.AriEndpoint;
import io.codac.contracts.domain.TelephonyServer;
import io.codac.contracts.domain.Trunk;
import io.codac.testsupport.FreePorts;

import java.util.List;
import java.util.UUID;

/** Fleets for the simulator's integration tests: servers on free loopback ports, with the trunks and DIDs given. */
final class ItFleets {

    private ItFleets() {
    }

    static TelephonyServer server(String id, List<Trunk> trunks, List<String> dids) {
        var ari = new AriEndpoint("http://127.0.0.1:" + FreePorts.next(), "codac", "secret-" + id, "codac");
        return new TelephonyServer(id, ari, trunks, dids);
    }

    static String newId() {
        return "att-" + UUID.randomUUID();
    }

    static void closeQuietly(AutoCloseable... closeables) {
        for (AutoCloseable c : closeables) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }
}
