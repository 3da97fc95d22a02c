package io.codac.testsupport;

import io.codac.contracts.domain.Fleet;
import io.codac.contracts.fleet.FleetFile;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.SetParams;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared infrastructure is real, and what one test does is invisible to another. */
class InfrastructureIT {

    private final Infrastructure infra = Infrastructure.shared();

    @Test
    void eachTestGetsItsOwnSchemaWithTheServiceAccount() throws Exception {
        Database first = infra.newDatabase();
        Database second = infra.newDatabase();

        try (Connection connection = DriverManager.getConnection(first.jdbcUrl(), first.username(), first.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE probe (id INT PRIMARY KEY)");
            statement.execute("INSERT INTO probe VALUES (1)");
        }
        try (Connection connection = DriverManager.getConnection(second.jdbcUrl(), second.username(), second.password());
             ResultSet tables = connection.getMetaData().getTables(second.name(), null, "probe", null)) {
            assertThat(tables.next()).as("a table of another test's schema").isFalse();
        }
        assertThat(first.springProperties("scheduler"))
                .containsEntry("spring.flyway.table", "flyway_history_scheduler")
                .containsEntry("spring.r2dbc.url", first.r2dbcUrl());
    }

    @Test
    void topicsAreCreatedPerNamespaceWithOnePartitionPerTrunk() throws Exception {
        Fleet fleet = TestFleets.fleet(2, 2, 10, 20);
        TestNamespace namespace = infra.newNamespace();

        infra.createTopics(namespace.topics(), fleet, 3);
        infra.createTopics(namespace.topics(), fleet, 3);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()))) {
            var names = admin.listTopics().names().get();
            assertThat(names).contains(namespace.topics().dialCommands(), namespace.topics().dialCommands() + ".dlt");
            var description = admin.describeTopics(java.util.List.of(namespace.topics().dialCommands()))
                    .allTopicNames().get().get(namespace.topics().dialCommands());
            assertThat(description.partitions()).hasSize(4);
        }
    }

    @Test
    void redisIsARealServerAndFleetFilesRoundTrip() {
        try (JedisPooled redis = new JedisPooled(URI.create(infra.redisUrl()))) {
            String key = infra.newNamespace().redisKeyPrefix() + "probe";
            assertThat(redis.set(key, "1", SetParams.setParams().nx())).isEqualTo("OK");
            assertThat(redis.set(key, "2", SetParams.setParams().nx())).isNull();
        }
        Fleet fleet = TestFleets.fleet(3, 2, 5, 10);
        assertThat(FleetFile.load(TestFleets.write(fleet))).isEqualTo(fleet);
    }
}
