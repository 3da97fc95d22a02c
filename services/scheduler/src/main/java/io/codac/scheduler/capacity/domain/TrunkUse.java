package io.codac.scheduler.capacity.domain;

/**
 * One trunk's use across every scheduler instance at one instant.
 *
 * @param channelsHeld         attempts holding an unexpired channel lease
 * @param startsLastSecond     channels taken in the last second (the carrier's calls-per-second window)
 */
public record TrunkUse(int channelsHeld, int startsLastSecond) {

    public static final TrunkUse NONE = new TrunkUse(0, 0);

    public TrunkUse {
        if (channelsHeld < 0 || startsLastSecond < 0) {
            throw new IllegalArgumentException("negative trunk use " + channelsHeld + "/" + startsLastSecond);
        }
    }
}
