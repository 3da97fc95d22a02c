package io.codac.sim.admin;

import io.codac.sim.FleetFaults;
import io.codac.sim.SimulatedFleet;
import io.codac.sim.domain.ActiveFaults;
import io.codac.sim.domain.RouteFault;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Faults switched on and off while the simulator runs: every answer is the set of faults active afterwards
 * (or what the action did), so a script sees at once what it changed.
 */
@RestController
@RequestMapping("/sim")
class FaultAdminController {

    private final SimulatedFleet sim;
    private final FleetFaults faults;

    FaultAdminController(SimulatedFleet sim) {
        this.sim = sim;
        this.faults = sim.faults();
    }

    @GetMapping("/faults")
    ActiveFaults active() {
        return faults.active();
    }

    /** Clears every fault; dead servers come back. */
    @DeleteMapping("/faults")
    Mono<ActiveFaults> clear() {
        return offTheEventLoop(() -> {
            faults.clear();
            return faults.active();
        });
    }

    @PostMapping("/faults/routes")
    ActiveFaults degradeRoute(@RequestBody RouteRequest request) {
        require(request != null && request.trunk() != null && request.probability() != null,
                "a route fault needs \"trunk\" and \"probability\" (and optionally \"operator\", \"causes\")");
        faults.degradeRoute(new RouteFault(request.trunk(), request.operator(), request.probability(), request.causes()));
        return faults.active();
    }

    @DeleteMapping("/faults/routes")
    ActiveFaults healRoute(@RequestParam String trunk, @RequestParam(required = false) String operator) {
        faults.clearRoute(trunk, operator);
        return faults.active();
    }

    @PostMapping("/faults/flaps")
    ActiveFaults flap(@RequestBody FlapRequest request) {
        require(request != null && request.trunk() != null && request.downFor() != null,
                "a trunk flap needs \"trunk\" and \"downFor\" (and optionally \"upFor\"; 0 or absent keeps it down)");
        faults.flapTrunk(request.trunk(), request.downFor(), request.upFor() == null ? Duration.ZERO : request.upFor());
        return faults.active();
    }

    @DeleteMapping("/faults/flaps")
    ActiveFaults stopFlapping(@RequestParam String trunk) {
        faults.stopFlapping(trunk);
        return faults.active();
    }

    @PostMapping("/faults/latency")
    ActiveFaults spike(@RequestBody LatencyRequest request) {
        require(request != null && request.multiplier() != null,
                "a latency spike needs \"multiplier\" (and optionally \"trunk\"; absent means every trunk)");
        faults.spikeLatency(request.trunk(), request.multiplier());
        return faults.active();
    }

    @DeleteMapping("/faults/latency")
    ActiveFaults clearLatency(@RequestParam(required = false) String trunk) {
        faults.clearLatency(trunk);
        return faults.active();
    }

    /** Drops the event WebSockets of one server, or of every server when none is named. */
    @PostMapping("/faults/socket-drops")
    SocketsDropped dropSockets(@RequestBody(required = false) SocketDropRequest request) {
        String server = request == null ? null : request.server();
        return new SocketsDropped(server == null || server.isBlank()
                ? faults.dropEventSockets() : faults.dropEventSockets(server.trim()));
    }

    @GetMapping("/servers")
    List<ServerState> servers() {
        List<String> dead = faults.active().deadServers();
        return sim.fleet().servers().stream().map(s -> new ServerState(s.id(), s.ari().url(), !dead.contains(s.id()),
                s.dids(), s.trunks().stream().map(t -> t.id()).toList())).toList();
    }

    /** The server dies: live channels vanish without events, sockets close, its port stops answering. */
    @PostMapping("/servers/{serverId}/kill")
    Mono<ServerKilled> kill(@PathVariable String serverId) {
        return offTheEventLoop(() -> new ServerKilled(serverId, faults.killServer(serverId)));
    }

    @PostMapping("/servers/{serverId}/restart")
    Mono<ActiveFaults> restart(@PathVariable String serverId) {
        return offTheEventLoop(() -> {
            faults.restartServer(serverId);
            return faults.active();
        });
    }

    /** Stopping and binding ARI servers waits for their sockets, which an event-loop thread must never do. */
    private static <T> Mono<T> offTheEventLoop(Callable<T> action) {
        return Mono.fromCallable(action).subscribeOn(Schedulers.boundedElastic());
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new AdminErrors.BadParameter(message);
        }
    }

    record RouteRequest(String trunk, String operator, Double probability, List<Integer> causes) {
    }

    record FlapRequest(String trunk, Duration downFor, Duration upFor) {
    }

    record LatencyRequest(String trunk, Double multiplier) {
    }

    record SocketDropRequest(String server) {
    }

    record SocketsDropped(int dropped) {
    }

    record ServerKilled(String server, List<String> vanishedChannels) {
    }

    record ServerState(String id, String ariUrl, boolean running, List<String> dids, List<String> trunks) {
    }
}
