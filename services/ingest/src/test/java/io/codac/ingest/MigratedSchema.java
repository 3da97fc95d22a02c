package io.codac.ingest;

import io.codac.testsupport.Database;
import io.codac.testsupport.Infrastructure;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.flywaydb.core.Flyway;
import org.springframework.r2dbc.core.DatabaseClient;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A fresh schema on the shared MariaDB, migrated by ingest's own Flyway scripts, for tests of a store on its own
 * (no gateway around it): a pooled {@link DatabaseClient} like the gateway's, and JDBC on the side to arrange rows,
 * check them, and hold a table locked while the store's statements queue up behind the lock. Like the shared
 * infrastructure, it lasts as long as the test JVM.
 */
public final class MigratedSchema {

    private final Database db = Infrastructure.shared().newDatabase();
    private final ConnectionPool pool;

    public MigratedSchema() {
        Flyway.configure()
                .dataSource(db.jdbcUrl(), db.username(), db.password())
                .locations("classpath:db/migration/ingest")
                .table("flyway_history_ingest")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        pool = new ConnectionPool(ConnectionPoolConfiguration.builder(ConnectionFactories.get(
                        ConnectionFactoryOptions.parse(db.r2dbcUrl()).mutate()
                                .option(ConnectionFactoryOptions.USER, db.username())
                                .option(ConnectionFactoryOptions.PASSWORD, db.password())
                                .build()))
                .maxSize(10)
                .build());
    }

    public DatabaseClient client() {
        return DatabaseClient.create(pool);
    }

    public ConnectionFactory connections() {
        return pool;
    }

    public void execute(String sql) {
        try (Connection connection = jdbc(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed: " + e.getMessage(), e);
        }
    }

    public String queryOne(String sql) {
        try (Connection connection = jdbc(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            if (!result.next()) {
                throw new IllegalStateException("no row for " + sql);
            }
            return result.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed: " + e.getMessage(), e);
        }
    }

    public long count(String sql) {
        return Long.parseLong(queryOne(sql));
    }

    /**
     * Locks {@code table} for writing until closed: every other session's statement on it waits, so that a store's
     * first statement blocks and the requests after it queue up into one batch.
     */
    public AutoCloseable lockForWriting(String table) {
        try {
            Connection connection = jdbc();
            try (Statement statement = connection.createStatement()) {
                statement.execute("LOCK TABLES " + table + " WRITE");
            }
            return () -> {
                try (connection; Statement statement = connection.createStatement()) {
                    statement.execute("UNLOCK TABLES");
                }
            };
        } catch (SQLException e) {
            throw new IllegalStateException("could not lock " + table + ": " + e.getMessage(), e);
        }
    }

    private Connection jdbc() throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
    }
}
