package io.codac.ingest;

import io.codac.contracts.domain.Fleet;
import io.codac.testsupport.Database;
import io.codac.testsupport.Infrastructure;
import io.codac.testsupport.ServiceProperties;
import io.codac.testsupport.TestFleets;
import io.codac.testsupport.TestNamespace;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * One integration test class's slice of the shared real infrastructure: its own schema, its own topic
 * namespace, and a one-server fleet (whose DID makes missed calls available).
 */
final class IngestTestStack {

    static final String ADMIN_TOKEN = "it-admin-token";

    final Infrastructure infra = Infrastructure.shared();
    final Database db = infra.newDatabase();
    final TestNamespace namespace = infra.newNamespace();
    final Fleet fleet = TestFleets.fleet(1, 1, 10, 10);
    private final Path fleetFile = TestFleets.write(fleet);

    Map<String, Object> properties() {
        var properties = new HashMap<String, Object>(ServiceProperties.common(infra, namespace, fleetFile));
        properties.putAll(db.springProperties("ingest"));
        properties.put("codac.ingest.admin-token", ADMIN_TOKEN);
        // the protections stay out of the way unless a test is about them
        properties.put("codac.ingest.rate-limit.requests-per-second", "100000");
        properties.put("codac.ingest.rate-limit.burst", "100000");
        properties.put("codac.ingest.number-guard.per-hour", "100000");
        return properties;
    }

    void register(DynamicPropertyRegistry registry, Map<String, Object> overrides) {
        var properties = properties();
        properties.putAll(overrides);
        properties.forEach((name, value) -> registry.add(name, () -> value));
    }

    /** Runs SQL statements (separated by ';') on this test's schema, as the service account. */
    void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             Statement statement = connection.createStatement()) {
            // comments first (they may hold ';'), then one statement per ';'
            String withoutComments = sql.lines()
                    .map(line -> line.contains("--") ? line.substring(0, line.indexOf("--")) : line)
                    .reduce("", (a, b) -> a + "\n" + b);
            for (String part : withoutComments.split(";")) {
                if (!part.isBlank()) {
                    statement.execute(part.strip());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed: " + e.getMessage(), e);
        }
    }

    /** The first column of the first row, as text. */
    String queryOne(String sql) {
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             Statement statement = connection.createStatement();
             var result = statement.executeQuery(sql)) {
            if (!result.next()) {
                throw new IllegalStateException("no row for " + sql);
            }
            return result.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed: " + e.getMessage(), e);
        }
    }

    long count(String sql) {
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             Statement statement = connection.createStatement();
             var result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed: " + e.getMessage(), e);
        }
    }
}
