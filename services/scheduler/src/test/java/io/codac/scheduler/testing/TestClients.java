package io.codac.scheduler.testing;

import io.codac.testsupport.Database;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The clients an integration test plays the rest of the system with: a Kafka producer (as ingest and the adapters
 * publish), a consumer of what the scheduler publishes, and a look into the scheduler's tables.
 */
public final class TestClients {

    private TestClients() {
    }

    public static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    /** Committed records only, nothing committed by the consumer itself. */
    public static KafkaConsumer<String, String> consumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                new StringDeserializer());
    }

    /** A {@link #consumer} of every partition of {@code topics}, from their beginning. */
    public static KafkaConsumer<String, String> consumerFromStart(String bootstrap, Collection<String> topics) {
        KafkaConsumer<String, String> consumer = consumer(bootstrap);
        var partitions = new ArrayList<TopicPartition>();
        for (String topic : topics) {
            consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /** The first column of the first row {@code sql} (with one parameter) finds, if any. */
    public static Optional<String> queryOne(Database db, String sql, String parameter) throws SQLException {
        try (var connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             var statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.ofNullable(row.getString(1)) : Optional.empty();
            }
        }
    }
}
