package io.codac.contracts.event;

import java.time.Instant;

/**
 * The carrier watch saw a route (trunk × destination operator) degrade against its own baseline, or
 * recover. A degradation and its recovery share {@code alertId}; each transition has its own stable
 * {@code eventId}, so a republication after a failure carries the same id. Keyed by route, so one
 * route's transitions stay in order.
 *
 * @param occurredAt   the time of the ended call that tipped the route (event time, not wall time)
 * @param serverId     the telephony server that owns the trunk
 * @param windowRate   the share of calls the route connected over the sliding window, 0..1
 * @param baselineRate the route's own baseline connection rate it was judged against, 0..1
 * @param windowCalls  the calls in that window
 */
public record RouteAlertEvent(
        String eventId,
        Instant occurredAt,
        String alertId,
        String trunkId,
        String operator,
        String serverId,
        RouteAlertState state,
        double windowRate,
        double baselineRate,
        long windowCalls) implements CodacEvent {

    /** The Kafka key of a route's alerts: {@code <trunkId>/<operator>}. */
    public static String routeKey(String trunkId, String operator) {
        return trunkId + "/" + operator;
    }

    @Override
    public String key() {
        return routeKey(trunkId, operator);
    }
}
