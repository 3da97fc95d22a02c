package io.codac.testsupport;

import java.util.HashMap;
import java.util.Map;

/** One schema on the shared database server, with the account services use to reach it. */
public record Database(String host, int port, String name, String username, String password) {

    public String jdbcUrl() {
        return "jdbc:mariadb://" + host + ":" + port + "/" + name;
    }

    public String r2dbcUrl() {
        return "r2dbc:mysql://" + host + ":" + port + "/" + name;
    }

    /**
     * Spring Boot properties that point a service's R2DBC connection and its Flyway migrations at this
     * schema. Every service keeps its own Flyway history table in the shared schema.
     */
    public Map<String, Object> springProperties(String service) {
        var properties = new HashMap<String, Object>();
        properties.put("spring.r2dbc.url", r2dbcUrl());
        properties.put("spring.r2dbc.username", username);
        properties.put("spring.r2dbc.password", password);
        properties.put("spring.flyway.url", jdbcUrl());
        properties.put("spring.flyway.user", username);
        properties.put("spring.flyway.password", password);
        properties.put("spring.flyway.locations", "classpath:db/migration/" + service);
        properties.put("spring.flyway.table", "flyway_history_" + service.replace('-', '_'));
        properties.put("spring.flyway.baseline-on-migrate", "true");
        properties.put("spring.flyway.baseline-version", "0");
        return properties;
    }
}
