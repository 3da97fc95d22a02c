package io.codac.adapter.call.domain;

import io.codac.contracts.domain.CallSignal;
import io.codac.contracts.event.CallEvent;
import io.codac.contracts.event.CallEventType;
import io.codac.contracts.event.CallLeg;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The call-leg state machine of a flash call.
 *
 * <pre>
 *   ORIGINATING ──accepted──▶ DIALING ──ringing──▶ RINGING ──answer──▶ ANSWERED
 *     │     │                   ▲  │  └──183──▶ EARLY_MEDIA ──180 / answer / 183 confirmed──┘
 *     │     └─no answer─▶ ORIGINATE_UNKNOWN ─any channel event─┘                 │
 *     └──── refused / destroyed / vanished / hang-up unconfirmed (from any live state) ──▶ ENDED
 * </pre>
 *
 * <p>Events reach us over a WebSocket while the originate's HTTP answer travels another path, so any
 * sign of the channel (ringing, a dial status, its destruction) counts as the originate's acceptance and
 * {@code DIAL_STARTED} is always published first. Duplicated and late events, and timers a leg no longer
 * needs, change nothing; an ended leg never changes again, so each event type is published at most once.
 *
 * <p>Only a definite refusal (an HTTP 4xx/5xx from the server) ends a leg at once as a route failure. An
 * originate that got no answer may still create the channel, and ending its leg would let the scheduler
 * dial the number again while it rings here; so the leg stays live as {@code ORIGINATE_UNKNOWN}, we ask the
 * server to clear the channel id, and the leg ends when the server says how the channel ended (which
 * tells whether it rang) or, if the server never mentions the channel, when the hang-up confirmation
 * timer fires.
 *
 * <p>Flash-call policy: once the phone rings we hang up after {@link FlashCallPolicy#hangUpAfterRinging()}
 * (the ring is the proof); on answer we hang up at once; if nothing ended the call by the ring timeout we
 * hang up then. Every hang-up starts a confirmation timer so a lost {@code ChannelDestroyed} cannot hold
 * a trunk channel forever; only the latest hang-up's timer may end the leg.
 */
public final class CallLegMachine {

    /** Dial statuses that end a dial attempt; Asterisk reports them just before the channel goes. */
    private static final Set<String> FINAL_DIAL_STATUSES = Set.of(
            "ANSWER", "BUSY", "NOANSWER", "CANCEL", "CONGESTION", "CHANUNAVAIL", "DONTCALL", "TORTURE", "INVALIDARGS");

    private final Clock clock;
    private final FlashCallPolicy policy;

    public CallLegMachine(Clock clock, FlashCallPolicy policy) {
        this.clock = clock;
        this.policy = policy;
    }

    /** A claimed attempt about to be originated. */
    public Leg begin(CallLeg identity, int ringTimeoutSeconds) {
        return Leg.originating(identity, policy.ringTimeout(ringTimeoutSeconds), clock.instant());
    }

    /**
     * Takes over a live channel a previous process of this adapter originated (found by reconciliation).
     * Nothing is originated. The leg starts from what the server shows: {@code Ringing} is alerting (the flash
     * delay counts from now, since when it began is unknown), {@code Up} is answered (hung up at once), any
     * other state is dialing. The ring timeout still counts from the original originate, so a call whose ring
     * window has passed is hung up at once. {@code DIAL_STARTED} (and {@code RINGING}) are reported again with
     * their ids: the previous process may have died before the broker had them, and consumers drop copies.
     */
    public Transition adopt(CallLeg identity, int ringTimeoutSeconds, Instant placedAt, String channelState) {
        Leg leg = Leg.originating(identity, policy.ringTimeout(ringTimeoutSeconds), placedAt);
        Step step = new Step(leg, clock.instant());
        step.adopt(placedAt, channelState);
        return step.result();
    }

    public Transition apply(Leg leg, AriSignal signal) {
        if (!leg.state().isLive()) {
            return Transition.unchanged(leg);
        }
        Step step = new Step(leg, clock.instant());
        switch (signal) {
            case AriSignal.OriginateAccepted accepted -> step.confirmDialing();
            case AriSignal.OriginateFailed failed -> step.originateFailed(failed);
            case AriSignal.OriginateOutcomeUnknown unknown -> step.originateOutcomeUnknown(unknown.reason());
            case AriSignal.FarEndRinging ringing -> step.ringing();
            case AriSignal.EarlyMedia earlyMedia -> step.earlyMedia();
            case AriSignal.FarEndAnswered answered -> step.answered();
            case AriSignal.DialStatusReported reported -> step.dialStatus(reported.dialStatus());
            case AriSignal.HangUpRequestedOnServer requested -> step.hangUpRequestedOnServer(requested.q850Cause());
            case AriSignal.HangUpNow now -> step.hangUp(now.reason());
            case AriSignal.ChannelDestroyed destroyed -> step.destroyed(destroyed);
            case AriSignal.ChannelVanished vanished -> step.vanished();
            case AriSignal.TimerElapsed elapsed -> step.timerElapsed(elapsed.timer());
        }
        return step.result();
    }

    /** One transition being worked out: the leg as it evolves plus what it implies, in order. */
    private final class Step {

        private Leg leg;
        private final Instant now;
        private final List<CallEvent> events = new ArrayList<>();
        private final List<LegAction> actions = new ArrayList<>();

        Step(Leg leg, Instant now) {
            this.leg = leg;
            this.now = now;
        }

        Transition result() {
            return new Transition(leg, events, actions);
        }

        void adopt(Instant placedAt, String channelState) {
            leg = leg.dialing(placedAt);
            events.add(CallEvents.transition(leg.identity(), CallEventType.DIAL_STARTED, now));
            Instant ringTimeoutDue = placedAt.plus(leg.ringTimeout());
            actions.add(new LegAction.StartTimer(LegTimer.RING_TIMEOUT,
                    ringTimeoutDue.isAfter(now) ? ringTimeoutDue : now));
            String state = channelState == null ? "" : channelState.trim().toLowerCase(Locale.ROOT);
            switch (state) {
                case "ringing" -> ringing();
                case "up" -> answered();
                case "busy" -> dialStatus("BUSY");
                default -> {
                    // Down (dialing, or early media without a 180): the ring timeout decides.
                }
            }
        }

        /** The channel exists: report the dial as started once, and start the ring timeout. */
        void confirmDialing() {
            if (leg.channelConfirmed()) {
                return;
            }
            leg = leg.dialing(now);
            events.add(CallEvents.transition(leg.identity(), CallEventType.DIAL_STARTED, now));
            actions.add(new LegAction.StartTimer(LegTimer.RING_TIMEOUT, now.plus(leg.ringTimeout())));
            if (leg.hungUpByUs()) {
                // We asked for a hang-up before the channel existed; that request could not reach it.
                actions.add(new LegAction.HangUp(leg.hangUpRequested()));
                startHangUpConfirmation();
            }
        }

        void originateFailed(AriSignal.OriginateFailed failed) {
            if (leg.state() != LegState.ORIGINATING) {
                return; // the server already showed us the channel, or we are waiting for its word on it
            }
            // The server refused: no channel, no provisional reply, a route failure to place elsewhere at once.
            end(new CallSignal(false, false, leg.hungUpByUs(), false, null, null, "CHANUNAVAIL"),
                    "originate refused (HTTP " + failed.httpStatus() + "): " + failed.reason());
        }

        void originateOutcomeUnknown(String reason) {
            if (leg.state() != LegState.ORIGINATING) {
                return; // the server already showed us the channel: it exists whatever the HTTP client said
            }
            leg = leg.originateUnknown(reason == null || reason.isBlank() ? "no HTTP answer" : reason);
            if (!leg.hungUpByUs()) {
                leg = leg.withHangUpRequested(HangUpReason.ORIGINATE_OUTCOME_UNKNOWN);
            }
            // Asked even when a hang-up was asked before: that one may have reached the server before the channel.
            actions.add(new LegAction.HangUp(leg.hangUpRequested()));
            startHangUpConfirmation();
        }

        void ringing() {
            confirmDialing();
            if (leg.state() != LegState.DIALING && leg.state() != LegState.EARLY_MEDIA) {
                return;
            }
            leg = leg.ringing(now);
            events.add(CallEvents.transition(leg.identity(), CallEventType.RINGING, now));
            if (!leg.hungUpByUs()) {
                actions.add(new LegAction.StartTimer(LegTimer.FLASH_HANGUP, now.plus(policy.hangUpAfterRinging())));
            }
        }

        /**
         * A 183 without a 180. It proves nothing by itself (an announcement is early media too), so the leg
         * is not alerted; only on a trunk whose carrier signals ringing as early media does a 183 that lasts
         * {@link FlashCallPolicy#earlyMediaConfirmation()} without failing become ringing.
         */
        void earlyMedia() {
            confirmDialing();
            if (leg.state() != LegState.DIALING) {
                return;
            }
            leg = leg.earlyMedia(now);
            events.add(CallEvents.transition(leg.identity(), CallEventType.EARLY_MEDIA, now));
            if (!leg.hungUpByUs() && policy.earlyMediaMayRing(leg.identity().trunkId())) {
                actions.add(new LegAction.StartTimer(LegTimer.EARLY_MEDIA_CONFIRMATION,
                        now.plus(policy.earlyMediaConfirmation())));
            }
        }

        /**
         * The 183 lasted: the phone has been ringing since it arrived. The flash delay counts from then, so
         * the hang-up is due at once when the confirmation took longer than the delay.
         */
        private void earlyMediaConfirmedAsRinging() {
            if (leg.state() != LegState.EARLY_MEDIA || leg.hungUpByUs()
                    || !policy.earlyMediaMayRing(leg.identity().trunkId())) {
                return;
            }
            Instant ringingSince = leg.earlyMediaAt();
            leg = leg.ringing(ringingSince);
            events.add(CallEvents.transition(leg.identity(), CallEventType.RINGING, now));
            Instant flashDue = ringingSince.plus(policy.hangUpAfterRinging());
            actions.add(new LegAction.StartTimer(LegTimer.FLASH_HANGUP, flashDue.isAfter(now) ? flashDue : now));
        }

        void answered() {
            confirmDialing();
            if (leg.state() == LegState.ANSWERED) {
                return;
            }
            leg = leg.answered(now);
            events.add(CallEvents.transition(leg.identity(), CallEventType.ANSWERED, now));
            hangUp(HangUpReason.ANSWERED);
        }

        void dialStatus(String reported) {
            if (reported == null || reported.isBlank()) {
                return;
            }
            String status = reported.trim().toUpperCase(Locale.ROOT);
            switch (status) {
                case "RINGING" -> ringing();
                case "PROGRESS" -> earlyMedia();
                case "ANSWER" -> answered();
                case "PROCEEDING" -> {
                    confirmDialing();
                    if (leg.proceedingAt() == null) {
                        leg = leg.proceeding(now);
                    }
                }
                default -> {
                    confirmDialing();
                    if (FINAL_DIAL_STATUSES.contains(status)) {
                        leg = leg.withDialStatus(status);
                    }
                }
            }
        }

        void hangUpRequestedOnServer(Integer cause) {
            confirmDialing();
            if (cause != null && cause > 0) {
                leg = leg.withServerHangUpCause(cause);
            }
        }

        void hangUp(HangUpReason reason) {
            if (leg.hungUpByUs()) {
                return;
            }
            leg = leg.withHangUpRequested(reason);
            actions.add(new LegAction.HangUp(reason));
            if (leg.channelConfirmed()) {
                startHangUpConfirmation();
            }
        }

        private void startHangUpConfirmation() {
            Instant due = now.plus(policy.hangUpConfirmation());
            leg = leg.withHangUpConfirmationDue(due);
            actions.add(new LegAction.StartTimer(LegTimer.HANGUP_CONFIRMATION, due));
        }

        void destroyed(AriSignal.ChannelDestroyed destroyed) {
            confirmDialing();
            Integer cause = destroyed.q850Cause() != null && destroyed.q850Cause() > 0
                    ? destroyed.q850Cause()
                    : leg.serverHangUpCause();
            end(signal(cause, destroyed.sipCode()), destroyed.causeText());
        }

        void vanished() {
            if (!leg.channelConfirmed()) {
                return; // the originate is in flight or unanswered: the channel may not exist yet
            }
            end(signal(leg.serverHangUpCause(), null), "channel vanished from the server without ChannelDestroyed");
        }

        void timerElapsed(LegTimer timer) {
            if (leg.state() == LegState.ORIGINATING) {
                return; // timers start only once the channel exists or the originate went unanswered
            }
            switch (timer) {
                case FLASH_HANGUP -> hangUp(HangUpReason.FLASH_AFTER_RINGING);
                case RING_TIMEOUT -> hangUp(HangUpReason.RING_TIMEOUT);
                case HANGUP_CONFIRMATION -> hangUpUnconfirmed();
                case EARLY_MEDIA_CONFIRMATION -> earlyMediaConfirmedAsRinging();
            }
        }

        private void hangUpUnconfirmed() {
            if (!leg.hungUpByUs() || leg.hangUpConfirmationDue() == null) {
                return;
            }
            if (now.isBefore(leg.hangUpConfirmationDue())) {
                // A later hang-up is still within its confirmation time (or the timer ran early): wait for it.
                actions.add(new LegAction.StartTimer(LegTimer.HANGUP_CONFIRMATION, leg.hangUpConfirmationDue()));
                return;
            }
            // Ask once more in case the first request was lost, but stop holding the channel.
            actions.add(new LegAction.HangUp(HangUpReason.UNCONFIRMED));
            if (leg.state() == LegState.ORIGINATE_UNKNOWN) {
                // The server never mentioned the channel: as far as anyone can tell it was never created.
                end(signal(leg.serverHangUpCause(), null), "originate unanswered (" + leg.originateDoubt()
                        + ") and no event of the channel before the hang-up confirmation timer");
            } else {
                end(signal(leg.serverHangUpCause(), null), "hang-up not confirmed by the server");
            }
        }

        private CallSignal signal(Integer q850Cause, Integer sipCode) {
            return new CallSignal(leg.alerted(), leg.answered(), leg.hungUpByUs(), leg.heardFromNetwork(), q850Cause,
                    sipCode, leg.dialStatus());
        }

        private void end(CallSignal signal, String causeText) {
            leg = leg.ended(now);
            events.add(CallEvents.ended(leg.identity(), now, signal, causeText));
            actions.add(new LegAction.ReleaseChannel());
        }
    }
}
