package io.codac.sim;

import io.codac.contracts.domain.AriEndpoint;
import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.TelephonyServer;
import io.codac.contracts.domain.Trunk;
import io.codac.sim.domain.NumberFate;
import io.codac.sim.domain.SimSettings;
import io.codac.testsupport.FreePorts;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatedFleetIT {

    @Test
    void aFleetThatCannotBindEveryPortFailsToStartAndReleasesThePortsItHadBound() throws Exception {
        int free = FreePorts.next();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Fleet fleet = fleet(free, taken.getLocalPort());

            assertThatThrownBy(() -> SimulatedFleet.start(fleet, SimSettings.fast())).isInstanceOf(RuntimeException.class);
        }
        try (ServerSocket again = new ServerSocket(free, 1, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(free);
        }
    }

    @Test
    void aClosedFleetReleasesItsPortsSoAnotherCanTakeThem() {
        Fleet fleet = fleet(FreePorts.next(), FreePorts.next());
        SimulatedFleet.start(fleet, SimSettings.fast()).close();

        try (SimulatedFleet again = SimulatedFleet.start(fleet, SimSettings.fast())) {
            assertThat(again.stats().trunks()).hasSize(2);
        }
    }

    @Test
    void numbersOfAFateHaveThatFateAndAreNeverHandedOutTwice() {
        try (SimulatedFleet sim = SimulatedFleet.start(fleet(FreePorts.next(), FreePorts.next()), SimSettings.fast())) {
            List<String> first = sim.numbersWithFate(NumberFate.BUSY, 20);
            List<String> second = sim.numbersWithFate(NumberFate.BUSY, 20);

            assertThat(first).hasSize(20).doesNotHaveDuplicates().doesNotContainAnyElementsOf(second);
            assertThat(first).allMatch(n -> sim.fateOf(n) == NumberFate.BUSY);
        }
    }

    private static Fleet fleet(int port1, int port2) {
        return new Fleet(List.of(server("srv1", port1, new Trunk("t1", "airtel", 0, 5, 5)),
                server("srv2", port2, new Trunk("t2", "jio", 1, 5, 5))));
    }

    private static TelephonyServer server(String id, int port, Trunk trunk) {
        return new TelephonyServer(id, new AriEndpoint("http://127.0.0.1:" + port, "codac", "codac", "codac"),
                List.of(trunk), List.of());
    }
}
