package io.codac.adapter.kafka;

import io.codac.contracts.domain.TelephonyServer;
import io.codac.contracts.domain.Trunk;
import io.codac.contracts.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

import java.util.Set;
import java.util.TreeSet;

/**
 * Owns the listener container of this server's trunks' partitions, so that a reloaded fleet file can
 * reassign them without a restart: the running container is stopped (its in-flight command finishes and is
 * committed) and one for the new partitions starts from the group's committed offsets.
 */
public final class DialCommandPartitions implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DialCommandPartitions.class);

    private final ConsumerFactory<String, String> consumers;
    private final Topics topics;
    private final DialCommandConsumer listener;
    private final CommonErrorHandler errorHandler;
    private TelephonyServer server;
    private ConcurrentMessageListenerContainer<String, String> container;
    private volatile boolean running;

    public DialCommandPartitions(ConsumerFactory<String, String> consumers, Topics topics, TelephonyServer server,
                                 DialCommandConsumer listener, CommonErrorHandler errorHandler) {
        this.consumers = consumers;
        this.topics = topics;
        this.server = server;
        this.listener = listener;
        this.errorHandler = errorHandler;
    }

    @Override
    public synchronized void start() {
        if (!running) {
            container = DialCommandConsumer.container(consumers, topics, server, listener, errorHandler);
            container.start();
            running = true;
        }
    }

    @Override
    public synchronized void stop() {
        if (running) {
            container.stop();
            running = false;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return AbstractMessageListenerContainer.DEFAULT_PHASE;
    }

    /** The partitions consumed now. */
    public synchronized Set<Integer> partitions() {
        return partitionsOf(server);
    }

    /** Consumes {@code reloaded}'s trunks' partitions from now on; returns whether they changed. */
    public synchronized boolean reassign(TelephonyServer reloaded) {
        Set<Integer> before = partitionsOf(server);
        Set<Integer> after = partitionsOf(reloaded);
        server = reloaded;
        if (before.equals(after)) {
            return false;
        }
        log.info("server {}: dial-command partitions {} -> {}", reloaded.id(), before, after);
        if (running) {
            container.stop();
            container = DialCommandConsumer.container(consumers, topics, reloaded, listener, errorHandler);
            container.start();
        }
        return true;
    }

    private static Set<Integer> partitionsOf(TelephonyServer server) {
        var partitions = new TreeSet<Integer>();
        server.trunks().stream().map(Trunk::partition).forEach(partitions::add);
        return partitions;
    }
}
