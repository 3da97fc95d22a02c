package io.codac.scheduler.inbound;

import io.codac.scheduler.inbound.domain.InboundCallRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

/**
 * Forgets inbound calls and the expectations of verifications long expired: anyone may ring a DID, and a call only
 * ever matters within the life of a verification, so the records are kept {@code retention} (well past the longest
 * time to live the gateway accepts, so a request that waited in Kafka still finds its call) and then deleted in
 * chunks. Every instance runs it; the deletes are idempotent.
 */
final class ForgettingInboundCalls {

    private static final Logger log = LoggerFactory.getLogger(ForgettingInboundCalls.class);
    static final int CHUNK = 1_000;

    private final InboundCallRecords records;
    private final Clock clock;
    private final Duration retention;
    private final Duration every;

    ForgettingInboundCalls(InboundCallRecords records, Clock clock, Duration retention, Duration every) {
        this.records = records;
        this.clock = clock;
        this.retention = retention;
        this.every = every;
    }

    /** Deletes every record older than the retention; how many rows went. */
    long forget() {
        long total = 0;
        long deleted;
        do {
            deleted = records.forgetBefore(clock.instant().minus(retention), CHUNK);
            total += deleted;
        } while (deleted > 0);
        return total;
    }

    /** One purge, as the scheduler runs it every {@code every} ({@code FixedDelayWork}): a failure waits for the next. */
    void forgetLogged() {
        try {
            long deleted = forget();
            if (deleted > 0) {
                log.info("forgot {} inbound calls and expectations older than {}", deleted, retention);
            }
        } catch (RuntimeException e) {
            log.warn("could not forget old inbound calls, next try in {}: {}", every, e.toString());
        }
    }
}
