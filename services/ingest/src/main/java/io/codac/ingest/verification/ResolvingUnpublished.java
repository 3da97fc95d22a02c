package io.codac.ingest.verification;

import io.codac.contracts.domain.PhoneNumberMask;
import io.codac.ingest.verification.domain.AcceptedVerification;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.time.Duration;

/**
 * Publishes again the accepted requests whose publish never resolved: {@code UNCONFIRMED} (no acknowledgement, but
 * Kafka may have the record) or {@code PUBLISHING} long after its gateway should have finished (it died
 * mid-publish). Without this, a request sent without an {@code Idempotency-Key} — whose client cannot retry it into
 * the same verification — would stay in doubt for ever: perhaps verified under an id the client never learned,
 * perhaps never carried out.
 *
 * <p>Republishing, not failing, is the one resolution that is true whichever way the first publish went: the event
 * is the very same (same verification id and event id), so if Kafka had it the scheduler and reporting drop the
 * copy, and if it did not the verification is carried out now — which is what the {@code 503} told the client may
 * happen. Either way the record ends {@code PUBLISHED}, and the client hears of the verification through its
 * {@code callbackUrl} (with its {@code clientRef}). A record whose client retries with its key first is resolved by
 * that retry; records are only looked at once {@code after} old.
 *
 * <p>Every instance runs it; two instances republishing one record publish the same event twice, which consumers
 * drop. While Kafka stays away (the circuit breaker open), records stay unresolved and are tried again later.
 * {@code codac.ingest.unresolved.republished{outcome}} counts {@code published} and {@code unresolved}.
 */
public class ResolvingUnpublished {

    public static final String METRIC = "codac.ingest.unresolved.republished";
    static final int BATCH = 100;
    private static final Logger log = LoggerFactory.getLogger(ResolvingUnpublished.class);

    private final AcceptedVerifications store;
    private final AcceptingVerifications accepting;
    private final Clock clock;
    private final Duration after;
    private final Duration every;
    private final MeterRegistry meters;
    private Disposable schedule;

    ResolvingUnpublished(AcceptedVerifications store, AcceptingVerifications accepting, Clock clock, Duration after,
                         Duration every, MeterRegistry meters) {
        this.store = store;
        this.accepting = accepting;
        this.clock = clock;
        this.after = after;
        this.every = every;
        this.meters = meters;
    }

    /** One pass over up to {@link #BATCH} unresolved records, one at a time; how many ended {@code PUBLISHED}. */
    public Mono<Long> resolve() {
        return store.unresolvedCreatedBefore(clock.instant().minus(after), BATCH)
                .concatMap(this::publishAgain)
                .filter(Boolean::booleanValue)
                .count();
    }

    private Mono<Boolean> publishAgain(AcceptedVerification unresolved) {
        return accepting.publishAgain(unresolved).map(outcome -> {
            boolean published = outcome instanceof Acceptance.Replayed;
            if (!(outcome instanceof Acceptance.InFlight)) {
                meters.counter(METRIC, "outcome", published ? "published" : "unresolved").increment();
            }
            if (published) {
                log.info("{} ({}) was unconfirmed and is now published", unresolved.verificationId(),
                        PhoneNumberMask.mask(unresolved.phoneNumber()));
            }
            return published;
        });
    }

    void start() {
        // nothing can be due before it is `after` old (and the schema is migrated by then)
        schedule = Flux.interval(after, every, Schedulers.boundedElastic())
                .onBackpressureDrop()
                .concatMap(tick -> resolve().onErrorResume(error -> {
                    log.warn("could not resolve unconfirmed requests, next try in {}: {}", every, error.toString());
                    return Mono.empty();
                }), 1)
                .subscribe();
    }

    void stop() {
        if (schedule != null) {
            schedule.dispose();
        }
    }
}
