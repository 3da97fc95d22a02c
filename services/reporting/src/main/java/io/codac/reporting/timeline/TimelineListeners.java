package io.codac.reporting.timeline;

import io.codac.contracts.domain.PhoneNumberMask;
import io.codac.contracts.event.CallEvent;
import io.codac.contracts.event.VerificationCompleted;
import io.codac.contracts.event.VerificationRequested;
import io.codac.contracts.json.EventCodec;
import io.codac.contracts.json.UndecodableEventException;
import io.codac.reporting.webhook.WebhookOutbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
    /** Below the R2DBC pool (10), which the other listeners and the webhook senders share. */
    private static final int RESULTS_IN_PARALLEL = 4;

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

    /**
     * A poll's results at once: one verification's results in their order, different verifications side
     * by side (at most {@value #RESULTS_IN_PARALLEL}), so one busy client — one partition — is not held to
     * one database round trip at a time. The batch's offsets are committed only after every projection
     * and webhook delivery of it is written. An undecodable record is dead-lettered alone: the records
     * before it are projected first, then {@link BatchListenerFailedException} names it.
     */
    @KafkaListener(id = "reporting-timeline-results", containerFactory = "timelineResultsContainerFactory",
            topics = "#{@codacTopics.verificationResults()}", groupId = "#{@codacTopics.group('reporting')}")
    void onVerificationsCompleted(List<ConsumerRecord<String, String>> records) {
        var results = new ArrayList<VerificationCompleted>(records.size());
        UndecodableEventException poison = null;
        for (ConsumerRecord<String, String> record : records) {
            try {
                results.add(codec.decode(record.value(), VerificationCompleted.class));
            } catch (UndecodableEventException e) {
                poison = e;
                break;
            }
        }
        await(Flux.fromIterable(results)
                .groupBy(VerificationCompleted::verificationId)
                .flatMap(sameVerification -> sameVerification.concatMap(this::project), RESULTS_IN_PARALLEL)
                .then());
        if (poison != null) {
            throw new BatchListenerFailedException(poison.getMessage(), poison, results.size());
        }
    }

    private Mono<Void> project(VerificationCompleted result) {
        log.debug("projecting result {} of {} ({})", result.status(), result.verificationId(),
                PhoneNumberMask.mask(result.phoneNumber()));
        return projector.project(result).then(webhooks.completed(result.verificationId()));
    }

    private static void await(Mono<Void> writes) {
        writes.block(WRITE_TIMEOUT);
    }
}
