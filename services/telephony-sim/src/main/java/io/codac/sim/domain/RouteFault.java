package io.codac.sim.domain;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A degraded route: of the calls that a trunk's carrier admits towards one destination operator, a share fails
 * in the network after the post-dial delay, never reaching the handset, with one of the given causes (drawn per
 * call). A strike against the route, never against the number: the same number rings on a healthy route.
 *
 * @param trunk       the trunk id
 * @param operator    the destination operator as libphonenumber names it ("Airtel", "Reliance Jio", ...),
 *                    case-insensitive; {@code "*"} for every operator
 * @param probability the share of admitted calls that fail, 0 to 1
 * @param causes      the Q.850 causes to fail with, each equally likely: 38, 41, 42 (the default), or 34 for a
 *                    carrier's SIP 503; 47, 58 and 102 are accepted too
 */
public record RouteFault(String trunk, String operator, double probability, List<Integer> causes) {

    public static final String ANY_OPERATOR = "*";
    public static final List<Integer> NETWORK_FAILURE_CAUSES = List.of(Q850.NETWORK_OUT_OF_ORDER,
            Q850.NORMAL_TEMPORARY_FAILURE, Q850.SWITCH_CONGESTION);
    static final Set<Integer> ROUTE_CAUSES = Set.of(Q850.NORMAL_CIRCUIT_CONGESTION, Q850.NETWORK_OUT_OF_ORDER,
            Q850.NORMAL_TEMPORARY_FAILURE, Q850.SWITCH_CONGESTION, Q850.RESOURCE_UNAVAILABLE, 58,
            Q850.RECOVERY_ON_TIMER_EXPIRE);

    public RouteFault {
        Objects.requireNonNull(trunk, "trunk");
        operator = operator == null || operator.isBlank() ? ANY_OPERATOR : operator.trim();
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("route fault probability must be between 0 and 1, was " + probability);
        }
        causes = causes == null || causes.isEmpty() ? NETWORK_FAILURE_CAUSES : List.copyOf(causes);
        for (Integer cause : causes) {
            if (!ROUTE_CAUSES.contains(cause)) {
                throw new IllegalArgumentException("cause " + cause + " is not a route failure; one of "
                        + ROUTE_CAUSES.stream().sorted().toList());
            }
        }
    }

    /** Calls fail with cause 38, 41 or 42. */
    public static RouteFault networkFailures(String trunk, String operator, double probability) {
        return new RouteFault(trunk, operator, probability, NETWORK_FAILURE_CAUSES);
    }

    /** The carrier answers 503 Service Unavailable (cause 34), as it does for calls over its limits. */
    public static RouteFault serviceUnavailable(String trunk, String operator, double probability) {
        return new RouteFault(trunk, operator, probability, List.of(Q850.NORMAL_CIRCUIT_CONGESTION));
    }

    boolean covers(String callTrunk, String callOperator) {
        return trunk.equals(callTrunk)
                && (ANY_OPERATOR.equals(operator) || operator.toLowerCase(Locale.ROOT)
                .equals(callOperator == null ? "" : callOperator.toLowerCase(Locale.ROOT)));
    }

    /** The key under which a later fault on the same route replaces this one. */
    String routeKey() {
        return trunk + "|" + operator.toLowerCase(Locale.ROOT);
    }
}
