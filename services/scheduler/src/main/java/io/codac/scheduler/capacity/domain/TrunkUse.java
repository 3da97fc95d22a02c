package io.codac.scheduler.capacity.domain;

import java.time.Duration;
import java.util.List;

/**
 * One trunk's use across every scheduler instance at one instant (a reading of the shared ledger).
 *
 * @param channelsHeld        attempts holding an unexpired channel lease
 * @param startsLastSecond    channels taken in the last second (the carrier's calls-per-second window)
 * @param startsLeaveWindowIn for each of those starts, how long after the reading it stops counting, when the reading
 *                            says so (empty: unknown, every start counts until the next reading). A trunk's CPS slots
 *                            free one by one as the window slides; without this a placement between two readings
 *                            would see a full trunk until the next one, and the trunk would idle in between.
 */
public record TrunkUse(int channelsHeld, int startsLastSecond, List<Duration> startsLeaveWindowIn) {

    public static final TrunkUse NONE = new TrunkUse(0, 0);

    public TrunkUse {
        if (channelsHeld < 0 || startsLastSecond < 0) {
            throw new IllegalArgumentException("negative trunk use " + channelsHeld + "/" + startsLastSecond);
        }
        startsLeaveWindowIn = List.copyOf(startsLeaveWindowIn);
        if (!startsLeaveWindowIn.isEmpty() && startsLeaveWindowIn.size() != startsLastSecond) {
            throw new IllegalArgumentException("trunk use of " + startsLastSecond + " starts with "
                    + startsLeaveWindowIn.size() + " start times");
        }
    }

    /** A reading without the starts' times: each counts until the next reading. */
    public TrunkUse(int channelsHeld, int startsLastSecond) {
        this(channelsHeld, startsLastSecond, List.of());
    }

    /** A reading with the time each start stops counting; their number is the starts of the last second. */
    public static TrunkUse withStartsLeavingIn(int channelsHeld, List<Duration> startsLeaveWindowIn) {
        return new TrunkUse(channelsHeld, startsLeaveWindowIn.size(), startsLeaveWindowIn);
    }

    /** The starts that still count {@code sinceReading} after the reading was taken. */
    public int startsStillCounted(Duration sinceReading) {
        if (startsLeaveWindowIn.isEmpty()) {
            return startsLastSecond;
        }
        int counted = 0;
        for (Duration leavesIn : startsLeaveWindowIn) {
            if (leavesIn.compareTo(sinceReading) > 0) {
                counted++;
            }
        }
        return counted;
    }

    /** The same reading with another number of channels held (one of ours ended since). */
    public TrunkUse withChannelsHeld(int channels) {
        return new TrunkUse(channels, startsLastSecond, startsLeaveWindowIn);
    }

    /** The counts alone, without the starts' times. */
    public TrunkUse counts() {
        return new TrunkUse(channelsHeld, startsLastSecond);
    }
}
