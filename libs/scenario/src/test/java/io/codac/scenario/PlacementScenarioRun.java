package io.codac.scenario;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lets Maven run {@link PlacementScenario} with the {@code benchmark} profile (failsafe includes only this class
 * there; the default build never runs it, because tests never time things). Whatever the figures on a busy machine,
 * no policy may dial anyone twice.
 */
class PlacementScenarioRun {

    @Test
    void placementScenario() throws Exception {
        List<List<PolicyFigures>> rounds = PlacementScenario.runAndReport();

        assertThat(rounds).flatMap(round -> round)
                .allSatisfy(f -> assertThat(f.doubleDials()).as("double dials of %s", f.policy()).isZero());
    }
}
