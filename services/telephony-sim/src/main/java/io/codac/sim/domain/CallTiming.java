package io.codac.sim.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the far end takes, in scenario time (a {@link SimSettings#speedFactor()} above one makes the
 * scenario run faster than the wall clock). Each call draws its delays uniformly from the ranges,
 * deterministically from the seed and its channel id, so a replayed test sees the same timings.
 *
 * @param postDialDelayMin    shortest time from originate to the first answer from the network (ringing or a failure)
 * @param postDialDelayMax    longest such time
 * @param ringBeforeAnswerMin shortest ringing before a {@link NumberFate#ANSWERS} number picks up
 * @param ringBeforeAnswerMax longest such ringing
 * @param noAnswerAfter       the network stops an unanswered ringing call after this long (cause 19)
 * @param answeredHangupAfter the far end hangs up an answered call after this long (cause 16), if we have not
 * @param announcementLength  how long a {@link NumberFate#ANNOUNCEMENT_SWITCHED_OFF} announcement plays before the
 *                            call fails
 * @param callerGivesUpAfter  a shopper whose missed call nobody rejects hangs up after this long
 */
public record CallTiming(
        Duration postDialDelayMin,
        Duration postDialDelayMax,
        Duration ringBeforeAnswerMin,
        Duration ringBeforeAnswerMax,
        Duration noAnswerAfter,
        Duration answeredHangupAfter,
        Duration announcementLength,
        Duration callerGivesUpAfter) {

    public CallTiming {
        requireRange("post-dial delay", postDialDelayMin, postDialDelayMax);
        requireRange("ring before answer", ringBeforeAnswerMin, ringBeforeAnswerMax);
        requirePositive("no-answer timeout", noAnswerAfter);
        requirePositive("answered call duration", answeredHangupAfter);
        requirePositive("announcement length", announcementLength);
        requirePositive("inbound caller patience", callerGivesUpAfter);
    }

    /**
     * The timings of the first version, before announcements and inbound calls: the announcement lasts as long as the
     * longest ringing before an answer, and a shopper gives up after the network's ring limit.
     */
    public CallTiming(Duration postDialDelayMin, Duration postDialDelayMax, Duration ringBeforeAnswerMin,
                      Duration ringBeforeAnswerMax, Duration noAnswerAfter, Duration answeredHangupAfter) {
        this(postDialDelayMin, postDialDelayMax, ringBeforeAnswerMin, ringBeforeAnswerMax, noAnswerAfter,
                answeredHangupAfter, ringBeforeAnswerMax.isZero() ? noAnswerAfter : ringBeforeAnswerMax, noAnswerAfter);
    }

    /** Timings of a real mobile network: seconds of post-dial delay, a 30 s ring limit. */
    public static CallTiming realistic() {
        return new CallTiming(Duration.ofMillis(1000), Duration.ofMillis(2500),
                Duration.ofSeconds(3), Duration.ofSeconds(8),
                Duration.ofSeconds(30), Duration.ofSeconds(20),
                Duration.ofSeconds(8), Duration.ofSeconds(20));
    }

    /** Timings for tests: tens of milliseconds, and a short ring limit so unanswered calls end quickly. */
    public static CallTiming fast() {
        return new CallTiming(Duration.ofMillis(20), Duration.ofMillis(40),
                Duration.ofMillis(50), Duration.ofMillis(80),
                Duration.ofSeconds(3), Duration.ofSeconds(3),
                Duration.ofMillis(80), Duration.ofSeconds(3));
    }

    public CallTiming withPostDialDelay(Duration min, Duration max) {
        return new CallTiming(min, max, ringBeforeAnswerMin, ringBeforeAnswerMax, noAnswerAfter, answeredHangupAfter,
                announcementLength, callerGivesUpAfter);
    }

    public CallTiming withRingBeforeAnswer(Duration min, Duration max) {
        return new CallTiming(postDialDelayMin, postDialDelayMax, min, max, noAnswerAfter, answeredHangupAfter,
                announcementLength, callerGivesUpAfter);
    }

    public CallTiming withNoAnswerAfter(Duration limit) {
        return new CallTiming(postDialDelayMin, postDialDelayMax, ringBeforeAnswerMin, ringBeforeAnswerMax, limit,
                answeredHangupAfter, announcementLength, callerGivesUpAfter);
    }

    public CallTiming withAnsweredHangupAfter(Duration duration) {
        return new CallTiming(postDialDelayMin, postDialDelayMax, ringBeforeAnswerMin, ringBeforeAnswerMax,
                noAnswerAfter, duration, announcementLength, callerGivesUpAfter);
    }

    public CallTiming withAnnouncementLength(Duration length) {
        return new CallTiming(postDialDelayMin, postDialDelayMax, ringBeforeAnswerMin, ringBeforeAnswerMax,
                noAnswerAfter, answeredHangupAfter, length, callerGivesUpAfter);
    }

    public CallTiming withCallerGivesUpAfter(Duration patience) {
        return new CallTiming(postDialDelayMin, postDialDelayMax, ringBeforeAnswerMin, ringBeforeAnswerMax,
                noAnswerAfter, answeredHangupAfter, announcementLength, patience);
    }

    Duration postDialDelay(long hash) {
        return between(postDialDelayMin, postDialDelayMax, hash);
    }

    Duration ringBeforeAnswer(long hash) {
        return between(ringBeforeAnswerMin, ringBeforeAnswerMax, hash);
    }

    private static Duration between(Duration min, Duration max, long hash) {
        long span = max.toNanos() - min.toNanos();
        return min.plusNanos((long) (StableHash.unit(hash) * span));
    }

    private static void requireRange(String what, Duration min, Duration max) {
        Objects.requireNonNull(min, what + " minimum");
        Objects.requireNonNull(max, what + " maximum");
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException(what + ": need 0 <= min <= max, was " + min + ".." + max);
        }
    }

    private static void requirePositive(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + d);
        }
    }
}
