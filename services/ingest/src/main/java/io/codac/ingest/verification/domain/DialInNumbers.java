package io.codac.ingest.verification.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * The fleet's inbound DIDs, from which a missed-call verification gets the number the shopper must
 * ring. The choice is deterministic (the same shopper is always given the same number, so a repeated
 * request shows a number they may already have dialled) and prefers a DID in the shopper's own country,
 * which is cheaper and more familiar to call.
 */
public final class DialInNumbers {

    private final List<String> all;
    private final Map<Integer, List<String>> byCountryCode;

    /**
     * @param dids        E.164 DIDs of the fleet
     * @param countryCode the country calling code of a DID
     */
    public DialInNumbers(List<String> dids, ToIntFunction<String> countryCode) {
        this.all = dids.stream().distinct().sorted().toList();
        // groupingBy keeps encounter order, so each country's list stays sorted
        this.byCountryCode = all.stream().collect(Collectors.groupingBy(countryCode::applyAsInt, Collectors.toList()));
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }

    /** The DID for a shopper, or empty when the fleet has none. */
    public Optional<String> choose(String shopperE164, int shopperCountryCode) {
        List<String> candidates = byCountryCode.getOrDefault(shopperCountryCode, all);
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(candidates.get(Math.floorMod(shopperE164.hashCode(), candidates.size())));
    }
}
