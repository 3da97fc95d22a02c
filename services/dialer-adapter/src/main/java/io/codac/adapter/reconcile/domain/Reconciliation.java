package io.codac.adapter.reconcile.domain;

import io.codac.adapter.call.domain.CallEvents;
import io.codac.contracts.domain.CallSignal;
import io.codac.contracts.event.CallEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to do about each attempt once we know the server's live channels ({@code GET /ari/channels}), the
 * attempts this server claimed and has not reported ended, and the legs this process follows.
 *
 * <ul>
 *   <li>an open attempt no leg here follows, whose channel is live: a previous process placed it —
 *       <b>adopt</b> it and follow it to its end (never originate it again: the channel id is the attempt id);</li>
 *   <li>an open attempt no leg here follows, with no live channel: it ended while nobody listened, and how is
 *       lost — <b>report it lost</b> (ended, no provisional reply known) so the scheduler decides; never dial it;</li>
 *   <li>a leg followed here whose channel is not live: the event that said how it ended was lost with the
 *       event stream — it <b>vanished</b> (the call-leg machine ignores that for a leg whose channel was not
 *       yet seen, since its originate may still be on the way);</li>
 *   <li>a live channel that is none of our open attempts (another adapter's, an inbound call): not ours.</li>
 * </ul>
 */
public final class Reconciliation {

    /**
     * How a lost attempt is reported: nothing is known, not even a provisional reply, so it counts against the
     * route and the scheduler decides (it knows whether it saw the attempt ring). It is never dialed again here.
     */
    public static final CallSignal LOST = new CallSignal(false, false, false, false, null, null, null);

    private Reconciliation() {
    }

    /** The {@code ENDED} report of an attempt whose channel is gone and whose end nobody heard. */
    public static CallEvent lostReport(OpenAttempt attempt, Instant now) {
        return CallEvents.ended(attempt.identity(), now, LOST,
                "lost: no live channel on the server and no end reported (adapter restart or lost event stream)");
    }

    public sealed interface Decision {
        String attemptId();
    }

    /** A live channel of ours that no leg follows: follow it. {@code channelState} is the server's (Down, Ringing, Up...). */
    public record Adopt(OpenAttempt attempt, String channelState) implements Decision {
        @Override
        public String attemptId() {
            return attempt.attemptId();
        }
    }

    /** Ours, neither live on the server nor followed: report it ended, outcome lost. */
    public record ReportLost(OpenAttempt attempt) implements Decision {
        @Override
        public String attemptId() {
            return attempt.attemptId();
        }
    }

    /** Followed here, but the server no longer has its channel. */
    public record Vanished(String attemptId) implements Decision {
    }

    /**
     * The inputs must be taken in this order: {@code followedBefore}, then {@code live}, then {@code open} and
     * {@code followedNow}. A leg placed after the channels were listed is missing from {@code live} without
     * having vanished, so only legs already followed before the listing can be found vanished; and an attempt
     * is recorded open only once a leg here follows it, so one placed meanwhile is in {@code followedNow}.
     *
     * @param open           the attempts this server claimed and has not reported ended
     * @param live           the server's live channels, id → state
     * @param followedBefore the attempts this process followed before the channels were listed
     * @param followedNow    the attempts this process follows now
     */
    public static List<Decision> decide(Collection<OpenAttempt> open, Map<String, String> live,
                                        Set<String> followedBefore, Set<String> followedNow) {
        List<Decision> decisions = new ArrayList<>();
        for (OpenAttempt attempt : open) {
            if (followedNow.contains(attempt.attemptId()) || followedBefore.contains(attempt.attemptId())) {
                continue;
            }
            String state = live.get(attempt.attemptId());
            decisions.add(state != null ? new Adopt(attempt, state) : new ReportLost(attempt));
        }
        for (String attemptId : followedBefore) {
            if (followedNow.contains(attemptId) && !live.containsKey(attemptId)) {
                decisions.add(new Vanished(attemptId));
            }
        }
        return decisions;
    }
}
