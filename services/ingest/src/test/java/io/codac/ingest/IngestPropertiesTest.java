package io.codac.ingest;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IngestPropertiesTest {

    private static IngestProperties bind(Map<String, String> settings) {
        var all = new HashMap<>(settings);
        all.put("codac.ingest.admin-token", "secret");
        return new Binder(new MapConfigurationPropertySource(all)).bind("codac.ingest", IngestProperties.class).get();
    }

    @Test
    void missedCallsAreOfferedUnlessSwitchedOff() {
        assertThat(bind(Map.of()).missedCallEnabled()).isTrue();
        assertThat(bind(Map.of("codac.ingest.missed-call-enabled", "false")).missedCallEnabled()).isFalse();
    }

    @Test
    void unresolvedPublishesAreLeftAloneWhileTheirOwnPublishMayStillBeRunning() {
        IngestProperties.Unresolved defaults = bind(Map.of()).unresolved();
        assertThat(defaults.after()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.every()).isEqualTo(Duration.ofSeconds(5));

        assertThatThrownBy(() -> bind(Map.of("codac.ingest.publish-timeout", "5s", "codac.ingest.unresolved.after", "9s")))
                .hasRootCauseMessage("codac.ingest.unresolved.after must be at least twice the publish timeout (PT10S):"
                        + " a request still publishing is not unresolved");
        assertThat(bind(Map.of("codac.ingest.publish-timeout", "5s", "codac.ingest.unresolved.after", "10s"))
                .unresolved().after()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        IngestProperties defaults = bind(Map.of());

        assertThat(defaults.publishTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.retryAfter()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.maxBodyBytes()).isEqualTo(16384);
        assertThat(defaults.allowInsecureCallbacks()).isFalse();
    }
}
