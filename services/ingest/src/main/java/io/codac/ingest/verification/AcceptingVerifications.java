package io.codac.ingest.verification;

import io.codac.contracts.domain.PhoneNumberMask;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.codac.contracts.topic.Topics;
import io.codac.ingest.domain.RandomTokens;
import io.codac.ingest.verification.domain.AcceptedVerification;
import io.codac.ingest.verification.domain.PublishState;
import io.codac.ingest.verification.domain.VerificationRequest;
import io.codac.support.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

/**
 * Accepts a validated request durably, and never twice:
 * <ol>
 *   <li>record it in {@code accepted_verifications}, {@code PUBLISHING} (the idempotency key's unique
 *       index decides whether this is a new request or a retry);</li>
 *   <li>publish {@code VerificationRequested}, keyed by the number, and wait for the broker's ack;</li>
 *   <li>acknowledged: mark it {@code PUBLISHED} and answer {@code 202};</li>
 *   <li>provably never sent ({@link Publication.NeverSent}): withdraw the record and answer {@code 503};</li>
 *   <li>no ack but maybe written ({@link Publication.Unknown}, e.g. a delivery timeout after the batch
 *       went out): keep the record {@code UNCONFIRMED} and answer {@code 503}. It may be dialed, so a
 *       retry with the same {@code Idempotency-Key} must not create a second verification: it
 *       publishes the same one again (the scheduler and reporting deduplicate by verification id) and
 *       answers {@code 202} once acknowledged.</li>
 * </ol>
 * A retry that finds the original still {@code PUBLISHING} is answered {@code 503} (come back later),
 * never a {@code 202} for a request that is not durable yet. After {@link #inFlightFor} a
 * {@code PUBLISHING} record is presumed abandoned (its gateway died mid-publish) and a retry takes it
 * over like an {@code UNCONFIRMED} one. Whether or not the client retries (without a key it cannot),
 * {@link ResolvingUnpublished} publishes such records again the same way after a while, so that every
 * accepted request ends either withdrawn or {@code PUBLISHED}.
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
    /** How long a {@code PUBLISHING} record belongs to the request that created it: its publish plus its bookkeeping. */
    private final Duration inFlightFor;

    private final CircuitBreaker breaker;

    AcceptingVerifications(AcceptedVerifications store, EventPublisher publisher, Topics topics,
                           RandomTokens tokens, Clock clock, Duration publishTimeout, CircuitBreaker breaker) {
        this.breaker = breaker;
        this.store = store;
        this.publisher = publisher;
        this.topics = topics;
        this.tokens = tokens;
        this.clock = clock;
        this.publishTimeout = publishTimeout;
        this.inFlightFor = publishTimeout.multipliedBy(2);
    }

    /**
     * The whole sequence runs to its end even if the client hangs up half-way: cancelling between the
     * insert and the publish would otherwise leave a record in {@code PUBLISHING} until it is abandoned.
     */
    Mono<Acceptance> accept(String clientId, VerificationRequest request, String idempotencyKey, String requestHash) {
        if (isOpen(breaker)) {
            // Kafka has just failed again and again: refuse at once, before anything is recorded
            return Mono.just(new Acceptance.NotDurable("Kafka is unavailable (circuit open)"));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // the database keeps milliseconds
        AcceptedVerification verification = AcceptedVerification.of(
                tokens.next("ver_", VERIFICATION_ID_BYTES), clientId, request, idempotencyKey, requestHash, now);
        Mono<Acceptance> sequence = store.insert(verification)
                .flatMap(inserted -> inserted
                        ? publishNew(verification)
                        : retried(clientId, idempotencyKey, requestHash));
        return Mono.fromFuture(sequence.toFuture(), true);
    }

    /** Whether the client already used this {@code Idempotency-Key} (for whatever request). */
    Mono<Boolean> isKeyUsed(String clientId, String idempotencyKey) {
        return store.findByIdempotencyKey(clientId, idempotencyKey).hasElement();
    }

    /**
     * Resolves a record whose publish is still unresolved ({@code UNCONFIRMED}, or {@code PUBLISHING} past
     * {@link #inFlightFor}) without waiting for its client's retry, exactly as such a retry would: the same
     * verification is published again. {@link Acceptance.Replayed} once Kafka acknowledged it,
     * {@link Acceptance.Unconfirmed} if it is still unresolved, {@link Acceptance.InFlight} if a request
     * resolved it meanwhile.
     */
    Mono<Acceptance> publishAgain(AcceptedVerification unresolved) {
        return republish(unresolved);
    }

    private Mono<Acceptance> publishNew(AcceptedVerification verification) {
        return publish(verification).flatMap(outcome -> switch (outcome) {
            case Publication.Acknowledged ignored -> confirmed(verification, new Acceptance.Created(verification));
            case Publication.NeverSent neverSent -> withdraw(verification, neverSent.cause());
            case Publication.Unknown unknown -> leaveUnconfirmed(verification, unknown.cause());
        });
    }

    private Mono<Acceptance> retried(String clientId, String idempotencyKey, String requestHash) {
        return store.findByIdempotencyKey(clientId, idempotencyKey)
                .flatMap(existing -> switch (existing.retriedWith(requestHash, clock.instant(), inFlightFor)) {
                    case CONFLICT -> Mono.<Acceptance>just(new Acceptance.Conflict(existing.verificationId()));
                    case REPLAY -> Mono.<Acceptance>just(new Acceptance.Replayed(existing));
                    case IN_FLIGHT -> Mono.<Acceptance>just(new Acceptance.InFlight(existing.verificationId()));
                    case REPUBLISH -> republish(existing);
                })
                // the first request with this key was withdrawn a moment ago (Kafka never had it): try again later
                .defaultIfEmpty(new Acceptance.NotDurable("a request with this Idempotency-Key was just withdrawn"));
    }

    /**
     * Publishes a verification the broker may already have, under its original id. Whatever happens,
     * the record stays: a failure here proves nothing about the earlier publish.
     */
    private Mono<Acceptance> republish(AcceptedVerification existing) {
        Mono<Boolean> ours = existing.publishState() == PublishState.PUBLISHING
                ? store.unconfirm(existing.verificationId()) // take over an abandoned publish; it can no longer be withdrawn
                : Mono.just(true);
        return ours.flatMap(tookOver -> {
            if (!tookOver) { // its state changed under us: the original finished, or another retry took over
                return Mono.just(new Acceptance.InFlight(existing.verificationId()));
            }
            log.info("publishing {} ({}) again: its first publish was not confirmed", existing.verificationId(),
                    PhoneNumberMask.mask(existing.phoneNumber()));
            return publish(existing).flatMap(outcome -> switch (outcome) {
                case Publication.Acknowledged ignored -> confirmed(existing, new Acceptance.Replayed(existing));
                case Publication.NeverSent failure -> stillUnconfirmed(existing, failure.cause());
                case Publication.Unknown failure -> stillUnconfirmed(existing, failure.cause());
            });
        });
    }

    /**
     * Every publish passes the circuit breaker: while it is open (or half-open with its probes taken) the
     * record is never sent ({@link Publication.NeverSent}), so a new request is withdrawn and a retry of
     * an unconfirmed one stays unconfirmed — the breaker changes how fast we say {@code 503}, never what
     * a {@code 503} leaves behind. Each outcome is recorded: an acknowledgement is a success, anything
     * else a failure.
     */
    private Mono<Publication.Outcome> publish(AcceptedVerification verification) {
        var event = verification.requestedEvent();
        return Mono.defer(() -> {
            if (!breaker.tryAcquirePermission()) {
                return Mono.just(new Publication.NeverSent(CallNotPermittedException.createCallNotPermittedException(breaker)));
            }
            long start = System.nanoTime();
            return Publication.publish(() -> publisher.publish(topics.verificationRequested(), event), publishTimeout)
                    .doOnNext(outcome -> {
                        long took = System.nanoTime() - start;
                        switch (outcome) {
                            case Publication.Acknowledged ignored -> breaker.onSuccess(took, TimeUnit.NANOSECONDS);
                            case Publication.NeverSent failed -> breaker.onError(took, TimeUnit.NANOSECONDS, failed.cause());
                            case Publication.Unknown failed -> breaker.onError(took, TimeUnit.NANOSECONDS, failed.cause());
                        }
                    });
        });
    }

    private static boolean isOpen(CircuitBreaker breaker) {
        var state = breaker.getState();
        return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
    }

    /** Kafka has it: the answer is {@code 202} even if the bookkeeping fails (a retry then republishes, harmlessly). */
    private Mono<Acceptance> confirmed(AcceptedVerification verification, Acceptance answer) {
        log.debug("accepted {} for {} ({})", verification.verificationId(), verification.clientId(),
                PhoneNumberMask.mask(verification.phoneNumber()));
        return store.confirm(verification.verificationId())
                .onErrorResume(error -> {
                    log.warn("{} is on Kafka but could not be marked published: {}", verification.verificationId(),
                            error.toString());
                    return Mono.empty();
                })
                .thenReturn(answer);
    }

    private Mono<Acceptance> withdraw(AcceptedVerification verification, Throwable error) {
        log.warn("Kafka never received {} ({}): {}; withdrawing it", verification.verificationId(),
                PhoneNumberMask.mask(verification.phoneNumber()), describe(error));
        return store.withdraw(verification.verificationId())
                .onErrorResume(deleteError -> {
                    // it stays PUBLISHING; once abandoned, a retry with its key publishes it
                    log.error("could not withdraw {}: {}", verification.verificationId(), deleteError.toString());
                    return Mono.just(false);
                })
                .thenReturn(new Acceptance.NotDurable("the request could not be made durable: "
                        + error.getClass().getSimpleName()));
    }

    private Mono<Acceptance> leaveUnconfirmed(AcceptedVerification verification, Throwable error) {
        log.warn("no acknowledgement for {} ({}), which Kafka may have anyway: {}; kept as unconfirmed",
                verification.verificationId(), PhoneNumberMask.mask(verification.phoneNumber()), describe(error));
        return store.unconfirm(verification.verificationId())
                .onErrorResume(updateError -> {
                    // it stays PUBLISHING; once abandoned, a retry with its key publishes it again all the same
                    log.error("could not mark {} unconfirmed: {}", verification.verificationId(), updateError.toString());
                    return Mono.just(false);
                })
                .thenReturn(new Acceptance.Unconfirmed(verification.verificationId()));
    }

    private Mono<Acceptance> stillUnconfirmed(AcceptedVerification verification, Throwable error) {
        log.warn("publishing {} ({}) again failed: {}; still unconfirmed", verification.verificationId(),
                PhoneNumberMask.mask(verification.phoneNumber()), describe(error));
        return Mono.just(new Acceptance.Unconfirmed(verification.verificationId()));
    }

    /** The failure and the Kafka exception under Spring's "Send failed" wrapper (Kafka names topics, never values). */
    private static String describe(Throwable error) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(error);
        return root == error ? error.toString() : error + " (" + root + ")";
    }
}
