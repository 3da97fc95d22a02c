package io.codac.testsupport;

/**
 * Servers someone else runs: a real cluster, or the machine's own MariaDB and Redis. Settings (system
 * property or environment): {@code codac.infra.kafka} (bootstrap servers), {@code codac.infra.redis}
 * ({@code redis://host:port}), {@code codac.infra.db.host}, {@code .port}, {@code .admin-user},
 * {@code .admin-password} (an account allowed to create schemas), {@code .user}, {@code .password}.
 */
final class ExternalBackends implements Backends {

    @Override
    public String kafkaBootstrapServers() {
        return Settings.required("codac.infra.kafka");
    }

    @Override
    public String redisUrl() {
        return Settings.required("codac.infra.redis");
    }

    @Override
    public DatabaseServer database() {
        String adminUser = Settings.required("codac.infra.db.admin-user");
        String adminPassword = Settings.get("codac.infra.db.admin-password", "");
        return new DatabaseServer(
                Settings.get("codac.infra.db.host", "127.0.0.1"),
                Integer.parseInt(Settings.get("codac.infra.db.port", "3306")),
                adminUser, adminPassword,
                Settings.get("codac.infra.db.user", adminUser),
                Settings.get("codac.infra.db.password", adminPassword));
    }

    @Override
    public void close() {
        // nothing to stop: these servers are not ours
    }
}
