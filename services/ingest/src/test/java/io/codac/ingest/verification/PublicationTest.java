package io.codac.ingest.verification;

import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.KafkaException;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failed publishes may be withdrawn: only those {@code send()} itself reported (the record was
 * never appended, so it never left the producer). Anything reported afterwards may have been written.
 */
class PublicationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(5);

    /** A send still under way once {@code send()} has returned and its result has been looked at. */
    private static final class PendingSend extends CompletableFuture<Object> {

        final CompletableFuture<Void> returnedFromSend = new CompletableFuture<>();

        @Override
        public boolean isCompletedExceptionally() {
            boolean failed = super.isCompletedExceptionally();
            returnedFromSend.complete(null);
            return failed;
        }
    }

    private static Publication.Outcome outcome(java.util.function.Supplier<CompletableFuture<?>> send, Duration timeout) {
        return Publication.publish(send, timeout).block(Duration.ofSeconds(10));
    }

    @Test
    void anAcknowledgedRecordIsAcknowledged() {
        assertThat(outcome(() -> CompletableFuture.completedFuture("offset 7"), PATIENCE))
                .isInstanceOf(Publication.Acknowledged.class);
    }

    @Test
    void theMetadataWaitRunningOutInsideSendWasNeverSent() {
        // KafkaTemplate rethrows a failure send() reported at once
        var metadataTimeout = new KafkaException("Send failed",
                new TimeoutException("Topic t not present in metadata after 2000 ms."));

        assertThat(outcome(() -> { throw metadataTimeout; }, PATIENCE)).isInstanceOf(Publication.NeverSent.class);
        assertThat(outcome(() -> CompletableFuture.failedFuture(metadataTimeout), PATIENCE))
                .isInstanceOf(Publication.NeverSent.class);
    }

    @Test
    void aFullBufferOrAnUnserializableRecordWasNeverSent() {
        assertThat(outcome(() -> CompletableFuture.failedFuture(new BufferExhaustedException("buffer full")), PATIENCE))
                .isInstanceOf(Publication.NeverSent.class);
        assertThat(outcome(() -> { throw new SerializationException("cannot serialize"); }, PATIENCE))
                .isInstanceOf(Publication.NeverSent.class);
        assertThat(outcome(() -> { throw new IllegalArgumentException("breaks the event contract"); }, PATIENCE))
                .isInstanceOf(Publication.NeverSent.class);
    }

    @Test
    void aDeliveryTimeoutAfterSendReturnedMayHaveBeenWritten() {
        var later = new PendingSend();

        var result = Publication.publish(() -> later, PATIENCE).toFuture();
        later.returnedFromSend.join();
        later.completeExceptionally(new TimeoutException(
                "Expiring 1 record(s) for t-0:4000 ms has passed since batch creation"));

        assertThat(result.join()).isInstanceOf(Publication.Unknown.class);
    }

    @Test
    void aBrokerErrorAfterSendReturnedMayHaveBeenWritten() {
        var later = new PendingSend();

        var result = Publication.publish(() -> later, PATIENCE).toFuture();
        later.returnedFromSend.join();
        later.completeExceptionally(new NotEnoughReplicasException("not enough replicas"));

        assertThat(result.join()).isInstanceOf(Publication.Unknown.class);
    }

    @Test
    void anExpiryReportedBySendItselfMayStillHaveBeenWritten() {
        var expiry = new KafkaException("Send failed",
                new TimeoutException("Expiring 1 record(s) for t-0:4000 ms has passed since batch creation"));

        assertThat(outcome(() -> { throw expiry; }, PATIENCE)).isInstanceOf(Publication.Unknown.class);
    }

    @Test
    void noAcknowledgementWithinOurTimeoutMayStillBeWritten() {
        assertThat(outcome(CompletableFuture::new, Duration.ofMillis(100))).isInstanceOf(Publication.Unknown.class);
    }
}
