package io.codac.sim.ari;

import java.util.Map;
import java.util.Optional;

/** ARI's {@code reason} for a hang-up and the Q.850 cause Asterisk sends for it ({@code ari_channels_hangup}). */
final class HangupReasons {

    private static final Map<String, Integer> CAUSES = Map.ofEntries(
            Map.entry("normal", 16),
            Map.entry("busy", 17),
            Map.entry("congestion", 34),
            Map.entry("no_answer", 19),
            Map.entry("timeout", 18),
            Map.entry("rejected", 21),
            Map.entry("unallocated", 1),
            Map.entry("normal_unspecified", 31),
            Map.entry("number_incomplete", 28),
            Map.entry("codec_mismatch", 58),
            Map.entry("interworking", 127),
            Map.entry("failure", 38),
            Map.entry("answered_elsewhere", 26));

    private HangupReasons() {
    }

    /** The cause for {@code reason}, normal clearing when none is given, empty when the reason is unknown. */
    static Optional<Integer> cause(String reason) {
        if (reason == null || reason.isEmpty()) {
            return Optional.of(16);
        }
        return Optional.ofNullable(CAUSES.get(reason));
    }
}
