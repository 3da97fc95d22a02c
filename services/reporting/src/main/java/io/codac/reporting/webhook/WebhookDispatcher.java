package io.codac.reporting.webhook;

import io.codac.reporting.webhook.domain.BreakerPolicy;
import io.codac.reporting.webhook.domain.DeliveryState;
import io.codac.reporting.webhook.domain.RetrySchedule;
import io.codac.reporting.webhook.domain.WebhookSignature;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Sends due deliveries. A new delivery is written already leased to this instance and sent at once
 * ({@link #sendLeased}); retries and redeliveries are found by a poller every {@code pollInterval} or
 * woken ({@link #wake}), and first take the row's lease — what keeps several reporting instances from
 * sending the same attempt. Each attempt then asks the endpoint's circuit breaker, signs the body with a
 * fresh timestamp, posts it, logs the attempt, and then records the outcome: delivered, retry later (per the
 * {@link RetrySchedule}), or given up. Everything that decides a retry is in the database, so a restart
 * resumes where the last instance stopped; a lease left by a crashed instance expires after {@code lease}.
 */
class WebhookDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);
    private static final int POLL_BATCH = 200;

    private final WebhookRepository repository;
    private final WebhookProperties.Webhooks settings;
    private final RetrySchedule schedule;
    private final BreakerPolicy breakerPolicy;
    private final CircuitBreakerRegistry breakers;
    private final Clock clock;
    private final HttpClient http;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Timer latency;
    private final Counter delivered;
    private final Counter failedAttempts;
    private final Counter gaveUp;
    private final Counter breakerRefusals;
    private volatile ScheduledExecutorService poller;
    private volatile ExecutorService senders;

    WebhookDispatcher(WebhookRepository repository, WebhookProperties.Webhooks settings,
                      CircuitBreakerRegistry breakers, Clock clock, MeterRegistry meters) {
        this.repository = repository;
        this.settings = settings;
        this.schedule = settings.schedule();
        this.breakerPolicy = settings.breaker();
        this.breakers = breakers;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.latency = Timer.builder("codac.reporting.webhook.latency")
                .description("From the verification's terminal status to the receiver's 2xx")
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram().register(meters);
        this.delivered = Counter.builder("codac.reporting.webhook.delivered").register(meters);
        this.failedAttempts = Counter.builder("codac.reporting.webhook.failed.attempts").register(meters);
        this.gaveUp = Counter.builder("codac.reporting.webhook.gave.up").register(meters);
        this.breakerRefusals = Counter.builder("codac.reporting.webhook.breaker.refusals")
                .description("Attempts not made because the endpoint's circuit breaker was open").register(meters);
    }

    /** Sends this delivery now, on a sender thread, once it is claimed; a no-op when it is already being sent here. */
    void wake(String eventId) {
        onSender(eventId, () -> attempt(eventId));
    }

    /** The end of a lease taken now, for a delivery written already leased to this instance. */
    Instant leaseFrom(Instant now) {
        return now.plus(settings.lease());
    }

    /** Sends a delivery this instance wrote already leased (no claim needed); if it cannot, the lease expires. */
    void sendLeased(WebhookRepository.Delivery delivery) {
        onSender(delivery.eventId(), () -> send(delivery));
    }

    private void onSender(String eventId, Runnable work) {
        ExecutorService pool = senders;
        if (pool == null || !inFlight.add(eventId)) {
            return; // not running: the poller of the next start finds it in the table
        }
        try {
            pool.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    log.warn("webhook {} attempt failed before completion; it stays pending: {}", eventId, e.toString());
                } finally {
                    inFlight.remove(eventId);
                }
            });
        } catch (RejectedExecutionException stopping) {
            inFlight.remove(eventId);
        }
    }

    private void poll() {
        try {
            var due = repository.due(clock.instant(), POLL_BATCH).collectList().block(DB_TIMEOUT);
            if (due != null) {
                due.forEach(this::wake);
            }
        } catch (RuntimeException e) {
            log.warn("cannot look for due webhooks (will look again): {}", e.toString());
        }
    }

    private void attempt(String eventId) {
        Instant now = clock.instant();
        var delivery = repository.claim(eventId, now, leaseFrom(now)).block(DB_TIMEOUT);
        if (delivery != null) {
            send(delivery);
        }
    }

    private void send(WebhookRepository.Delivery delivery) {
        Instant now = clock.instant();
        String eventId = delivery.eventId();
        CircuitBreaker breaker = breakers.circuitBreaker(delivery.endpoint());
        if (!breaker.tryAcquirePermission()) {
            breakerRefusals.increment();
            repository.postpone(eventId, breakerPolicy.retryWhenOpen(now, random())).block(DB_TIMEOUT);
            return;
        }
        int attemptNumber = delivery.attempts() + 1;
        String secret = repository.secret(delivery.clientId()).onErrorResume(e -> reactor.core.publisher.Mono.empty())
                .block(DB_TIMEOUT);
        if (secret == null) {
            breaker.releasePermission(); // our problem, not the endpoint's
            failed(delivery, attemptNumber, clock.instant(), null, "no webhook secret for client " + delivery.clientId(), 0);
            return;
        }
        Instant sentAt = clock.instant();
        long start = System.nanoTime();
        Integer status = null;
        String error = null;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.callbackUrl()))
                    .timeout(settings.requestTimeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "codac-webhooks/1")
                    .header(WebhookSignature.EVENT_ID_HEADER, delivery.eventId())
                    .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.header(secret, sentAt, delivery.body()))
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.body()))
                    .build();
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (!DeliveryState.accepted(status)) {
                error = "HTTP " + status;
            }
        } catch (IOException | IllegalArgumentException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted (shutting down)";
        }
        long nanos = System.nanoTime() - start;
        long millis = TimeUnit.NANOSECONDS.toMillis(nanos);
        if (error == null) {
            breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
            Instant at = clock.instant();
            repository.recordAttempt(delivery, attemptNumber, sentAt, status, null, millis)
                    .then(repository.delivered(eventId, attemptNumber, at)).block(DB_TIMEOUT);
            delivered.increment();
            latency.record(Duration.between(delivery.terminalAt(), at).abs());
        } else {
            breaker.onError(nanos, TimeUnit.NANOSECONDS, new IOException(error));
            failed(delivery, attemptNumber, sentAt, status, error, millis);
        }
    }

    private void failed(WebhookRepository.Delivery delivery, int attemptNumber, Instant at, Integer status,
                        String error, long millis) {
        failedAttempts.increment();
        var next = schedule.next(attemptNumber, clock.instant(), delivery.giveUpAt(), random());
        var record = repository.recordAttempt(delivery, attemptNumber, at, status, error, millis);
        if (next.isPresent()) {
            record.then(repository.retryLater(delivery.eventId(), attemptNumber, next.get(), error)).block(DB_TIMEOUT);
        } else {
            record.then(repository.giveUp(delivery.eventId(), attemptNumber, error)).block(DB_TIMEOUT);
            gaveUp.increment();
            log.warn("webhook {} of {} given up after {} attempts: {}", delivery.eventId(), delivery.verificationId(),
                    attemptNumber, error);
        }
    }

    private static double random() {
        return ThreadLocalRandom.current().nextDouble();
    }

    @Override
    public void start() {
        senders = Executors.newFixedThreadPool(settings.senders(), Thread.ofPlatform().name("webhook-sender-", 0).factory());
        poller = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("webhook-poller").factory());
        long every = settings.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService p = poller;
        ExecutorService s = senders;
        poller = null;
        senders = null;
        if (p != null) {
            p.shutdownNow();
        }
        if (s != null) {
            s.shutdown();
            try {
                // In-flight attempts finish and record their outcome; an unfinished one keeps its lease until it expires.
                if (!s.awaitTermination(settings.requestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                    s.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                s.shutdownNow();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return senders != null;
    }

    /** Stops before the R2DBC pool and Kafka listeners it depends on are closed. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE + 1000;
    }
}
