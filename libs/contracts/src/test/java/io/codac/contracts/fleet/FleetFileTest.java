package io.codac.contracts.fleet;

import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.FleetValidationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FleetFileTest {

    private static final String TWO_SERVERS = """
            servers:
              - id: srv1
                ari: { url: "http://127.0.0.1:8091", username: codac, password: secret }
                dids: ["+918000000001"]
                trunks:
                  - { id: srv1-a, carrier: airtel, partition: 0, cps: 20, maxChannels: 60 }
                  - { id: srv1-b, carrier: jio, partition: 1, cps: 10, maxChannels: 30 }
              - id: srv2
                ari: { url: "http://127.0.0.1:8092", username: codac, password: secret }
                trunks:
                  - { id: srv2-a, carrier: vi, partition: 2, cps: 15, maxChannels: 40 }
            """;

    @Test
    void loadsServersTrunksAndPartitions() {
        Fleet fleet = FleetFile.parse(TWO_SERVERS, "test");

        assertThat(fleet.servers()).hasSize(2);
        assertThat(fleet.dialCommandPartitions()).isEqualTo(3);
        assertThat(fleet.serverOf("srv2-a").id()).isEqualTo("srv2");
        assertThat(fleet.trunksByPartition().get(1).id()).isEqualTo("srv1-b");
        assertThat(fleet.server("srv1").orElseThrow().ari().app()).isEqualTo("codac");
        assertThat(fleet.dids()).containsExactly("+918000000001");
    }

    @Test
    void refusesTwoTrunksOnOnePartition() {
        String yaml = TWO_SERVERS.replace("partition: 2", "partition: 1");

        assertThatThrownBy(() -> FleetFile.parse(yaml, "test"))
                .isInstanceOf(FleetValidationException.class)
                .hasMessageContaining("share dial-command partition 1");
    }

    @Test
    void refusesAGapInPartitions() {
        String yaml = TWO_SERVERS.replace("partition: 2", "partition: 5");

        assertThatThrownBy(() -> FleetFile.parse(yaml, "test"))
                .isInstanceOf(FleetValidationException.class)
                .hasMessageContaining("partition 2 has no trunk");
    }

    @Test
    void refusesATrunkWithoutChannels() {
        String yaml = TWO_SERVERS.replace("maxChannels: 40", "maxChannels: 0");

        assertThatThrownBy(() -> FleetFile.parse(yaml, "test"))
                .isInstanceOf(FleetValidationException.class)
                .hasMessageContaining("srv2-a: maxChannels must be > 0");
    }

    @Test
    void refusesAnUnknownKeySoTyposFailAtStart() {
        String yaml = TWO_SERVERS.replace("carrier: vi", "carier: vi");

        assertThatThrownBy(() -> FleetFile.parse(yaml, "test"))
                .isInstanceOf(FleetValidationException.class)
                .hasMessageContaining("carier");
    }

    @Test
    void refusesADuplicateServerAndABadAriUrl() {
        assertThatThrownBy(() -> FleetFile.parse(TWO_SERVERS.replace("id: srv2\n", "id: srv1\n"), "test"))
                .isInstanceOf(FleetValidationException.class)
                .hasMessageContaining("srv1 is listed twice");
        assertThatThrownBy(() -> FleetFile.parse(TWO_SERVERS.replace("http://127.0.0.1:8092", "ftp://x"), "test"))
                .isInstanceOf(FleetValidationException.class)
                .hasMessageContaining("must be http(s)://host:port/");
    }

    @Test
    void refusesAMissingFile() {
        assertThatThrownBy(() -> FleetFile.load(java.nio.file.Path.of("/nonexistent/fleet.yml")))
                .isInstanceOf(FleetValidationException.class)
                .hasMessageContaining("does not exist");
    }
}
