package io.codac.adapter;

import io.codac.testsupport.TestFleets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An adapter that is not told which server it drives, or is told one the fleet does not have, refuses to start. */
class ServerIdIsRequiredIT {

    private final Path fleetFile = TestFleets.write(TestFleets.fleet(2, 1, 5, 5));

    private void start(String... extra) {
        String[] common = {"--codac.fleet-file=" + fleetFile, "--server.port=0", "--spring.main.banner-mode=off",
                "--spring.kafka.bootstrap-servers=127.0.0.1:9", "--codac.topics.create=false"};
        String[] args = new String[common.length + extra.length];
        System.arraycopy(common, 0, args, 0, common.length);
        System.arraycopy(extra, 0, args, common.length, extra.length);
        new SpringApplicationBuilder(DialerAdapterApplication.class).run(args).close();
    }

    @Test
    void anAdapterWithoutServerIdStopsAtStartSayingWhichServersExist() {
        assertThatThrownBy(this::start)
                .rootCause()
                .hasMessageContaining("codac.adapter.server-id is required")
                .hasMessageContaining("srv1, srv2");
    }

    @Test
    void anAdapterForAServerOutsideTheFleetStopsAtStart() {
        assertThatThrownBy(() -> start("--codac.adapter.server-id=srv9"))
                .rootCause()
                .hasMessageContaining("'srv9' is not in the fleet file");
    }
}
