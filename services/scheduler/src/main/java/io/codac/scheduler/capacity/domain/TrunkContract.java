package io.codac.scheduler.capacity.domain;

/** What a trunk's contract allows: concurrent channels and calls started per second. */
public record TrunkContract(String trunkId, int maxChannels, int cps) {

    public TrunkContract {
        if (trunkId == null || trunkId.isBlank()) {
            throw new IllegalArgumentException("a trunk contract needs a trunk id");
        }
        if (maxChannels <= 0 || cps <= 0) {
            throw new IllegalArgumentException("trunk " + trunkId + ": channels and cps must be positive, were "
                    + maxChannels + "/" + cps);
        }
    }
}
