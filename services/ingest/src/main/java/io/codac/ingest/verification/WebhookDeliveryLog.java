package io.codac.ingest.verification;

import io.codac.ingest.verification.domain.DeliveryLogView;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.codac.support.sql.SqlValues.instant;

/**
 * Reads reporting's webhook log, {@code webhook_deliveries} and {@code webhook_attempts}, for the public delivery log.
 * Like {@link VerificationTimeline}, ingest only reads these tables (reporting owns and migrates them), always scoped
 * to the calling client; until reporting has migrated, the log reads as empty.
 */
class WebhookDeliveryLog {

    private final DatabaseClient db;

    WebhookDeliveryLog(DatabaseClient db) {
        this.db = db;
    }

    Mono<List<DeliveryLogView.Delivery>> deliveriesOf(String verificationId, String clientId) {
        return db.sql("""
                        SELECT d.event_id, d.callback_url, d.state, d.attempts, d.created_at, d.delivered_at,
                               d.next_attempt_at, d.last_error,
                               a.attempt_number, a.attempted_at, a.http_status, a.error, a.duration_ms
                        FROM webhook_deliveries d
                        LEFT JOIN webhook_attempts a ON a.event_id = d.event_id
                        WHERE d.verification_id = :verificationId AND d.client_id = :clientId
                        ORDER BY d.created_at, d.event_id, a.attempt_number""")
                .bind("verificationId", verificationId)
                .bind("clientId", clientId)
                .map(WebhookDeliveryLog::row)
                .all()
                .collectList()
                .map(WebhookDeliveryLog::grouped)
                .onErrorResume(VerificationTimeline::isMissingTable, e -> Mono.just(List.of()));
    }

    private record Row(DeliveryLogView.Delivery delivery, DeliveryLogView.Try attempt) {
    }

    private static Row row(Readable row) {
        String state = row.get("state", String.class);
        var delivery = new DeliveryLogView.Delivery(
                row.get("event_id", String.class),
                row.get("callback_url", String.class),
                state,
                row.get("attempts", Integer.class),
                instant(row.get("created_at", LocalDateTime.class)),
                instant(row.get("delivered_at", LocalDateTime.class)),
                "PENDING".equals(state) ? instant(row.get("next_attempt_at", LocalDateTime.class)) : null,
                row.get("last_error", String.class),
                List.of());
        Integer number = row.get("attempt_number", Integer.class);
        DeliveryLogView.Try attempt = number == null ? null : new DeliveryLogView.Try(number,
                instant(row.get("attempted_at", LocalDateTime.class)), row.get("http_status", Integer.class),
                row.get("error", String.class), row.get("duration_ms", Integer.class));
        return new Row(delivery, attempt);
    }

    private static List<DeliveryLogView.Delivery> grouped(List<Row> rows) {
        Map<String, DeliveryLogView.Delivery> deliveries = new LinkedHashMap<>();
        Map<String, List<DeliveryLogView.Try>> tries = new LinkedHashMap<>();
        for (Row row : rows) {
            String eventId = row.delivery().eventId();
            deliveries.putIfAbsent(eventId, row.delivery());
            List<DeliveryLogView.Try> forEvent = tries.computeIfAbsent(eventId, id -> new ArrayList<>());
            if (row.attempt() != null) {
                forEvent.add(row.attempt());
            }
        }
        return deliveries.values().stream().map(d -> new DeliveryLogView.Delivery(d.eventId(), d.callbackUrl(),
                d.state(), d.attempts(), d.createdAt(), d.deliveredAt(), d.nextAttemptAt(), d.lastError(),
                tries.get(d.eventId()))).toList();
    }
}
