package io.codac.testsupport;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.MySQLContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/** Kafka, MySQL 8 and Redis 7 in containers, for machines with a Docker engine. */
final class ContainerBackends implements Backends {

    private final KafkaContainer kafka;
    private final MySQLContainer<?> mysql;
    private final GenericContainer<?> redis;

    @SuppressWarnings("resource")
    ContainerBackends() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException("codac.infra=containers needs a Docker engine, and none answers here;"
                    + " use the default (embedded) or external");
        }
        kafka = new KafkaContainer(DockerImageName.parse("apache/kafka:3.9.1"));
        mysql = new MySQLContainer<>(DockerImageName.parse("mysql:8.4")).withUsername("codac").withPassword("codac");
        redis = new GenericContainer<>(DockerImageName.parse("redis:7")).withExposedPorts(6379);
        kafka.start();
        mysql.start();
        redis.start();
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String redisUrl() {
        return "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379);
    }

    @Override
    public DatabaseServer database() {
        return new DatabaseServer(mysql.getHost(), mysql.getMappedPort(3306), "root", mysql.getPassword(),
                mysql.getUsername(), mysql.getPassword());
    }

    @Override
    public void close() {
        Infrastructure.quietly(redis::stop);
        Infrastructure.quietly(mysql::stop);
        Infrastructure.quietly(kafka::stop);
    }
}
