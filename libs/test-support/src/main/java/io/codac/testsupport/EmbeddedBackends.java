package io.codac.testsupport;

import io.codac.testsupport.embedded.EmbeddedMariaDb;
import io.codac.testsupport.embedded.EmbeddedRedis;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.util.Map;

/** Kafka in-process (KRaft), MariaDB and redis-server as child processes: the default, needs only a JDK. */
final class EmbeddedBackends implements Backends {

    private final EmbeddedKafkaKraftBroker kafka;
    private final EmbeddedMariaDb mariaDb;
    private final EmbeddedRedis redis;

    EmbeddedBackends() {
        kafka = new EmbeddedKafkaKraftBroker(1, 1);
        kafka.brokerProperties(Map.of(
                "auto.create.topics.enable", "false",
                "group.initial.rebalance.delay.ms", "0",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "offsets.topic.replication.factor", "1"));
        kafka.afterPropertiesSet();
        mariaDb = EmbeddedMariaDb.start(FreePorts.next(), null);
        redis = EmbeddedRedis.start(FreePorts.next());
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.getBrokersAsString();
    }

    @Override
    public String redisUrl() {
        return redis.url();
    }

    @Override
    public DatabaseServer database() {
        return new DatabaseServer("127.0.0.1", mariaDb.port(), EmbeddedMariaDb.SERVICE_USER, EmbeddedMariaDb.SERVICE_PASSWORD,
                EmbeddedMariaDb.SERVICE_USER, EmbeddedMariaDb.SERVICE_PASSWORD);
    }

    @Override
    public void close() {
        Infrastructure.quietly(redis::close);
        Infrastructure.quietly(mariaDb::close);
        Infrastructure.quietly(kafka::destroy);
    }
}
