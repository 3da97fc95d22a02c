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
 * Ten servers with uneven trunks: two to four each, 2 to 8 CPS, 96 CPS in all. Channels are twice the CPS: a flash
 * call holds its channel about a second at most (ringing, then our hang-up), so the CPS is what binds.
 *
 * <p>Why so little: the whole system runs in one JVM on the benchmark machine's two cores — simulator, ten adapters,
 * scheduler, broker, database. With 176 CPS contracted (this fleet at first) the machine, not the trunks, was the
 * bottleneck: every trunk sat at the same ~73 % of its contract under either policy, with the scheduler sending no
 * more commands than the carriers admitted. The trunks must be what binds for the scenario to compare placements.
 */
final class ScenarioFleet {

    private static final int[][] CPS_BY_SERVER = {
            {8, 2}, {5, 3, 2}, {4, 2, 2, 2}, {6, 2}, {3, 3, 2},
            {8, 3, 2, 2}, {2, 2}, {5, 4, 2}, {3, 2, 2, 2}, {6, 3, 2}};
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
