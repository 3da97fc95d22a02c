package io.codac.scenario;

import io.codac.contracts.domain.AriEndpoint;
import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.TelephonyServer;
import io.codac.contracts.domain.Trunk;
import io.codac.testsupport.FreePorts;
import io.codac.testsupport.TestFleets;

import java.util.ArrayList;
import java.util.List;

/**
 * Ten servers with uneven trunks: two to four each, 3 to 15 CPS, 176 CPS in all. Channels are twice the CPS: a
 * flash call holds its channel about a second at most (ringing, then our hang-up), so the CPS is what binds.
 */
final class ScenarioFleet {

    private static final int[][] CPS_BY_SERVER = {
            {15, 3}, {10, 5, 3}, {8, 4, 3, 3}, {12, 4}, {6, 6, 3},
            {15, 5, 4, 3}, {3, 3}, {10, 8, 4}, {5, 4, 3, 3}, {12, 6, 3}};
    private static final String[] CARRIERS = {"airtel", "jio", "vi", "bsnl"};

    private ScenarioFleet() {
    }

    /** A new fleet on fresh loopback ports (each policy's simulator binds its own). */
    static Fleet build() {
        var servers = new ArrayList<TelephonyServer>();
        int partition = 0;
        for (int s = 0; s < CPS_BY_SERVER.length; s++) {
            var trunks = new ArrayList<Trunk>();
            for (int t = 0; t < CPS_BY_SERVER[s].length; t++) {
                int cps = CPS_BY_SERVER[s][t];
                trunks.add(new Trunk("srv" + (s + 1) + "-t" + (t + 1), CARRIERS[partition % CARRIERS.length],
                        partition++, cps, Math.max(4, 2 * cps)));
            }
            var ari = new AriEndpoint("http://127.0.0.1:" + FreePorts.next(), TestFleets.ARI_USER,
                    TestFleets.ARI_PASSWORD, "codac");
            servers.add(new TelephonyServer("srv" + (s + 1), ari, trunks,
                    List.of(String.format("+9180000%05d", s + 1))));
        }
        return new Fleet(servers);
    }
}
