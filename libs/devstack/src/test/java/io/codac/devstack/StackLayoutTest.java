package io.codac.devstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackLayoutTest {

    @Test
    void findsTheRunnableJarOfAModule(@TempDir Path home) throws Exception {
        Path target = Files.createDirectories(home.resolve("services/scheduler/target"));
        Files.createFile(target.resolve("codac-scheduler-0.1.0-SNAPSHOT.jar"));
        Path exec = Files.createFile(target.resolve("codac-scheduler-0.1.0-SNAPSHOT-exec.jar"));

        assertThat(new StackLayout(home).execJar("services/scheduler")).isEqualTo(exec);
    }

    @Test
    void saysHowToBuildAMissingJar(@TempDir Path home) {
        assertThatThrownBy(() -> new StackLayout(home).execJar("services/ingest"))
                .hasMessageContaining("no runnable jar")
                .hasMessageContaining("./codac up");
    }

    @Test
    void keepsItsStateUnderDotCodac(@TempDir Path home) {
        var layout = new StackLayout(home);

        assertThat(layout.stackFile()).isEqualTo(home.resolve(".codac/stack.json"));
        assertThat(layout.logsDir()).isEqualTo(home.resolve(".codac/logs"));
        assertThat(layout.fleetFile()).isEqualTo(home.resolve("deploy/local/fleet.yml"));
    }
}
