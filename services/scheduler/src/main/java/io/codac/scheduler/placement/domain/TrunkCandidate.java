package io.codac.scheduler.placement.domain;

import io.codac.contracts.domain.TelephonyServer;
import io.codac.contracts.domain.Trunk;

/**
 * One trunk as a placement policy sees it at one instant: its contract, its server's liveness and capacity
 * share, the use already on it, and the health of its route to the request's destination operator.
 *
 * <p>The trunk's <em>allowed</em> channels and CPS are its contract times the server's capacity share (a server
 * back from the dead is given its trunks gradually), at least 1 whenever the share is above 0, so a ramping
 * server can always take its first call.
 *
 * @param placeable        the server may take new work (a recent {@code UP} heartbeat)
 * @param capacityShare    the part of the contract the server may use now, 0..1
 * @param channelsInUse    attempts on the trunk that have not ended
 * @param startsLastSecond attempts started on the trunk within the sliding one-second CPS window
 * @param route            this trunk × the request's destination operator
 */
public record TrunkCandidate(Trunk trunk, TelephonyServer server, boolean placeable, double capacityShare,
                             int channelsInUse, int startsLastSecond, RouteStats route) {

    public TrunkCandidate {
        if (trunk == null || server == null) {
            throw new IllegalArgumentException("a candidate needs its trunk and server");
        }
        if (!(capacityShare >= 0 && capacityShare <= 1)) {
            throw new IllegalArgumentException("trunk " + trunk.id() + ": capacity share must be within 0..1, was " + capacityShare);
        }
        if (channelsInUse < 0 || startsLastSecond < 0) {
            throw new IllegalArgumentException("trunk " + trunk.id() + ": negative use " + channelsInUse + "/" + startsLastSecond);
        }
        route = route == null ? RouteStats.NONE : route;
    }

    /** The server may take new work and has a share of its contract to give. */
    public boolean usable() {
        return placeable && capacityShare > 0;
    }

    public int allowedChannels() {
        return allowed(trunk.maxChannels(), capacityShare);
    }

    public int allowedCps() {
        return allowed(trunk.cps(), capacityShare);
    }

    public boolean hasFreeChannel() {
        return channelsInUse < allowedChannels();
    }

    public boolean underCps() {
        return startsLastSecond < allowedCps();
    }

    /** Usable, a channel free and under its CPS: one more call fits right now. */
    public boolean canTakeOneMore() {
        return usable() && hasFreeChannel() && underCps();
    }

    public double freeChannelFraction() {
        int allowed = allowedChannels();
        return allowed == 0 ? 0 : (double) Math.max(0, allowed - channelsInUse) / allowed;
    }

    public double freeCpsFraction() {
        int allowed = allowedCps();
        return allowed == 0 ? 0 : (double) Math.max(0, allowed - startsLastSecond) / allowed;
    }

    /**
     * The scarcer of the two free fractions: a trunk with idle channels but a nearly spent CPS window is nearly
     * full for the next second. Fractions, not counts, keep a small trunk from being starved or swamped beside a big one.
     */
    public double freeFraction() {
        return Math.min(freeChannelFraction(), freeCpsFraction());
    }

    /** Contract × share, rounded down, at least 1 while the share is above 0. */
    public static int allowed(int contract, double share) {
        if (share <= 0) {
            return 0;
        }
        // the epsilon keeps 0.3 × 10 = 2.9999999999999996 from losing a channel to floating point
        return Math.max(1, Math.min(contract, (int) Math.floor(contract * share + 1e-9)));
    }
}
