package io.codac.scheduler;

import io.codac.scheduler.SchedulerProperties.PlacementPolicyKind;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SchedulerPropertiesTest {

    private static SchedulerProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("codac.scheduler", SchedulerProperties.class);
    }

    @Test
    void ourPolicyIsTheDefault() {
        assertThat(bind(Map.of()).placementPolicy()).isEqualTo(PlacementPolicyKind.ROUTE_AWARE);
    }

    @Test
    void theBenchmarksBaselinesAreNamedAsTheDocsSay() {
        assertThat(bind(Map.of("codac.scheduler.placement-policy", "naive-round-robin")).placementPolicy())
                .isEqualTo(PlacementPolicyKind.NAIVE_ROUND_ROBIN);
        assertThat(bind(Map.of("codac.scheduler.placement-policy", "round-robin")).placementPolicy())
                .isEqualTo(PlacementPolicyKind.ROUND_ROBIN);
    }

    @Test
    void onlyTheNaiveBaselineRunsWithoutTheDistributionLayer() {
        assertThat(PlacementPolicyKind.NAIVE_ROUND_ROBIN.withoutDistributionLayer()).isTrue();
        assertThat(PlacementPolicyKind.ROUND_ROBIN.withoutDistributionLayer()).isFalse();
        assertThat(PlacementPolicyKind.ROUTE_AWARE.withoutDistributionLayer()).isFalse();
    }
}
