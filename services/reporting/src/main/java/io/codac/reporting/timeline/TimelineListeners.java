package io.codac.reporting.timeline;

import io.codac.contracts.domain.PhoneNumberMask;
import io.codac.contracts.event.CallEvent;
import io.codac.contracts.event.VerificationCompleted;
import io.codac.contracts.event.VerificationRequested;
import io.codac.contracts.json.EventCodec;
import io.codac.reporting.webhook.WebhookOutbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * The Kafka edge of the timeline. Each listener blocks until its writes are done, so the container
 * commits the offset only once the projection is durable; a failure is retried by the shared error
 * handler (the partition pauses, nothing is dropped) and an undecodable record is dead-lettered.
 * Records arrive as {@link ConsumerRecord}s so that even a null value reaches the decoder and is
 * dead-lettered, instead of failing conversion before the listener. Requests and results also feed the
 * webhook outbox, after the timeline (which it reads) is written.
 */
class TimelineListeners {

    private static final Logger log = LoggerFactory.getLogger(TimelineListeners.class);

    /** Long enough for a slow database, short enough that a hung connection becomes a retry. */
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final EventCodec codec;
    private final TimelineProjector projector;
    private final WebhookOutbox webhooks;

    TimelineListeners(EventCodec codec, TimelineProjector projector, WebhookOutbox webhooks) {
        this.codec = codec;
        this.projector = projector;
        this.webhooks = webhooks;
    }

    @KafkaListener(id = "reporting-timeline-requests",
            topics = "#{@codacTopics.verificationRequested()}", groupId = "#{@codacTopics.group('reporting')}")
    void onVerificationRequested(ConsumerRecord<String, String> record) {
        var request = codec.decode(record.value(), VerificationRequested.class);
        log.debug("projecting request {} for {}", request.verificationId(), PhoneNumberMask.mask(request.phoneNumber()));
        // The webhook outbox reads the projected timeline, so it runs after the projection, in the same record.
        await(projector.project(request).then(webhooks.requested(request)));
    }

    @KafkaListener(id = "reporting-timeline-call-events",
            topics = "#{@codacTopics.callEvents()}", groupId = "#{@codacTopics.group('reporting')}")
    void onCallEvent(ConsumerRecord<String, String> record) {
        var event = codec.decode(record.value(), CallEvent.class);
        log.debug("projecting {} of attempt {} ({})", event.type(), event.leg().attemptId(),
                PhoneNumberMask.mask(event.leg().phoneNumber()));
        await(projector.project(event));
    }

    @KafkaListener(id = "reporting-timeline-results",
            topics = "#{@codacTopics.verificationResults()}", groupId = "#{@codacTopics.group('reporting')}")
    void onVerificationCompleted(ConsumerRecord<String, String> record) {
        var result = codec.decode(record.value(), VerificationCompleted.class);
        log.debug("projecting result {} of {} ({})", result.status(), result.verificationId(),
                PhoneNumberMask.mask(result.phoneNumber()));
        await(projector.project(result).then(webhooks.completed(result.verificationId())));
    }

    private static void await(Mono<Void> writes) {
        writes.block(WRITE_TIMEOUT);
    }
}
