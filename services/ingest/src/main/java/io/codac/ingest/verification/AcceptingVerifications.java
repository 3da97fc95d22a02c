package io.codac.ingest.verification;

import io.codac.contracts.domain.PhoneNumberMask;
import io.codac.contracts.event.VerificationRequested;
import io.codac.contracts.topic.Topics;
import io.codac.ingest.domain.RandomTokens;
import io.codac.ingest.verification.domain.AcceptedVerification;
import io.codac.ingest.verification.domain.VerificationRequest;
import io.codac.support.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Accepts a validated request, durably or not at all:
 * <ol>
 *   <li>record it in {@code accepted_verifications} (the idempotency key's unique index decides whether
 *       this is a new request or a retry);</li>
 *   <li>publish {@code VerificationRequested}, keyed by the number, and wait for the broker's ack;</li>
 *   <li>if Kafka does not acknowledge within the publish timeout, delete the record again and say so.</li>
 * </ol>
 * The producer's own {@code delivery.timeout.ms} is set below the publish timeout (application.yml), so
 * a failed send is normally reported by Kafka itself before we give up waiting for it.
 */
class AcceptingVerifications {

    private static final Logger log = LoggerFactory.getLogger(AcceptingVerifications.class);
    private static final int VERIFICATION_ID_BYTES = 16;

    private final AcceptedVerifications store;
    private final EventPublisher publisher;
    private final Topics topics;
    private final RandomTokens tokens;
    private final Clock clock;
    private final Duration publishTimeout;

    AcceptingVerifications(AcceptedVerifications store, EventPublisher publisher, Topics topics,
                           RandomTokens tokens, Clock clock, Duration publishTimeout) {
        this.store = store;
        this.publisher = publisher;
        this.topics = topics;
        this.tokens = tokens;
        this.clock = clock;
        this.publishTimeout = publishTimeout;
    }

    /**
     * The whole sequence runs to its end even if the client hangs up half-way: cancelling between the
     * insert and the publish would otherwise leave a record that Kafka never heard of.
     */
    Mono<Acceptance> accept(String clientId, VerificationRequest request, String idempotencyKey, String requestHash) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // the database keeps milliseconds
        AcceptedVerification verification = AcceptedVerification.of(
                tokens.next("ver_", VERIFICATION_ID_BYTES), clientId, request, idempotencyKey, requestHash, now);
        Mono<Acceptance> sequence = store.insert(verification)
                .flatMap(inserted -> inserted
                        ? publishOrWithdraw(verification, request)
                        : replayOrConflict(clientId, idempotencyKey, requestHash));
        return Mono.fromFuture(sequence.toFuture(), true);
    }

    private Mono<Acceptance> publishOrWithdraw(AcceptedVerification verification, VerificationRequest request) {
        VerificationRequested event = verification.requestedEvent(UUID.randomUUID().toString(), request.metadata());
        return Mono.fromFuture(() -> publisher.publish(topics.verificationRequested(), event))
                // KafkaProducer.send blocks while it has no metadata for the topic: keep that off the event loop
                .subscribeOn(Schedulers.boundedElastic())
                .timeout(publishTimeout)
                .<Acceptance>thenReturn(new Acceptance.Created(verification))
                .doOnNext(created -> log.debug("accepted {} for {} ({})", verification.verificationId(),
                        verification.clientId(), PhoneNumberMask.mask(verification.phoneNumber())))
                .onErrorResume(error -> withdraw(verification, error));
    }

    private Mono<Acceptance> withdraw(AcceptedVerification verification, Throwable error) {
        log.warn("Kafka did not take {} ({}): {}; withdrawing it", verification.verificationId(),
                PhoneNumberMask.mask(verification.phoneNumber()), error.toString());
        return store.delete(verification.verificationId())
                .onErrorResume(deleteError -> {
                    // the record stays PENDING for GET but was never published; nothing will ever dial it
                    log.error("could not withdraw {}: {}", verification.verificationId(), deleteError.toString());
                    return Mono.empty();
                })
                .thenReturn(new Acceptance.NotDurable("the request could not be made durable: " + error.getClass().getSimpleName()));
    }

    private Mono<Acceptance> replayOrConflict(String clientId, String idempotencyKey, String requestHash) {
        return store.findByIdempotencyKey(clientId, idempotencyKey)
                .<Acceptance>map(existing -> existing.isSameRequestAs(requestHash)
                        ? new Acceptance.Replayed(existing)
                        : new Acceptance.Conflict(existing.verificationId()))
                // the first request with this key was withdrawn a moment ago (Kafka refused it): try again later
                .defaultIfEmpty(new Acceptance.NotDurable("a request with this Idempotency-Key was just withdrawn"));
    }
}
