package io.codac.reporting.route;

import io.codac.contracts.event.RouteAlertEvent;
import io.codac.contracts.event.RouteAlertState;
import io.codac.reporting.route.domain.Route;
import io.codac.reporting.route.domain.RouteHealth;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.codac.support.sql.SqlValues.instant;
import static io.codac.support.sql.SqlValues.utc;

/**
 * The {@code route_alerts} table (V4, V5): one row per degradation, closed by its recovery, and the
 * outbox of the alert events — a transition is written here before its event is published, and marked
 * once the broker acknowledged it. At most one alert per route is open at a time.
 */
class RouteAlerts {

    /** The open alert of a route, which a monitor resumes after a restart. */
    record OpenAlert(long alertId, double baselineRate) {
    }

    private final DatabaseClient db;

    RouteAlerts(DatabaseClient db) {
        this.db = db;
    }

    Mono<OpenAlert> open(Route route) {
        return db.sql("""
                        SELECT alert_id, baseline_rate FROM route_alerts
                        WHERE trunk_id = :trunk AND operator = :operator AND recovered_at IS NULL
                        ORDER BY alert_id DESC LIMIT 1
                        """)
                .bind("trunk", route.trunkId()).bind("operator", route.operator())
                .map((row, meta) -> new OpenAlert(row.get("alert_id", Long.class), row.get("baseline_rate", Double.class)))
                .one();
    }

    /** Opens an alert for the route, unless one is open already (then nothing changes). */
    Mono<Long> raise(RouteHealth health, String serverId, Instant at) {
        Route route = health.route();
        return db.sql("""
                        INSERT INTO route_alerts (trunk_id, operator, server_id, raised_at, window_rate, baseline_rate, window_calls)
                        SELECT :trunk, :operator, :server, :at, :rate, :baseline, :calls FROM DUAL
                        WHERE NOT EXISTS (SELECT 1 FROM route_alerts
                                          WHERE trunk_id = :trunk AND operator = :operator AND recovered_at IS NULL)
                        """)
                .bind("trunk", route.trunkId()).bind("operator", route.operator()).bind("server", serverId)
                .bind("at", utc(at)).bind("rate", health.windowRate()).bind("baseline", health.baselineRate())
                .bind("calls", health.windowCalls()).fetch().rowsUpdated();
    }

    /** Closes the route's open alert (none open: nothing changes). */
    Mono<Long> recover(RouteHealth health, String serverId, Instant at) {
        Route route = health.route();
        return db.sql("""
                        UPDATE route_alerts SET recovered_at = :at, recovered_rate = :rate,
                               recovered_baseline_rate = :baseline, recovered_window_calls = :calls,
                               server_id = COALESCE(server_id, :server)
                        WHERE trunk_id = :trunk AND operator = :operator AND recovered_at IS NULL
                        """)
                .bind("at", utc(at)).bind("rate", health.windowRate()).bind("baseline", health.baselineRate())
                .bind("calls", health.windowCalls()).bind("server", serverId)
                .bind("trunk", route.trunkId()).bind("operator", route.operator()).fetch().rowsUpdated();
    }

    /**
     * The events not yet acknowledged by the broker, oldest alert first and each degradation before its
     * recovery — the order they must be published in.
     */
    Mono<List<RouteAlertEvent>> unpublished(int limit) {
        return db.sql("""
                        SELECT alert_id, trunk_id, operator, server_id, raised_at, window_rate, baseline_rate, window_calls,
                               raised_published_at, recovered_at, recovered_rate, recovered_baseline_rate,
                               recovered_window_calls, recovered_published_at
                        FROM route_alerts
                        WHERE raised_published_at IS NULL OR (recovered_at IS NOT NULL AND recovered_published_at IS NULL)
                        ORDER BY alert_id LIMIT %d
                        """.formatted(limit))
                .map((row, meta) -> {
                    long alertId = row.get("alert_id", Long.class);
                    String trunk = row.get("trunk_id", String.class);
                    String operator = row.get("operator", String.class);
                    String server = row.get("server_id", String.class);
                    double baseline = row.get("baseline_rate", Double.class);
                    var events = new ArrayList<RouteAlertEvent>(2);
                    if (row.get("raised_published_at", LocalDateTime.class) == null) {
                        events.add(new RouteAlertEvent(eventId(alertId, RouteAlertState.DEGRADED),
                                instant(row.get("raised_at", LocalDateTime.class)), Long.toString(alertId), trunk, operator,
                                server, RouteAlertState.DEGRADED, row.get("window_rate", Double.class), baseline,
                                row.get("window_calls", Long.class)));
                    }
                    LocalDateTime recoveredAt = row.get("recovered_at", LocalDateTime.class);
                    if (recoveredAt != null && row.get("recovered_published_at", LocalDateTime.class) == null) {
                        Double recoveredBaseline = row.get("recovered_baseline_rate", Double.class);
                        Long recoveredCalls = row.get("recovered_window_calls", Long.class);
                        events.add(new RouteAlertEvent(eventId(alertId, RouteAlertState.RECOVERED), instant(recoveredAt),
                                Long.toString(alertId), trunk, operator, server, RouteAlertState.RECOVERED,
                                row.get("recovered_rate", Double.class),
                                recoveredBaseline != null ? recoveredBaseline : baseline,
                                recoveredCalls != null ? recoveredCalls : 0));
                    }
                    return events;
                })
                .all().flatMapIterable(events -> events).collectList();
    }

    Mono<Long> published(RouteAlertEvent event, Instant now) {
        String column = event.state() == RouteAlertState.DEGRADED ? "raised_published_at" : "recovered_published_at";
        return db.sql("UPDATE route_alerts SET %s = :now WHERE alert_id = :id AND %s IS NULL".formatted(column, column))
                .bind("now", utc(now)).bind("id", Long.parseLong(event.alertId())).fetch().rowsUpdated();
    }

    /** Alert history, newest first. */
    Flux<Map<String, Object>> history(int limit) {
        return db.sql("""
                        SELECT trunk_id, operator, server_id, raised_at, recovered_at, window_rate, baseline_rate,
                               window_calls, recovered_rate
                        FROM route_alerts ORDER BY raised_at DESC LIMIT %d
                        """.formatted(Math.max(1, Math.min(limit, 1000))))
                .fetch().all();
    }

    /** Stable per transition: a republication after a failure carries the same id, so consumers dedupe it. */
    static String eventId(long alertId, RouteAlertState state) {
        return "route-alert-" + alertId + "-" + state.name().toLowerCase(Locale.ROOT);
    }
}
