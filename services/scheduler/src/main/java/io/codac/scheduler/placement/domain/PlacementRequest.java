package io.codac.scheduler.placement.domain;

import java.util.Set;

/**
 * What the policy needs to know about the attempt to place.
 *
 * @param verificationId      the verification the attempt belongs to ("" when the caller does not say)
 * @param clientId            the client that asked for it ("" when the caller does not say)
 * @param destinationOperator the number's destination operator, half of a route's name; "" when unknown
 *                            ({@link RouteStats#UNKNOWN_OPERATOR}, the adapters' "unknown" is read the same way)
 * @param trunksToAvoid       trunks this verification was already tried on, and those this number failed on
 *                            recently (attempt memory)
 */
public record PlacementRequest(String verificationId, String clientId, String destinationOperator,
                               Set<String> trunksToAvoid) {

    public PlacementRequest {
        verificationId = verificationId == null ? "" : verificationId;
        clientId = clientId == null ? "" : clientId;
        destinationOperator = RouteStats.operatorKey(destinationOperator);
        trunksToAvoid = trunksToAvoid == null ? Set.of() : Set.copyOf(trunksToAvoid);
    }

    /** A request that knows only the trunks to avoid (callers written before routes had a health). */
    public static PlacementRequest avoiding(Set<String> trunksToAvoid) {
        return new PlacementRequest("", "", RouteStats.UNKNOWN_OPERATOR, trunksToAvoid);
    }
}
