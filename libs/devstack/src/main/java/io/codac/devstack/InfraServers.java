package io.codac.devstack;

import io.codac.testsupport.embedded.EmbeddedMariaDb;
import io.codac.testsupport.embedded.EmbeddedRedis;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** The infrastructure servers of the local stack, each run in the foreground of its own process. */
final class InfraServers {

    private InfraServers() {
    }

    /** A single-node KRaft broker with its data under {@code .codac/kafka}; formatted on first start. */
    static int runKafka(StackLayout layout, String[] args) throws IOException {
        Path dataDir = layout.kafkaDataDir();
        Files.createDirectories(dataDir);
        Path config = dataDir.resolve("server.properties");
        Files.writeString(config, """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                controller.listener.names=CONTROLLER
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                inter.broker.listener.name=PLAINTEXT
                log.dirs=%3$s
                num.partitions=3
                auto.create.topics.enable=false
                offsets.topic.replication.factor=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                group.initial.rebalance.delay.ms=0
                log.retention.hours=24
                """.formatted(StackLayout.KAFKA_PORT, StackLayout.KAFKA_CONTROLLER_PORT, dataDir.resolve("logs")));
        Path clusterIdFile = dataDir.resolve("cluster.id");
        if (!Files.exists(clusterIdFile)) {
            Files.writeString(clusterIdFile, Uuid.randomUuid().toString());
        }
        String clusterId = Files.readString(clusterIdFile).trim();
        int formatted = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", config.toString(),
                "--ignore-formatted"}, new PrintStream(System.out, true));
        if (formatted != 0) {
            System.err.println("kafka storage could not be formatted (exit " + formatted + ")");
            return formatted;
        }
        kafka.Kafka.main(new String[] {config.toString()});
        return 0;
    }

    /** MariaDB with its data under {@code .codac/mariadb}, the {@code codac} schema and account. */
    static int runMariaDb(StackLayout layout, String[] args) throws InterruptedException {
        EmbeddedMariaDb db = EmbeddedMariaDb.start(StackLayout.MARIADB_PORT, layout.mariaDbDataDir());
        db.createSchema(StackLayout.DATABASE);
        System.out.println("mariadb ready on 127.0.0.1:" + db.port());
        return blockUntilTerminated(db);
    }

    static int runRedis(String[] args) throws InterruptedException {
        EmbeddedRedis redis = EmbeddedRedis.start(StackLayout.REDIS_PORT);
        System.out.println("redis ready on " + redis.url());
        return blockUntilTerminated(redis);
    }

    private static int blockUntilTerminated(AutoCloseable server) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("while stopping: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }));
        stopped.await();
        return 0;
    }
}
