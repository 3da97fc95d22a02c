package io.codac.adapter.kafka;

import io.codac.adapter.call.domain.PjsipEndpoint;
import io.codac.adapter.dialing.DialCommandHandler;
import io.codac.contracts.domain.PhoneNumberMask;
import io.codac.contracts.domain.TelephonyServer;
import io.codac.contracts.event.DialCommand;
import io.codac.contracts.json.EventCodec;
import io.codac.contracts.json.UndecodableEventException;
import io.codac.contracts.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.support.TopicPartitionOffset;

/**
 * Consumes the dial commands of this server's trunks, and nothing else: the partitions are assigned by
 * hand from the fleet file (no group rebalancing can ever hand us another server's trunk), one consumer
 * thread per trunk so a full trunk never delays another. The consumer group only stores our offsets.
 *
 * <p>Processing is synchronous and the container commits each record's offset after the handler
 * returns, which is after the attempt was durably claimed (or handed back and reported).
 */
public final class DialCommandConsumer implements MessageListener<String, String> {

    private final EventCodec codec;
    private final DialCommandHandler handler;

    public DialCommandConsumer(EventCodec codec, DialCommandHandler handler) {
        this.codec = codec;
        this.handler = handler;
    }

    @Override
    public void onMessage(ConsumerRecord<String, String> record) {
        DialCommand command = requireDialable(codec.decode(record.value(), DialCommand.class)); // poison → dead letter
        try {
            handler.handle(command);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("stopped while placing attempt " + command.attemptId(), e);
        }
    }

    /**
     * A command without an attempt id, number or trunk can never be placed nor reported, and one whose number
     * is not E.164 must never reach a dial string: either is poison. (The codec already refuses both.)
     */
    static DialCommand requireDialable(DialCommand command) {
        if (isBlank(command.attemptId()) || isBlank(command.phoneNumber()) || isBlank(command.trunkId())) {
            throw new UndecodableEventException("dial command " + command.eventId()
                    + " lacks its attemptId, phoneNumber or trunkId");
        }
        if (!PjsipEndpoint.isDialable(command.phoneNumber())) {
            throw new UndecodableEventException("dial command " + command.eventId() + ": "
                    + PhoneNumberMask.mask(command.phoneNumber()) + " is not an E.164 number");
        }
        return command;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** The listener container for {@code server}'s trunks' partitions of the dial-command topic. */
    public static ConcurrentMessageListenerContainer<String, String> container(
            ConsumerFactory<String, String> consumers, Topics topics, TelephonyServer server,
            DialCommandConsumer listener, CommonErrorHandler errorHandler) {
        TopicPartitionOffset[] partitions = server.trunks().stream()
                .map(trunk -> new TopicPartitionOffset(topics.dialCommands(), trunk.partition()))
                .toArray(TopicPartitionOffset[]::new);
        var properties = new ContainerProperties(partitions);
        properties.setGroupId(groupId(topics, server.id()));
        properties.setClientId("dialer-adapter-" + server.id());
        properties.setAckMode(ContainerProperties.AckMode.RECORD);
        properties.setMessageListener(listener);
        var container = new ConcurrentMessageListenerContainer<>(consumers, properties);
        container.setConcurrency(partitions.length);
        container.setCommonErrorHandler(errorHandler);
        container.setBeanName("dialCommands-" + server.id());
        return container;
    }

    public static String groupId(Topics topics, String serverId) {
        return topics.group("dialer-adapter." + serverId);
    }
}
