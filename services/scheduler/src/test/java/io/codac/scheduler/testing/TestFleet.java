package io.codac.scheduler.testing;

import io.codac.contracts.domain.AriEndpoint;
import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.TelephonyServer;
import io.codac.contracts.domain.Trunk;

import java.util.ArrayList;
import java.util.List;

/** Small fleets for unit tests, built by hand so each test states the contracts it relies on. */
public final class TestFleet {

    private final List<TelephonyServer> servers = new ArrayList<>();
    private int nextPartition;

    public static TestFleet builder() {
        return new TestFleet();
    }

    /** A server with trunks given as (id, cps, channels) triples, and one DID. */
    public TestFleet server(String serverId, TrunkSpec... trunks) {
        var built = new ArrayList<Trunk>();
        for (TrunkSpec spec : trunks) {
            built.add(new Trunk(spec.id(), "carrier-" + spec.id(), nextPartition++, spec.cps(), spec.channels()));
        }
        String did = "+4420700000" + String.format("%02d", servers.size());
        servers.add(new TelephonyServer(serverId,
                new AriEndpoint("http://127.0.0.1:" + (8091 + servers.size()) + "/", "codac", "codac", "codac"),
                built, List.of(did)));
        return this;
    }

    public Fleet build() {
        return new Fleet(servers);
    }

    public static TrunkSpec trunk(String id, int cps, int channels) {
        return new TrunkSpec(id, cps, channels);
    }

    public record TrunkSpec(String id, int cps, int channels) {
    }
}
