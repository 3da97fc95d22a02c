package io.codac.scheduler.messaging;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for a broker acknowledgement, with the failure turned into one unchecked exception. */
final class Acknowledgements {

    private Acknowledgements() {
    }

    static void await(CompletableFuture<?> acknowledgement, Duration timeout, String what) {
        try {
            acknowledgement.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + ": interrupted while waiting for the broker", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " was not acknowledged: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " was not acknowledged within " + timeout, e);
        }
    }
}
