package io.codac.adapter.dialing;

import io.codac.adapter.call.domain.CallEvents;
import io.codac.adapter.call.domain.PjsipEndpoint;
import io.codac.adapter.reconcile.domain.OpenAttempt;
import io.codac.adapter.trunk.domain.Admission;
import io.codac.adapter.trunk.domain.TrunkPermit;
import io.codac.contracts.domain.PhoneNumberMask;
import io.codac.contracts.domain.TelephonyServer;
import io.codac.contracts.domain.Trunk;
import io.codac.contracts.event.CallEvent;
import io.codac.contracts.event.CallLeg;
import io.codac.contracts.event.DialCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Places one dial command, or hands it back. The order of the steps is what keeps the promises:
 *
 * <ol>
 *   <li>a command that cannot start in time (server unreachable, {@code notAfter} passed, trunk full
 *       until the capacity window closes) is handed back as {@code REJECTED_NO_CAPACITY}, and this server
 *       remembers it handed it back, so a redelivery can never dial what the scheduler already re-placed;</li>
 *   <li>capacity is taken before the claim, so a refusal leaves no claim behind that would stop the
 *       attempt on another trunk;</li>
 *   <li>the claim ({@code SET NX}, which records the attempt open in the same step) is taken before the
 *       originate, so a command delivered twice dials once, and after the leg is followed here, so a
 *       reconciliation never takes the attempt for a predecessor's;</li>
 *   <li>the method returns (and the consumer commits the offset) only once the claim is durable, or once
 *       the broker acknowledged the hand-back: a hand-back that cannot be published fails the command,
 *       which is redelivered and reported again (same event id), never dialed.</li>
 * </ol>
 *
 * <p>Nothing is dialed but an E.164 number on one of this server's trunks ({@link PjsipEndpoint}).
 */
public final class DialCommandHandler {

    private static final Logger log = LoggerFactory.getLogger(DialCommandHandler.class);
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(30);

    private final TelephonyServer server;
    private final Trunks trunks;
    private final AttemptClaims claims;
    private final Switchboard switchboard;
    private final LiveCalls liveCalls;
    private final CallEventSink events;
    private final DialingMetrics metrics;
    private final Clock clock;
    private final Duration capacityWait;
    private final Drain drain;

    public DialCommandHandler(TelephonyServer server, Trunks trunks, AttemptClaims claims, Switchboard switchboard,
                              LiveCalls liveCalls, CallEventSink events, DialingMetrics metrics, Clock clock,
                              Duration capacityWait) {
        this(server, trunks, claims, switchboard, liveCalls, events, metrics, clock, capacityWait, new Drain());
    }

    public DialCommandHandler(TelephonyServer server, Trunks trunks, AttemptClaims claims, Switchboard switchboard,
                              LiveCalls liveCalls, CallEventSink events, DialingMetrics metrics, Clock clock,
                              Duration capacityWait, Drain drain) {
        this.drain = drain;
        this.server = server;
        this.trunks = trunks;
        this.claims = claims;
        this.switchboard = switchboard;
        this.liveCalls = liveCalls;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
        this.capacityWait = capacityWait;
    }

    public void handle(DialCommand command) throws InterruptedException {
        Instant now = clock.instant();
        CallLeg leg = new CallLeg(command.attemptId(), command.verificationId(), command.phoneNumber(),
                command.trunkId(), server.id());
        Trunk trunk = trunks.trunk(command.trunkId()).orElse(null);
        if (trunk == null) {
            handBack(leg, "unknown-trunk", "trunk " + command.trunkId() + " is not on server " + server.id());
            return;
        }
        // The consumer dead-letters a command whose number is not E.164; this throws before any claim if one slips by.
        PjsipEndpoint endpoint = new PjsipEndpoint(command.phoneNumber(), trunk);
        if (command.occurredAt() != null) {
            trunks.activity(trunk.id()).commandReceived(Duration.between(command.occurredAt(), now));
        }
        if (drain.isDraining()) {
            handBack(leg, "draining", "server " + server.id() + " is draining");
            return;
        }
        if (!switchboard.isConnected()) {
            handBack(leg, "ari-down", "server " + server.id() + " is unreachable over ARI");
            return;
        }
        if (command.notAfter() != null && !now.isBefore(command.notAfter())) {
            handBack(leg, "expired", "notAfter " + command.notAfter() + " had passed");
            return;
        }
        Instant deadline = now.plus(capacityWait);
        if (command.notAfter() != null && command.notAfter().isBefore(deadline)) {
            deadline = command.notAfter();
        }
        Admission admission = trunks.acquire(trunk.id(), deadline);
        if (admission instanceof Admission.Refused refused) {
            handBack(leg, refused.reason().name().toLowerCase().replace('_', '-'), refused.reason().description());
            return;
        }
        TrunkPermit permit = ((Admission.Admitted) admission).permit();
        claimAndPlace(command, endpoint, leg, permit);
    }

    private void claimAndPlace(DialCommand command, PjsipEndpoint endpoint, CallLeg leg, TrunkPermit permit) {
        Optional<OpenAttempt> followed = liveCalls.follow(leg, command.ringTimeoutSeconds(), permit);
        if (followed.isEmpty()) {
            trunks.cancel(permit);
            metrics.duplicateSkipped(leg.trunkId());
            log.info("attempt {} to {} is already followed here: duplicate command skipped", command.attemptId(),
                    PhoneNumberMask.mask(command.phoneNumber()));
            return;
        }
        AttemptClaims.ClaimOutcome claim;
        try {
            claim = claims.claim(followed.get());
        } catch (RuntimeException e) {
            liveCalls.unfollow(command.attemptId());
            trunks.cancel(permit);
            throw e; // not claimed, not committed: the command is redelivered
        }
        if (claim != AttemptClaims.ClaimOutcome.CLAIMED) {
            liveCalls.unfollow(command.attemptId());
            trunks.cancel(permit);
        }
        switch (claim) {
            case CLAIMED -> liveCalls.originate(originateRequest(command, endpoint));
            case ALREADY_CLAIMED -> {
                metrics.duplicateSkipped(leg.trunkId());
                log.info("attempt {} to {} is already claimed: duplicate command skipped", command.attemptId(),
                        PhoneNumberMask.mask(command.phoneNumber()));
            }
            case HANDED_BACK_EARLIER -> {
                log.info("attempt {} was handed back earlier: reporting that again, not dialing", command.attemptId());
                // The first report may have been lost with a crash; the event id is the same, so it is harmless.
                publishAndWait(CallEvents.rejectedNoCapacity(leg, clock.instant(), "handed back earlier"));
            }
        }
    }

    private Switchboard.OriginateRequest originateRequest(DialCommand command, PjsipEndpoint endpoint) {
        return new Switchboard.OriginateRequest(
                command.attemptId(),
                endpoint.dialString(),
                server.ari().app(),
                command.callerId(),
                command.ringTimeoutSeconds(),
                Map.of("CODAC_ATTEMPT_ID", command.attemptId(),
                        "CODAC_VERIFICATION_ID", command.verificationId() == null ? "" : command.verificationId()));
    }

    private void handBack(CallLeg leg, String reasonTag, String why) {
        if (claims.markHandedBack(leg.attemptId()) == AttemptClaims.HandBackOutcome.ALREADY_CLAIMED) {
            // A redelivery of a command that was already dialed: saying "never dialed" now would invite a double dial.
            metrics.duplicateSkipped(leg.trunkId());
            log.info("attempt {} is already claimed: not handing it back ({})", leg.attemptId(), why);
            return;
        }
        metrics.handedBack(leg.trunkId(), reasonTag);
        log.info("handing back attempt {} to {} on {}: {}", leg.attemptId(), PhoneNumberMask.mask(leg.phoneNumber()),
                leg.trunkId(), why);
        publishAndWait(CallEvents.rejectedNoCapacity(leg, clock.instant(), why));
    }

    /** A hand-back must reach the scheduler before the offset moves on; if it cannot, the command is retried. */
    private void publishAndWait(CallEvent event) {
        try {
            events.publish(event).get(PUBLISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing " + event.eventId(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish " + event.eventId() + ": " + e.getMessage(), e);
        }
    }
}
