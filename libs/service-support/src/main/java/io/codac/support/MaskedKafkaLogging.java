package io.codac.support;

import io.codac.contracts.domain.PhoneNumberMask;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.ProducerListener;

/**
 * Keeps phone numbers out of Kafka's failure logs. Our records are keyed by E.164 numbers and carry
 * them in their values, and spring-kafka's default producer listener and record formatter print both:
 * this prints the topic, partition, offset and a masked key instead.
 */
public final class MaskedKafkaLogging implements ProducerListener<Object, Object> {

    private static final Logger log = LoggerFactory.getLogger(MaskedKafkaLogging.class);

    /** Replaces spring-kafka's record formatter (used by its error handlers) for the whole JVM. */
    public static void installRecordFormatter() {
        KafkaUtils.setConsumerRecordFormatter(record -> record.topic() + "-" + record.partition() + "@" + record.offset()
                + " key=" + maskKey(record.key()));
    }

    @Override
    public void onError(ProducerRecord<Object, Object> record, RecordMetadata metadata, Exception exception) {
        log.error("publishing to {} (key {}) failed: {}", record.topic(), maskKey(record.key()), exception.getMessage());
    }

    static String maskKey(Object key) {
        if (key == null) {
            return "<none>";
        }
        String text = key.toString();
        return text.startsWith("+") ? PhoneNumberMask.mask(text) : text;
    }
}
