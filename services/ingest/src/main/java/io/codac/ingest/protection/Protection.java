package io.codac.ingest.protection;

import io.codac.contracts.domain.PhoneNumberMask;
import io.codac.ingest.IngestProperties;
import io.codac.ingest.client.AuthenticatedClient;
import io.codac.ingest.protection.domain.NumberGuard;
import io.codac.ingest.protection.domain.TokenBucket;
import io.codac.ingest.web.ProblemCode;
import io.codac.ingest.web.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Admits or refuses requests before they cost anything: the client's token bucket ({@code 429
 * rate_limited}) and the number's hourly guard ({@code 429 number_rate_limited}), both with
 * {@code Retry-After}. Redis is the shared state; when Redis cannot answer, requests are let through
 * (logged and counted in {@code codac.ingest.protection.unavailable}): an outage of the limiter must not
 * stop verifications, and Kafka and the database still bound what a client can do.
 */
public class Protection {

    public static final String LIMITED_METRIC = "codac.ingest.rate.limited";
    public static final String UNAVAILABLE_METRIC = "codac.ingest.protection.unavailable";
    private static final Logger log = LoggerFactory.getLogger(Protection.class);

    private final RedisLimits redis;
    private final IngestProperties.RateLimit defaults;
    private final NumberGuard guard;
    private final Clock clock;
    private final MeterRegistry meters;

    Protection(RedisLimits redis, IngestProperties.RateLimit defaults, NumberGuard guard, Clock clock,
               MeterRegistry meters) {
        this.redis = redis;
        this.defaults = defaults;
        this.guard = guard;
        this.clock = clock;
        this.meters = meters;
    }

    /** The client's own bucket, or the default; {@code cost} is the number of verifications asked for. */
    static TokenBucket bucketOf(AuthenticatedClient client, IngestProperties.RateLimit defaults) {
        int rate = client.ratePerSecond() != null ? client.ratePerSecond() : defaults.requestsPerSecond();
        int burst = client.burst() != null ? client.burst() : Math.max(defaults.burst(), rate);
        return new TokenBucket(rate, burst);
    }

    public Mono<Void> admitClient(AuthenticatedClient client, int cost) {
        TokenBucket bucket = bucketOf(client, defaults);
        return Mono.fromCallable(() -> redis.take(client.clientId(), bucket, cost))
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorResume(error -> unavailable("rate limit", error, Duration.ZERO))
                .flatMap(wait -> wait.isZero() ? Mono.<Void>empty() : Mono.error(clientLimited(bucket, wait)));
    }

    public Mono<Void> admitNumber(String e164) {
        Instant now = clock.instant();
        NumberGuard.Window window = guard.window(now);
        return Mono.fromCallable(() -> redis.countNumber(e164, window.hour(), guard.keepFor(now)))
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorResume(error -> unavailable("number guard", error, 0L))
                .flatMap(count -> guard.allows(count) ? Mono.<Void>empty()
                        : Mono.error(numberLimited(e164, count, window, now)));
    }

    /**
     * {@link #admitClient} for one request and, if the client's bucket allows it, {@link #admitNumber}, in one
     * round trip to Redis: the same answers, and a request the bucket refuses is not counted against the number.
     */
    public Mono<Void> admit(AuthenticatedClient client, String e164) {
        TokenBucket bucket = bucketOf(client, defaults);
        Instant now = clock.instant();
        NumberGuard.Window window = guard.window(now);
        return Mono.fromCallable(() -> redis.takeAndCount(client.clientId(), bucket, e164, window.hour(),
                        guard.keepFor(now)))
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorResume(error -> {
                    noteUnavailable("rate limit", error);
                    return unavailable("number guard", error, new RedisLimits.Admission(Duration.ZERO, 0L));
                })
                .flatMap(admission -> {
                    if (!admission.refillIn().isZero()) {
                        return Mono.error(clientLimited(bucket, admission.refillIn()));
                    }
                    return guard.allows(admission.numberCount()) ? Mono.<Void>empty()
                            : Mono.error(numberLimited(e164, admission.numberCount(), window, now));
                });
    }

    private ProblemException clientLimited(TokenBucket bucket, Duration wait) {
        return limited("client", new ProblemException(ProblemCode.RATE_LIMITED, "this client's rate limit ("
                + (long) bucket.perSecond() + " requests a second, bursts of " + (long) bucket.burst()
                + ") is used up; retry after the Retry-After seconds", null, wait));
    }

    private ProblemException numberLimited(String e164, long count, NumberGuard.Window window, Instant now) {
        log.info("number guard refused a request for {} ({} this hour)", PhoneNumberMask.mask(e164), count);
        return limited("number", new ProblemException(ProblemCode.NUMBER_RATE_LIMITED,
                "this phone number was already requested " + guard.perHour() + " times this hour (by any"
                        + " client); to protect its owner it is not called again before the Retry-After",
                "phoneNumber", window.remaining(now)));
    }

    private ProblemException limited(String limit, ProblemException problem) {
        meters.counter(LIMITED_METRIC, "limit", limit).increment();
        return problem;
    }

    private <T> Mono<T> unavailable(String what, Throwable error, T letThrough) {
        noteUnavailable(what, error);
        return Mono.just(letThrough);
    }

    private void noteUnavailable(String what, Throwable error) {
        log.warn("{} not checked, Redis did not answer: {}", what, error.toString());
        meters.counter(UNAVAILABLE_METRIC, "check", what.replace(' ', '_')).increment();
    }
}
