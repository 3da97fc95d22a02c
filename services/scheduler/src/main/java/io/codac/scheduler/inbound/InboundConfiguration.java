package io.codac.scheduler.inbound;

import io.codac.scheduler.FixedDelayWork;
import io.codac.scheduler.inbound.domain.InboundCallRecords;
import io.codac.scheduler.verification.AcceptingRequests;
import io.codac.scheduler.verification.CompletingVerifications;
import io.codac.scheduler.verification.domain.VerificationLedger;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

import java.time.Clock;
import java.time.Duration;

/** The missed-call flow, wired explicitly. */
@Configuration(proxyBeanMethods = false)
public class InboundConfiguration {

    /** Twice the longest time to live the gateway accepts (24 h). */
    static final Duration RETENTION = Duration.ofHours(48);

    @Bean
    InboundCallRecords inboundCallRecords(DatabaseClient db) {
        return new R2dbcInboundCallRecords(db);
    }

    @Bean
    MatchingMissedCalls matchingMissedCalls(VerificationLedger ledger, AcceptingRequests accepting,
                                            CompletingVerifications completing, InboundCallRecords records,
                                            MeterRegistry meters, Clock clock) {
        return new MatchingMissedCalls(ledger, accepting, completing, records, meters, clock);
    }

    @Bean
    FixedDelayWork inboundCallPurge(InboundCallRecords records, Clock clock) {
        Duration every = Duration.ofMinutes(10);
        var forgetting = new ForgettingInboundCalls(records, clock, RETENTION, every);
        return new FixedDelayWork("inbound-call-purge", forgetting::forgetLogged, every);
    }
}
