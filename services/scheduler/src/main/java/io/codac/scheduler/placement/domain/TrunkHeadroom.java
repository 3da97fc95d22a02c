package io.codac.scheduler.placement.domain;

import io.codac.contracts.domain.TelephonyServer;
import io.codac.contracts.domain.Trunk;

/**
 * One trunk as the placement policy sees it at one instant: its contract, its server's liveness, and the
 * use this scheduler instance itself has put on it.
 *
 * @param serverPlaceable      the trunk's server sent a recent {@code UP} heartbeat
 * @param inFlight             this instance's attempts on the trunk that have not ended yet
 * @param dispatchesLastSecond this instance's dial commands to the trunk in the last second (CPS window)
 */
public record TrunkHeadroom(
        Trunk trunk,
        TelephonyServer server,
        boolean serverPlaceable,
        int inFlight,
        int dispatchesLastSecond) {

    public TrunkHeadroom {
        if (inFlight < 0 || dispatchesLastSecond < 0) {
            throw new IllegalArgumentException("trunk " + trunk.id() + ": negative use " + inFlight + "/" + dispatchesLastSecond);
        }
    }

    public int freeChannels() {
        return Math.max(0, trunk.maxChannels() - inFlight);
    }

    public boolean hasFreeChannel() {
        return freeChannels() > 0;
    }

    public boolean underCps() {
        return dispatchesLastSecond < trunk.cps();
    }

    /** Live, a channel free and under its CPS contract: one more call fits right now. */
    public boolean canTakeOneMore() {
        return serverPlaceable && hasFreeChannel() && underCps();
    }

    public double freeChannelFraction() {
        return (double) freeChannels() / trunk.maxChannels();
    }

    public double freeCpsFraction() {
        return Math.max(0.0, (double) (trunk.cps() - dispatchesLastSecond) / trunk.cps());
    }
}
