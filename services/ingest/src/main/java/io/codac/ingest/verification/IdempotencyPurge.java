package io.codac.ingest.verification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.time.Duration;

/**
 * Forgets accepted requests (and so their idempotency keys) once they are older than the retention
 * ({@code codac.ingest.idempotency-retention}, at least 24 h): every few minutes, in chunks, so that
 * a large backlog never holds a long lock. Every instance runs it; the deletes are idempotent, so
 * instances racing each other only share the work.
 */
public class IdempotencyPurge {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyPurge.class);
    static final int CHUNK = 1_000;

    private final AcceptedVerifications store;
    private final Clock clock;
    private final Duration retention;
    private final Duration every;
    private Disposable schedule;

    IdempotencyPurge(AcceptedVerifications store, Clock clock, Duration retention, Duration every) {
        this.store = store;
        this.clock = clock;
        this.retention = retention;
        this.every = every;
    }

    /** Deletes every record older than the retention; how many. */
    public Mono<Long> purge() {
        var cutoff = clock.instant().minus(retention);
        return store.purgeCreatedBefore(cutoff, CHUNK)
                .expand(deleted -> deleted == CHUNK ? store.purgeCreatedBefore(cutoff, CHUNK) : Mono.empty())
                .reduce(0L, Long::sum);
    }

    void start() {
        schedule = Flux.interval(every, every, Schedulers.boundedElastic())
                .concatMap(tick -> purge()
                        .doOnNext(deleted -> {
                            if (deleted > 0) {
                                log.info("purged {} accepted requests older than {}", deleted, retention);
                            }
                        })
                        .onErrorResume(error -> {
                            log.warn("purge of old accepted requests failed, next try in {}: {}", every, error.toString());
                            return Mono.empty();
                        }))
                .subscribe();
    }

    void stop() {
        if (schedule != null) {
            schedule.dispose();
        }
    }
}
