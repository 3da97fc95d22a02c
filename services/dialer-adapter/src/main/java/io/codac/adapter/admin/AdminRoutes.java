package io.codac.adapter.admin;

import io.codac.adapter.dialing.Drain;
import io.codac.adapter.dialing.LiveCalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import java.util.Map;

/**
 * {@code POST /admin/drain}: stop taking calls (commands are handed back, telemetry says DRAINING), let the live
 * ones finish; {@code POST /admin/resume}: take calls again; {@code GET /admin/state}. Each answers
 * {@code {"server", "draining", "liveCalls"}}. Both are idempotent. The port is internal (operators only).
 */
public final class AdminRoutes {

    private static final Logger log = LoggerFactory.getLogger(AdminRoutes.class);

    private AdminRoutes() {
    }

    public static RouterFunction<ServerResponse> routes(String serverId, Drain drain, LiveCalls liveCalls) {
        return RouterFunctions.route()
                .POST("/admin/drain", request -> {
                    if (drain.drain()) {
                        log.info("server {}: draining — new commands are handed back, {} live call(s) finish",
                                serverId, liveCalls.count());
                    }
                    return state(serverId, drain, liveCalls);
                })
                .POST("/admin/resume", request -> {
                    if (drain.resume()) {
                        log.info("server {}: resumed — taking commands again", serverId);
                    }
                    return state(serverId, drain, liveCalls);
                })
                .GET("/admin/state", request -> state(serverId, drain, liveCalls))
                .build();
    }

    private static Mono<ServerResponse> state(String serverId, Drain drain, LiveCalls liveCalls) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of(
                "server", serverId, "draining", drain.isDraining(), "liveCalls", liveCalls.count()));
    }
}
