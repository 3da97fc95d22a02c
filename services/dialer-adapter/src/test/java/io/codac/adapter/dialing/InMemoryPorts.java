package io.codac.adapter.dialing;

import io.codac.adapter.call.domain.HangUpReason;
import io.codac.adapter.reconcile.domain.OpenAttempt;
import io.codac.contracts.event.CallEvent;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Plain in-memory stand-ins for the adapter's ports, for unit tests of the use case (integration tests use the real ones). */
final class InMemoryPorts {

    private InMemoryPorts() {
    }

    static final class Claims implements AttemptClaims {
        final Set<String> claimed = new HashSet<>();
        final Set<String> handedBack = new HashSet<>();
        /** The attempts recorded open with their claim; the adapter forgets them once their end is published. */
        final OpenAttemptsInMemory open = new OpenAttemptsInMemory();
        RuntimeException failure;

        @Override
        public synchronized ClaimOutcome claim(OpenAttempt attempt) {
            if (failure != null) {
                throw failure;
            }
            if (handedBack.contains(attempt.attemptId())) {
                return ClaimOutcome.HANDED_BACK_EARLIER;
            }
            if (!claimed.add(attempt.attemptId())) {
                return ClaimOutcome.ALREADY_CLAIMED;
            }
            open.attempts.put(attempt.attemptId(), attempt);
            return ClaimOutcome.CLAIMED;
        }

        @Override
        public synchronized HandBackOutcome markHandedBack(String attemptId) {
            if (claimed.contains(attemptId)) {
                return HandBackOutcome.ALREADY_CLAIMED;
            }
            handedBack.add(attemptId);
            return HandBackOutcome.MARKED;
        }
    }

    /** Open attempts in memory; tests may also put a predecessor's there directly. */
    static final class OpenAttemptsInMemory implements OpenAttempts {
        final Map<String, OpenAttempt> attempts = new ConcurrentHashMap<>();

        void record(OpenAttempt attempt) {
            attempts.put(attempt.attemptId(), attempt);
        }

        @Override
        public void forget(String attemptId) {
            attempts.remove(attemptId);
        }

        @Override
        public Collection<OpenAttempt> all() {
            return List.copyOf(attempts.values());
        }
    }

    /** A broker that acknowledges every event, or none while {@link #brokerDown} is set. */
    static final class Events implements CallEventSink {
        /** The events the broker acknowledged, in the order it did. */
        final List<CallEvent> published = new CopyOnWriteArrayList<>();
        /** Every send, acknowledged or not. */
        final List<CallEvent> tries = new CopyOnWriteArrayList<>();
        volatile boolean brokerDown;

        @Override
        public CompletableFuture<Void> publish(CallEvent event) {
            tries.add(event);
            if (brokerDown) {
                return CompletableFuture.failedFuture(new IllegalStateException("broker unreachable (test)"));
            }
            published.add(event);
            return CompletableFuture.completedFuture(null);
        }
    }

    static final class FakeSwitchboard implements Switchboard {
        final List<OriginateRequest> originated = new CopyOnWriteArrayList<>();
        /** {@code channelId:reason} of every hang-up asked for. */
        final List<String> hungUp = new CopyOnWriteArrayList<>();
        volatile boolean connected = true;
        volatile OriginateResult nextResult = new OriginateResult.Accepted();

        @Override
        public OriginateResult originate(OriginateRequest request) {
            originated.add(request);
            return nextResult;
        }

        @Override
        public void hangUp(String channelId, HangUpReason reason) {
            hungUp.add(channelId + ":" + reason);
        }

        /** What {@link #liveChannels()} answers: id → state; {@code null} for "the server did not answer". */
        volatile java.util.Map<String, String> channels = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public java.util.Optional<java.util.Map<String, String>> liveChannels() {
            return java.util.Optional.ofNullable(channels).map(java.util.Map::copyOf);
        }

        /** {@code channelId:reason} of every inbound call rejected. */
        final List<String> rejected = new CopyOnWriteArrayList<>();

        @Override
        public void reject(String channelId, String reason) {
            rejected.add(channelId + ":" + reason);
        }

        @Override
        public boolean isConnected() {
            return connected;
        }
    }
}
