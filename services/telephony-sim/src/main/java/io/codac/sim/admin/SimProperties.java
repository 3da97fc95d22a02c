package io.codac.sim.admin;

import io.codac.sim.domain.CallTiming;
import io.codac.sim.domain.FateShares;
import io.codac.sim.domain.NumberFate;
import io.codac.sim.domain.RingingSignal;
import io.codac.sim.domain.SimSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Map;

/**
 * The {@code codac.sim.*} settings of the simulator process.
 *
 * @param seed             decides every number's fate
 * @param timing           {@code realistic} (seconds of post-dial delay, 30 s ring limit) or {@code fast} (tens of ms)
 * @param speedFactor      scenario time runs this many times faster than the wall clock (every timing scales)
 * @param shares           per-fate weights (e.g. {@code codac.sim.shares.unallocated=0.2}); unset fates keep the defaults
 * @param ringingSignals   how ringing is signalled per trunk id, carrier or destination operator, e.g.
 *                         {@code codac.sim.ringing-signals.jio=early-media-only}
 * @param postDialDelayMin overrides the profile's value when set; likewise the other timing fields
 */
@ConfigurationProperties("codac.sim")
public record SimProperties(
        @DefaultValue("1") long seed,
        @DefaultValue("realistic") TimingProfile timing,
        @DefaultValue("1") double speedFactor,
        @DefaultValue("10m") Duration redialWindow,
        @DefaultValue("500000") int cdrCapacity,
        Map<NumberFate, Double> shares,
        Map<String, RingingSignal> ringingSignals,
        Duration postDialDelayMin,
        Duration postDialDelayMax,
        Duration ringBeforeAnswerMin,
        Duration ringBeforeAnswerMax,
        Duration noAnswerAfter,
        Duration answeredHangupAfter,
        Duration announcementLength,
        Duration callerGivesUpAfter) {

    public enum TimingProfile { REALISTIC, FAST }

    public SimSettings toSettings() {
        FateShares fateShares = FateShares.defaults();
        if (shares != null) {
            for (var entry : shares.entrySet()) {
                fateShares = fateShares.with(entry.getKey(), entry.getValue());
            }
        }
        CallTiming t = timing == TimingProfile.FAST ? CallTiming.fast() : CallTiming.realistic();
        t = t.withPostDialDelay(or(postDialDelayMin, t.postDialDelayMin()), or(postDialDelayMax, t.postDialDelayMax()))
                .withRingBeforeAnswer(or(ringBeforeAnswerMin, t.ringBeforeAnswerMin()),
                        or(ringBeforeAnswerMax, t.ringBeforeAnswerMax()))
                .withNoAnswerAfter(or(noAnswerAfter, t.noAnswerAfter()))
                .withAnsweredHangupAfter(or(answeredHangupAfter, t.answeredHangupAfter()))
                .withAnnouncementLength(or(announcementLength, t.announcementLength()))
                .withCallerGivesUpAfter(or(callerGivesUpAfter, t.callerGivesUpAfter()));
        SimSettings settings = SimSettings.defaults().withSeed(seed).withShares(fateShares).withTiming(t)
                .withRedialWindow(redialWindow).withCdrCapacity(cdrCapacity).withSpeedFactor(speedFactor);
        if (ringingSignals != null) {
            for (var entry : ringingSignals.entrySet()) {
                settings = settings.withRingingSignal(entry.getKey(), entry.getValue());
            }
        }
        return settings;
    }

    private static Duration or(Duration value, Duration fallback) {
        return value != null ? value : fallback;
    }
}
