package io.codac.ingest.verification.domain;

import io.codac.contracts.domain.VerificationMethod;
import io.codac.contracts.domain.VerificationStatus;
import io.codac.contracts.event.VerificationRequested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AcceptedVerificationTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00.123Z");
    private static final VerificationRequest MISSED_CALL = new VerificationRequest("+919876543210",
            VerificationMethod.MISSED_CALL, "order-1", "https://shop.example/hook", Duration.ofSeconds(600),
            Map.of("channel", "web"), "+918000000001");

    private final AcceptedVerification accepted =
            AcceptedVerification.of("ver_1", "cli_1", MISSED_CALL, "key-1", "hash-1", NOW);

    @Test
    void itExpiresAfterItsTtl() {
        assertThat(accepted.expiresAt()).isEqualTo(Instant.parse("2026-11-22T10:10:00.123Z"));
    }

    @Test
    void theEventCarriesTheRequestKeyedByTheNumber() {
        VerificationRequested event = accepted.requestedEvent();

        assertThat(event.key()).isEqualTo("+919876543210");
        assertThat(event.verificationId()).isEqualTo("ver_1");
        assertThat(event.clientId()).isEqualTo("cli_1");
        assertThat(event.occurredAt()).isEqualTo(NOW);
        assertThat(event.expiresAt()).isEqualTo(accepted.expiresAt());
        assertThat(event.dialInNumber()).isEqualTo("+918000000001");
        assertThat(event.callbackUrl()).isEqualTo("https://shop.example/hook");
        assertThat(event.metadata()).containsEntry("channel", "web");
    }

    @Test
    void everyPublicationOfOneVerificationIsTheSameEvent() {
        var again = in(PublishState.UNCONFIRMED);
        var another = AcceptedVerification.of("ver_2", "cli_1", MISSED_CALL, "key-2", "hash-1", NOW);

        assertThat(again.requestedEvent())
                .isEqualTo(accepted.requestedEvent());
        assertThat(another.requestedEvent().eventId())
                .isNotEqualTo(accepted.requestedEvent().eventId());
    }

    @Test
    void aNewRecordIsPublishingUntilKafkaAcknowledgesIt() {
        assertThat(accepted.publishState()).isEqualTo(PublishState.PUBLISHING);
    }

    @Test
    void aRetryIsAnsweredFromTheOriginalOnlyOnceKafkaHasIt() {
        Duration inFlightFor = Duration.ofSeconds(10);
        Instant during = NOW.plusSeconds(1);

        assertThat(in(PublishState.PUBLISHED).retriedWith("hash-1", during, inFlightFor))
                .isEqualTo(AcceptedVerification.Retry.REPLAY);
        assertThat(in(PublishState.PUBLISHING).retriedWith("hash-1", during, inFlightFor))
                .isEqualTo(AcceptedVerification.Retry.IN_FLIGHT);
        assertThat(in(PublishState.UNCONFIRMED).retriedWith("hash-1", during, inFlightFor))
                .isEqualTo(AcceptedVerification.Retry.REPUBLISH);
    }

    @Test
    void aPublishAbandonedForLongerThanItCanTakeIsTakenOverByTheRetry() {
        Duration inFlightFor = Duration.ofSeconds(10);

        assertThat(in(PublishState.PUBLISHING).retriedWith("hash-1", NOW.plus(inFlightFor).minusMillis(1), inFlightFor))
                .isEqualTo(AcceptedVerification.Retry.IN_FLIGHT);
        assertThat(in(PublishState.PUBLISHING).retriedWith("hash-1", NOW.plus(inFlightFor), inFlightFor))
                .isEqualTo(AcceptedVerification.Retry.REPUBLISH);
    }

    @Test
    void anotherBodyUnderTheSameKeyIsAConflictWhateverTheState() {
        for (PublishState state : PublishState.values()) {
            assertThat(in(state).retriedWith("hash-2", NOW, Duration.ofSeconds(10)))
                    .isEqualTo(AcceptedVerification.Retry.CONFLICT);
        }
    }

    private AcceptedVerification in(PublishState state) {
        return new AcceptedVerification(accepted.verificationId(), accepted.clientId(), accepted.phoneNumber(),
                accepted.method(), accepted.clientRef(), accepted.callbackUrl(), accepted.idempotencyKey(),
                accepted.requestHash(), accepted.createdAt(), accepted.expiresAt(), accepted.dialInNumber(),
                accepted.metadata(), state);
    }

    @Test
    void aRetryMustCarryTheSameBody() {
        assertThat(accepted.isSameRequestAs("hash-1")).isTrue();
        assertThat(accepted.isSameRequestAs("hash-2")).isFalse();
    }

    @Test
    void beforeTheTimelineHasItAVerificationIsPendingWithoutAttempts() {
        VerificationView view = VerificationView.pending(accepted);

        assertThat(view.status()).isEqualTo(VerificationStatus.PENDING.name());
        assertThat(view.method()).isEqualTo("MISSED_CALL");
        assertThat(view.dialInNumber()).isEqualTo("+918000000001");
        assertThat(view.createdAt()).isEqualTo(NOW);
        assertThat(view.attempts()).isEmpty();
        assertThat(view.completedAt()).isNull();
    }
}
