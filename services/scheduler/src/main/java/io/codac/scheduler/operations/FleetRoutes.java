package io.codac.scheduler.operations;

import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.TelephonyServer;
import io.codac.scheduler.fleet.domain.FleetView;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The scheduler's operations API (internal port, operators only):
 * <ul>
 *   <li>{@code GET /v1/fleet} — servers (liveness condition, capacity share, last heartbeat, operator drain), trunks
 *       (contract, what the share allows now, this instance's use and every instance's from the shared ledger) and
 *       routes (trunk × destination operator: decayed attempts, connect and route-failure rates), as this instance
 *       sees them;</li>
 *   <li>{@code POST /v1/fleet/servers/{id}/drain} (optional JSON body {@code {"reason": "..."}}) — no new work is
 *       placed on the server by any instance until {@code DELETE /v1/fleet/servers/{id}/drain}; live calls finish.
 *       Both idempotent; an unknown server is {@code 404}.</li>
 * </ul>
 */
public final class FleetRoutes {

    private FleetRoutes() {
    }

    public static RouterFunction<ServerResponse> routes(FleetView view, Fleet fleet, OperatorDrains drains) {
        return RouterFunctions.route()
                .GET("/v1/fleet", request -> ok(view::snapshot))
                .POST("/v1/fleet/servers/{id}/drain", request -> forKnownServer(request, fleet, id ->
                        request.bodyToMono(DrainRequest.class).defaultIfEmpty(new DrainRequest(null))
                                .onErrorResume(e -> Mono.just(new DrainRequest(null)))
                                .flatMap(body -> ok(() -> drainState(id, drains.drain(id, body.reason()), true)))))
                .DELETE("/v1/fleet/servers/{id}/drain", request -> forKnownServer(request, fleet, id ->
                        ok(() -> drainState(id, drains.resume(id), false))))
                .build();
    }

    /** The body of a drain request. */
    public record DrainRequest(String reason) {
    }

    private static Map<String, Object> drainState(String serverId, boolean changed, boolean drained) {
        return Map.of("server", serverId, "drainedByOperator", drained, "changed", changed);
    }

    private static Mono<ServerResponse> forKnownServer(ServerRequest request, Fleet fleet,
                                                       Function<String, Mono<ServerResponse>> action) {
        String id = request.pathVariable("id");
        Set<String> known = fleet.servers().stream().map(TelephonyServer::id).collect(Collectors.toUnmodifiableSet());
        if (!known.contains(id)) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "no server '" + id + "' in the fleet file");
            problem.setProperty("code", "unknown_server");
            return ServerResponse.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .bodyValue(problem);
        }
        return action.apply(id);
    }

    /** The work touches the database or a lock: off the event loop. */
    private static Mono<ServerResponse> ok(Supplier<Object> body) {
        return Mono.fromCallable(body::get)
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(value -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(value));
    }
}
