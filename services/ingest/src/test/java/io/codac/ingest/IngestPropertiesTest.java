package io.codac.ingest;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

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
    void theDefaultsAreTheDocumentedOnes() {
        IngestProperties defaults = bind(Map.of());

        assertThat(defaults.publishTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.retryAfter()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.maxBodyBytes()).isEqualTo(16384);
        assertThat(defaults.allowInsecureCallbacks()).isFalse();
    }
}
