package io.codac.reporting.partner;

import io.codac.contracts.event.VerificationCompleted;
import io.codac.contracts.json.EventCodec;
import io.codac.contracts.topic.Topics;
import io.codac.reporting.partner.domain.PartnerTopic;
import io.codac.support.EventPublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.r2dbc.core.DatabaseClient;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static io.codac.support.sql.SqlValues.utc;

/**
 * Re-publishes each result on its client's partner topic, once: a verification already recorded in
 * {@code partner_publications} is skipped, and the record is written only after the broker's ack. A
 * crash between the ack and that write re-publishes the same event (same event id) once more —
 * partners dedupe by event id, as they do for webhooks. Topics are created on first use (the broker
 * does not auto-create them), with the partition count of the other keyed topics.
 */
class PartnerPublisher {

    private static final Logger log = LoggerFactory.getLogger(PartnerPublisher.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final EventCodec codec;
    private final EventPublisher publisher;
    private final KafkaAdmin admin;
    private final DatabaseClient db;
    private final Topics topics;
    private final int partitions;
    private final Clock clock;
    private final Set<String> created = ConcurrentHashMap.newKeySet();
    private final Counter published;
    private final Counter skipped;

    PartnerPublisher(EventCodec codec, EventPublisher publisher, KafkaAdmin admin, DatabaseClient db, Topics topics,
                     int partitions, Clock clock, MeterRegistry meters) {
        this.codec = codec;
        this.publisher = publisher;
        this.admin = admin;
        this.db = db;
        this.topics = topics;
        this.partitions = partitions;
        this.clock = clock;
        this.published = Counter.builder("codac.reporting.partner.published").register(meters);
        this.skipped = Counter.builder("codac.reporting.partner.skipped")
                .description("Results with a client id that cannot name a topic").register(meters);
    }

    @KafkaListener(id = "reporting-partner-topics", topics = "#{@codacTopics.verificationResults()}",
            groupId = "#{@codacTopics.group('reporting-partners')}")
    void onVerificationCompleted(ConsumerRecord<String, String> record) throws Exception {
        var result = codec.decode(record.value(), VerificationCompleted.class);
        var topic = PartnerTopic.of(topics.namespace(), result.clientId());
        if (topic.isEmpty()) {
            skipped.increment();
            log.warn("result {} not published to a partner topic: client id '{}' cannot name a topic",
                    result.verificationId(), result.clientId());
            return;
        }
        Long already = db.sql("SELECT COUNT(*) AS n FROM partner_publications WHERE verification_id = :id")
                .bind("id", result.verificationId()).map((row, meta) -> row.get("n", Long.class)).one().block(TIMEOUT);
        if (already != null && already > 0) {
            return;
        }
        ensureTopic(topic.get());
        publisher.publish(topic.get(), result).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        db.sql("""
                        INSERT INTO partner_publications (verification_id, event_id, topic, published_at)
                        VALUES (:id, :eventId, :topic, :now) ON DUPLICATE KEY UPDATE verification_id = verification_id
                        """)
                .bind("id", result.verificationId()).bind("eventId", result.eventId()).bind("topic", topic.get())
                .bind("now", utc(clock.instant())).fetch().rowsUpdated().block(TIMEOUT);
        published.increment();
    }

    private void ensureTopic(String name) {
        if (!created.contains(name)) {
            admin.createOrModifyTopics(new NewTopic(name, partitions, (short) -1));
            created.add(name);
        }
    }
}
