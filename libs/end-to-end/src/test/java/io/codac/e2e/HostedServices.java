package io.codac.e2e;

import io.codac.adapter.DialerAdapterApplication;
import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.TelephonyServer;
import io.codac.testsupport.ServiceProperties;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CODAC services hosted in this JVM, each in its own Spring context, closed in the reverse order of their start.
 * <p>
 * They share one classpath, so no service's {@code application.yml} applies here: every setting is given explicitly,
 * the common ones once, as command-line arguments (which take precedence over anything else).
 */
final class HostedServices implements AutoCloseable {

    private final Map<String, Object> common;
    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    HostedServices(Map<String, Object> common) {
        this.common = new HashMap<>(common);
        this.common.put("spring.config.name", "codac-end-to-end");
    }

    ConfigurableApplicationContext start(Class<?> application, Map<String, Object> own) {
        var properties = new HashMap<>(common);
        properties.putAll(own);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .run(ServiceProperties.asArgs(properties));
        contexts.add(context);
        return context;
    }

    /** One dialer adapter per server of the fleet, each with {@code own} besides its server id. */
    void startDialerAdapters(Fleet fleet, Map<String, Object> own) {
        for (TelephonyServer server : fleet.servers()) {
            var properties = new HashMap<>(own);
            properties.put("codac.adapter.server-id", server.id());
            start(DialerAdapterApplication.class, properties);
        }
    }

    @Override
    public void close() {
        for (ConfigurableApplicationContext context : contexts.reversed()) {
            context.close();
        }
        contexts.clear();
    }
}
