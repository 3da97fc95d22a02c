package io.codac.adapter;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * The {@code codac.adapter.*} settings.
 *
 * @param serverId           the telephony server this adapter drives; required, must be in the fleet file
 * @param flashHangupDelay   how long the phone may ring before we hang up (the ring is the proof)
 * @param capacityWait       how long a command may wait for a CPS token or a channel before it is handed back
 * @param claimTtl           how long an attempt's claim (and a hand-back marker) lives in Redis
 * @param telemetryInterval  how often the server heartbeat is published
 * @param hangupConfirmation how long to wait for the server to confirm a hang-up before ending the leg anyway
 * @param defaultRingTimeout the ring timeout of a command that carries none
 * @param cpsWindowMargin    added to each trunk's one-second CPS window, for the jitter between our count and the
 *                           carrier's (1 % of margin costs 1 % of the contracted CPS)
 * @param ariVersion         the ari4java binding ({@code AriVersion} name) matching the servers' ARI
 * @param eventRetryBackOff  the first wait before a call event the broker did not acknowledge is sent again
 *                           (doubled per try)
 * @param eventRetryMaxBackOff the longest such wait; call events are retried for as long as the process lives
 * @param stopDrain          on shutdown, how long to wait for unacknowledged call events before giving up on them
 * @param shutdownCallDrain  on shutdown (SIGTERM), how long live calls may still run to their end (commands are no longer
 *                           taken); the default is the default ring timeout + 5 s, so a flash call that never rings
 *                           still ends here; 0 leaves them to the server's ring timeout and the next start's
 *                           reconciliation
 * @param fleetReloadInterval how often the fleet file is checked for changes (0: never; changes then need a restart)
 * @param earlyMediaRings    trunk ids or carrier names whose carrier signals a ringing phone only as 183 early media;
 *                           elsewhere a 183 alone never counts as alerting
 * @param earlyMediaConfirmation how long a 183 on such a trunk must last without failing to count as ringing (longer
 *                           than the carriers' "switched off" announcements, which also come as early media)
 */
@ConfigurationProperties("codac.adapter")
public record AdapterProperties(
        String serverId,
        @DefaultValue("1s") Duration flashHangupDelay,
        @DefaultValue("250ms") Duration capacityWait,
        @DefaultValue("1h") Duration claimTtl,
        @DefaultValue("500ms") Duration telemetryInterval,
        @DefaultValue("5s") Duration hangupConfirmation,
        @DefaultValue("30s") Duration defaultRingTimeout,
        @DefaultValue("10ms") Duration cpsWindowMargin,
        @DefaultValue("ARI_8_0_0") String ariVersion,
        @DefaultValue("200ms") Duration eventRetryBackOff,
        @DefaultValue("10s") Duration eventRetryMaxBackOff,
        @DefaultValue("5s") Duration stopDrain,
        @DefaultValue({}) List<String> earlyMediaRings,
        @DefaultValue("35s") Duration shutdownCallDrain,
        @DefaultValue("5s") Duration fleetReloadInterval,
        @DefaultValue("10s") Duration earlyMediaConfirmation) {

    public AdapterProperties {
        earlyMediaRings = earlyMediaRings == null ? List.of() : List.copyOf(earlyMediaRings);
    }
}
