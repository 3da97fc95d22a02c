package io.codac.ingest.verification;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * One publish to Kafka, told apart by whether a failure leaves the record provably unwritten.
 *
 * <p>The rule follows how {@code KafkaProducer.send} works (kafka-clients 3.9): everything that can go
 * wrong <em>before</em> the record is appended to the producer's accumulator is reported by
 * {@code send()} itself, thrown or as an already-failed future — the metadata wait ({@code max.block.ms}:
 * {@code TimeoutException "not present in metadata"}), a full buffer ({@code BufferExhaustedException}),
 * {@code SerializationException}, the client-side {@code RecordTooLargeException}, an invalid topic, a
 * closed producer, and our own encoding (the {@code EventContract} check). Spring's
 * {@code KafkaTemplate} rethrows such an immediate failure as {@code KafkaException("Send failed")}.
 * Such a record never left the process: {@link NeverSent}.
 *
 * <p>Once appended, the record may be in a batch on the wire, and every later failure — the
 * {@code delivery.timeout.ms} expiry ({@code TimeoutException "Expiring N record(s)"}), a broker error
 * after retries, a lost connection — is reported afterwards by the producer's I/O thread and cannot
 * tell whether the broker appended the batch before the answer was lost. The exception types cannot
 * tell it either (the delivery timeout is the same {@code TimeoutException} class as the metadata
 * timeout), so the decision is made by <em>when</em> the failure arrives, not by its class. Those
 * failures, and our own {@code publishTimeout} running out, are {@link Unknown}.
 *
 * <p>One immediate failure is still counted as {@link Unknown}: a {@code TimeoutException} that is a
 * batch expiry ("Expiring N record(s) ..."). The record joined a batch created earlier, and in the
 * instant between the append and the return of {@code send()} that batch could be drained and expire
 * in flight; rare, but then nothing proves the broker did not append it.
 */
final class Publication {

    sealed interface Outcome {
    }

    /** The broker acknowledged the record. */
    record Acknowledged() implements Outcome {
    }

    /** The record never left the producer: nothing will ever consume it. */
    record NeverSent(Throwable cause) implements Outcome {
    }

    /** No acknowledgement, and the broker may have appended the record anyway. */
    record Unknown(Throwable cause) implements Outcome {
    }

    private static final Acknowledged ACKNOWLEDGED = new Acknowledged();
    /** How kafka-clients words the expiry of a batch ({@code Sender.failExpiredBatches}). */
    private static final String EXPIRY = "Expiring ";

    private Publication() {
    }

    /**
     * Runs {@code send} (which may block while the producer waits for metadata, so off the event loop)
     * and waits at most {@code timeout} for the acknowledgement. The result never fails: every failure
     * is classified.
     */
    static Mono<Outcome> publish(Supplier<? extends CompletableFuture<?>> send, Duration timeout) {
        return Mono.defer(() -> {
                    CompletableFuture<?> sent;
                    try {
                        sent = send.get();
                    } catch (RuntimeException refused) {
                        return Mono.just(immediate(refused));
                    }
                    if (sent.isCompletedExceptionally()) {
                        return Mono.just(immediate(failureOf(sent)));
                    }
                    // the outcome future never fails: when our timeout has already answered, a late failure
                    // is dropped quietly instead of through Reactor's onErrorDropped (an ERROR with a stack
                    // trace per request during a broker outage)
                    return Mono.fromFuture(sent.<Outcome>handle((ack, failure) ->
                            failure == null ? ACKNOWLEDGED : new Unknown(unwrap(failure))), true);
                })
                .subscribeOn(Schedulers.boundedElastic())
                // still inside send() or still waiting for the ack: we cannot know what the broker has
                .timeout(timeout, Mono.fromSupplier(() -> new Unknown(
                        new TimeoutException("no acknowledgement within " + timeout.toMillis() + " ms"))));
    }

    /** A failure {@code send()} itself reported: the record was never appended, unless it is an expiry. */
    static Outcome immediate(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.apache.kafka.common.errors.TimeoutException timeout
                    && timeout.getMessage() != null && timeout.getMessage().startsWith(EXPIRY)) {
                return new Unknown(failure);
            }
        }
        return new NeverSent(failure);
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private static Throwable failureOf(CompletableFuture<?> failed) {
        try {
            failed.join();
            return new IllegalStateException("the future was expected to have failed");
        } catch (CompletionException e) {
            return e.getCause() == null ? e : e.getCause();
        } catch (CancellationException e) {
            return e;
        }
    }
}
