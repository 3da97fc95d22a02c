package io.codac.reporting.usage;

import io.codac.contracts.event.VerificationCompleted;
import io.codac.contracts.json.EventCodec;
import io.codac.reporting.usage.domain.UsageCall;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Writes {@code usage_calls} from the results (its own consumer group) and serves the daily sums at
 * {@code GET /internal/v1/clients/{clientId}/usage?from=YYYY-MM-DD&to=YYYY-MM-DD} (both days included).
 * Each attempt is an upsert on its id, so repeated results, redeliveries and replays count once.
 */
@RestController
class UsageProjection {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Billable calls of one client, day and outcome. */
    record DailyUsage(LocalDate day, String outcome, long billableCalls) {
    }

    record UsageReport(String clientId, LocalDate from, LocalDate to, long billableCalls, List<DailyUsage> days) {
    }

    private final EventCodec codec;
    private final DatabaseClient db;

    UsageProjection(EventCodec codec, DatabaseClient db) {
        this.codec = codec;
        this.db = db;
    }

    @KafkaListener(id = "reporting-usage", topics = "#{@codacTopics.verificationResults()}",
            groupId = "#{@codacTopics.group('reporting-usage')}")
    void onVerificationCompleted(ConsumerRecord<String, String> record) {
        var result = codec.decode(record.value(), VerificationCompleted.class);
        Instant verdictAt = result.occurredAt() != null ? result.occurredAt() : Instant.now();
        Flux.fromIterable(result.attempts())
                .map(a -> UsageCall.of(result.verificationId(), result.clientId(), a.attemptId(), a.placedAt(),
                        a.endedAt(), a.outcome(), verdictAt))
                .concatMap(this::upsert)
                .then().block(TIMEOUT);
    }

    private Mono<Long> upsert(UsageCall call) {
        return db.sql("""
                        INSERT INTO usage_calls (attempt_id, verification_id, client_id, usage_day, outcome, billable)
                        VALUES (:attemptId, :verificationId, :clientId, :day, :outcome, :billable)
                        ON DUPLICATE KEY UPDATE attempt_id = attempt_id
                        """)
                .bind("attemptId", call.attemptId()).bind("verificationId", call.verificationId())
                .bind("clientId", call.clientId()).bind("day", call.day()).bind("outcome", call.outcome())
                .bind("billable", call.billable()).fetch().rowsUpdated();
    }

    @GetMapping("/internal/v1/clients/{clientId}/usage")
    Mono<ResponseEntity<UsageReport>> usage(@PathVariable String clientId, @RequestParam LocalDate from,
                                            @RequestParam LocalDate to) {
        if (to.isBefore(from)) {
            return Mono.just(ResponseEntity.badRequest().build());
        }
        return db.sql("""
                        SELECT usage_day, outcome, COUNT(*) AS calls FROM usage_calls
                        WHERE client_id = :clientId AND usage_day BETWEEN :from AND :to AND billable = TRUE
                        GROUP BY usage_day, outcome ORDER BY usage_day, outcome
                        """)
                .bind("clientId", clientId).bind("from", from).bind("to", to)
                .map((row, meta) -> new DailyUsage(row.get("usage_day", LocalDate.class), row.get("outcome", String.class),
                        row.get("calls", Long.class)))
                .all().collectList()
                .map(days -> ResponseEntity.ok(new UsageReport(clientId, from, to,
                        days.stream().mapToLong(DailyUsage::billableCalls).sum(), days)));
    }
}
