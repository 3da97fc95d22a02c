package io.codac.adapter.dialing;

import io.codac.adapter.call.domain.AriSignal;
import io.codac.adapter.call.domain.CallLegMachine;
import io.codac.adapter.call.domain.Leg;
import io.codac.adapter.call.domain.LegAction;
import io.codac.adapter.call.domain.Transition;
import io.codac.adapter.reconcile.domain.OpenAttempt;
import io.codac.adapter.trunk.domain.TrunkPermit;
import io.codac.contracts.domain.CallSignal;
import io.codac.contracts.domain.OutcomeClass;
import io.codac.contracts.domain.PhoneNumberMask;
import io.codac.contracts.event.CallEventType;
import io.codac.contracts.event.CallLeg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The calls this adapter has alive, each driven by the {@link CallLegMachine}.
 *
 * <p>Every signal of every leg (ARI events, originate results, timers) is applied on one thread, so a
 * leg's transitions never interleave and its events reach the {@link CallEventOutbox} in the order they
 * happened; the outbox keeps that order on the topic and retries each event until the broker has it.
 *
 * <p>This class only carries out what the {@link CallLegMachine} decides: what an originate's result means
 * for the leg (a refusal ends it, no answer keeps it waiting for the server's word) is the machine's call.
 */
public final class LiveCalls implements ChannelSignals, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveCalls.class);

    private final CallLegMachine machine;
    private final Switchboard switchboard;
    private final CallEventOutbox events;
    private final Trunks trunks;
    private final DialingMetrics metrics;
    private final Clock clock;
    private final ScheduledExecutorService legThread;
    private final Map<String, LiveCall> calls = new ConcurrentHashMap<>();

    public LiveCalls(String serverId, CallLegMachine machine, Switchboard switchboard, CallEventOutbox events,
                     Trunks trunks, DialingMetrics metrics, Clock clock) {
        this.machine = machine;
        this.switchboard = switchboard;
        this.events = events;
        this.trunks = trunks;
        this.metrics = metrics;
        this.clock = clock;
        var executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "call-legs-" + serverId);
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.legThread = executor;
    }

    /**
     * Follows a leg for an attempt about to be claimed. Before the claim, because the claim records the
     * attempt open, and a reconciliation that finds an open attempt no leg here follows takes it for a
     * predecessor's and reports it lost. Empty if a leg here already follows the attempt (a duplicate of an
     * attempt this process placed or adopted): nothing to claim then.
     */
    public java.util.Optional<OpenAttempt> follow(CallLeg identity, int ringTimeoutSeconds, TrunkPermit permit) {
        Leg leg = machine.begin(identity, ringTimeoutSeconds);
        if (calls.putIfAbsent(identity.attemptId(), new LiveCall(leg, permit)) != null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new OpenAttempt(identity, ringTimeoutSeconds, leg.originatedAt()));
    }

    /** Stops following a leg whose claim was refused or failed; it was never originated, so nothing is reported. */
    public void unfollow(String attemptId) {
        calls.remove(attemptId);
    }

    /**
     * Originates a followed, claimed attempt. The leg was registered before the request leaves, because the
     * server may report the channel's first events before it answers the request.
     */
    public void originate(Switchboard.OriginateRequest request) {
        LiveCall call = calls.get(request.channelId());
        if (call == null) {
            throw new IllegalStateException("attempt " + request.channelId() + " is not followed: follow it before "
                    + "claiming and originating it");
        }
        CallLeg identity = call.leg.identity();
        TrunkPermit permit = call.permit;
        trunks.activity(identity.trunkId()).attemptPlaced(metrics.operatorOf(identity.phoneNumber()));
        metrics.attemptTowards(identity.trunkId(), identity.phoneNumber());
        Switchboard.OriginateResult result = switchboard.originate(request);
        trunks.started(permit);
        AriSignal signal = switch (result) {
            case Switchboard.OriginateResult.Accepted accepted -> {
                metrics.originated(identity.trunkId(), "accepted");
                yield new AriSignal.OriginateAccepted();
            }
            case Switchboard.OriginateResult.AlreadyExists exists -> {
                metrics.originated(identity.trunkId(), "already-exists");
                log.warn("attempt {} already has a channel on the server; following it", identity.attemptId());
                yield new AriSignal.OriginateAccepted();
            }
            case Switchboard.OriginateResult.Refused refused -> {
                metrics.originated(identity.trunkId(), "refused");
                log.warn("originate of attempt {} to {} on {} refused: HTTP {} {}", identity.attemptId(),
                        PhoneNumberMask.mask(identity.phoneNumber()), identity.trunkId(), refused.httpStatus(),
                        refused.reason());
                yield new AriSignal.OriginateFailed(refused.httpStatus(), refused.reason());
            }
            case Switchboard.OriginateResult.OutcomeUnknown unknown -> {
                metrics.originated(identity.trunkId(), "unknown");
                log.warn("originate of attempt {} to {} on {} got no answer ({}): clearing the channel id and "
                                + "waiting for the server's word before ending the leg", identity.attemptId(),
                        PhoneNumberMask.mask(identity.phoneNumber()), identity.trunkId(), unknown.reason());
                yield new AriSignal.OriginateOutcomeUnknown(unknown.reason());
            }
        };
        signal(identity.attemptId(), signal);
    }

    @Override
    public void signal(String channelId, AriSignal signal) {
        try {
            legThread.execute(() -> apply(channelId, signal));
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            log.debug("adapter stopping; dropped {} for channel {}", signal, channelId);
        }
    }

    /** The attempts followed now. */
    public Set<String> followed() {
        return Set.copyOf(calls.keySet());
    }

    /**
     * Follows a live channel that a previous process of this adapter originated (see
     * {@link CallLegMachine#adopt}); nothing is originated. It holds no trunk permit: its CPS token was spent
     * by the predecessor, and the channel limit counts only this process's calls.
     */
    public void adopt(OpenAttempt attempt, String channelState) {
        try {
            legThread.execute(() -> {
                if (calls.containsKey(attempt.attemptId())) {
                    return;
                }
                Transition transition = machine.adopt(attempt.identity(), attempt.ringTimeoutSeconds(),
                        attempt.placedAt(), channelState);
                LiveCall call = new LiveCall(transition.leg(), null);
                calls.put(attempt.attemptId(), call);
                log.info("adopted attempt {} to {} on {} (channel {}), left live by a previous process",
                        attempt.attemptId(), PhoneNumberMask.mask(attempt.identity().phoneNumber()),
                        attempt.identity().trunkId(), channelState);
                transition.events().forEach(events::publish);
                transition.actions().forEach(action -> act(call, action, transition));
            });
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            log.debug("adapter stopping; attempt {} not adopted", attempt.attemptId());
        }
    }

    /**
     * Waits up to {@code limit} for every live call to end (a graceful drain: the caller has stopped taking
     * commands). Returns whether none is left.
     */
    public boolean awaitNoLiveCalls(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!calls.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(Math.min(50, TimeUnit.NANOSECONDS.toMillis(left) + 1));
        }
        return true;
    }

    /** Calls alive now (claimed and not yet ended). */
    public int count() {
        return calls.size();
    }

    private void apply(String channelId, AriSignal signal) {
        LiveCall call = calls.get(channelId);
        if (call == null) {
            // Not one of ours, or already ended: late and duplicate events end here.
            log.trace("signal {} for channel {} that has no live leg", signal, channelId);
            return;
        }
        Transition transition;
        try {
            transition = machine.apply(call.leg, signal);
        } catch (RuntimeException e) {
            log.error("call-leg machine failed on {} for attempt {}", signal, channelId, e);
            return;
        }
        call.leg = transition.leg();
        transition.events().forEach(events::publish);
        transition.actions().forEach(action -> act(call, action, transition));
    }

    private void act(LiveCall call, LegAction action, Transition transition) {
        String attemptId = call.leg.attemptId();
        switch (action) {
            case LegAction.HangUp hangUp -> switchboard.hangUp(attemptId, hangUp.reason());
            case LegAction.StartTimer timer -> {
                long delayNanos = Math.max(0, Duration.between(clock.instant(), timer.at()).toNanos());
                legThread.schedule(() -> apply(attemptId, new AriSignal.TimerElapsed(timer.timer())), delayNanos,
                        TimeUnit.NANOSECONDS);
            }
            case LegAction.ReleaseChannel release -> {
                calls.remove(attemptId);
                if (call.permit != null) {
                    trunks.release(call.permit);
                }
                transition.events().stream().filter(e -> e.type() == CallEventType.ENDED).findFirst()
                        .ifPresent(ended -> recordOutcome(call.leg.identity(), ended.signal()));
            }
        }
    }

    private void recordOutcome(CallLeg identity, CallSignal signal) {
        OutcomeClass outcome = trunks.activity(identity.trunkId())
                .callEnded(signal, metrics.operatorOf(identity.phoneNumber()));
        metrics.callEnded(identity.trunkId(), signal, outcome);
        metrics.endedTowards(identity.trunkId(), identity.phoneNumber(), signal, outcome);
        log.debug("attempt {} to {} ended: {} ({})", identity.attemptId(), PhoneNumberMask.mask(identity.phoneNumber()),
                outcome, signal);
    }

    @Override
    public void close() {
        legThread.shutdownNow();
        if (!calls.isEmpty()) {
            log.info("stopping with {} live call(s); the server's ring timeout clears them", calls.size());
        }
    }

    /** A live leg and the trunk permit it holds; mutated only on the leg thread. */
    private static final class LiveCall {
        private Leg leg;
        private final TrunkPermit permit;

        LiveCall(Leg leg, TrunkPermit permit) {
            this.leg = leg;
            this.permit = permit;
        }
    }
}
