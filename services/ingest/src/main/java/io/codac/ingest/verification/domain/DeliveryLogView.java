package io.codac.ingest.verification.domain;

import java.time.Instant;
import java.util.List;

/**
 * The webhooks of one verification as its client sees them: each terminal-status event sent to the callback URL,
 * its state (reporting's names: {@code PENDING}, {@code DELIVERED}, {@code GAVE_UP}, {@code REJECTED}) and every try.
 */
public record DeliveryLogView(String verificationId, List<Delivery> deliveries) {

    public DeliveryLogView {
        deliveries = deliveries == null ? List.of() : List.copyOf(deliveries);
    }

    /**
     * @param eventId       the {@code X-Codac-Event-Id} the receiver deduplicates by
     * @param nextAttemptAt while {@code PENDING}: when it is tried next
     */
    public record Delivery(String eventId, String callbackUrl, String state, int attempts, Instant createdAt,
                           Instant deliveredAt, Instant nextAttemptAt, String lastError, List<Try> tries) {

        public Delivery {
            tries = tries == null ? List.of() : List.copyOf(tries);
        }
    }

    /** One HTTP try: the receiver's status, or the error when there was none (refused, timed out). */
    public record Try(int attemptNumber, Instant attemptedAt, Integer httpStatus, String error, int durationMs) {
    }
}
