package io.codac.sim.ari;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.codac.contracts.domain.AriEndpoint;
import io.codac.contracts.domain.TelephonyServer;
import io.codac.sim.domain.OriginateOutcome;
import io.codac.sim.domain.OriginateRequest;
import io.codac.sim.domain.TelephoneNetwork;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One simulated Asterisk: the ARI subset CODAC uses, on the server's own {@code ari.url} port, behind HTTP
 * Basic auth with the server's ARI user (or Asterisk's {@code api_key=user:password} query parameter).
 *
 * <p>Routes: {@code GET /ari/asterisk/info|ping}, {@code GET /ari/api-docs/resources.json},
 * {@code GET /ari/applications[/{app}]}, {@code GET|POST /ari/channels}, {@code GET|POST|DELETE
 * /ari/channels/{id}}, {@code POST /ari/channels/{id}/answer} and the events WebSocket {@code GET /ari/events?app=...}. Status codes and error
 * bodies ({@code {"message": ...}}) follow Asterisk's.
 */
public final class AriServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AriServer.class);

    private final TelephonyServer server;
    private final TelephoneNetwork network;
    private final AriEventHub hub;
    private final Clock clock;
    private final String asteriskId;
    private final Instant startedAt;
    private final String expectedCredentials;
    /** Every open TCP channel (a closed channel leaves the group by itself), so that a crash can cut them all. */
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private DisposableServer http;

    private AriServer(TelephonyServer server, TelephoneNetwork network, AriEventHub hub, Clock clock, String asteriskId) {
        this.server = server;
        this.network = network;
        this.hub = hub;
        this.clock = clock;
        this.asteriskId = asteriskId;
        this.startedAt = clock.instant();
        this.expectedCredentials = server.ari().username() + ":" + server.ari().password();
    }

    /** Binds the server's ARI port; fails at once (address in use, say) rather than later. */
    public static AriServer start(TelephonyServer server, TelephoneNetwork network, AriEventHub hub, LoopResources loops,
                                  Clock clock, String asteriskId) {
        var ari = new AriServer(server, network, hub, clock, asteriskId);
        AriEndpoint endpoint = server.ari();
        ari.http = HttpServer.create()
                .runOn(loops)
                .host(bindAddress(endpoint.host()))
                .port(endpoint.port())
                .doOnConnection(connection -> ari.connections.add(connection.channel()))
                .handle(ari::handle)
                .bindNow(Duration.ofSeconds(10));
        log.info("telephony server {} answers ARI on {} (app {})", server.id(), endpoint.url(), endpoint.app());
        return ari;
    }

    public String serverId() {
        return server.id();
    }

    /**
     * Stops answering, as a crashed Asterisk does: the port closes (new connections are refused), every open
     * connection (HTTP keep-alive and event WebSockets alike) is cut without a close frame, and the event hub
     * refuses new sockets until the server is restarted.
     */
    @Override
    public void close() {
        if (http != null) {
            http.disposeNow(Duration.ofSeconds(5));
        }
        connections.close().awaitUninterruptibly(5_000);
        hub.closeAll();
    }

    private Publisher<Void> handle(HttpServerRequest req, HttpServerResponse res) {
        var query = new QueryStringDecoder(req.uri());
        String path = query.path();
        if (!path.startsWith("/ari/")) {
            return send(res, 404, AriJson.error("Resource not found"));
        }
        if (!authorized(req, query)) {
            res.header(HttpHeaderNames.WWW_AUTHENTICATE, "Basic realm=\"Asterisk REST Interface\"");
            return send(res, 401, AriJson.error("Authentication required"));
        }
        List<String> segments = Arrays.asList(path.substring("/ari/".length()).split("/"));
        HttpMethod method = req.method();
        String resource = segments.get(0);
        int depth = segments.size();
        try {
            return switch (resource) {
                case "asterisk" -> asterisk(res, method, segments, query);
                case "api-docs" -> depth == 2 && "resources.json".equals(segments.get(1)) && method.equals(HttpMethod.GET)
                        ? send(res, 200, AriJson.resources(server.ari().url().endsWith("/")
                        ? server.ari().url() : server.ari().url() + "/"))
                        : send(res, 404, AriJson.error("Resource not found"));
                case "applications" -> applications(res, method, segments);
                case "channels" -> channels(req, res, method, segments, query);
                case "events" -> depth == 1 && method.equals(HttpMethod.GET)
                        ? events(req, res, query)
                        : send(res, 404, AriJson.error("Resource not found"));
                default -> send(res, 404, AriJson.error("Resource not found"));
            };
        } catch (BadRequest e) {
            return send(res, 400, AriJson.error(e.getMessage()));
        }
    }

    private Publisher<Void> asterisk(HttpServerResponse res, HttpMethod method, List<String> segments,
                                     QueryStringDecoder query) {
        if (segments.size() != 2 || !method.equals(HttpMethod.GET)) {
            return send(res, 404, AriJson.error("Resource not found"));
        }
        return switch (segments.get(1)) {
            case "info" -> send(res, 200, AriJson.asteriskInfo(server.id(), asteriskId, startedAt,
                    csv(param(query, "only"))));
            case "ping" -> send(res, 200, AriJson.ping(asteriskId, clock.instant()));
            default -> send(res, 404, AriJson.error("Resource not found"));
        };
    }

    private Publisher<Void> applications(HttpServerResponse res, HttpMethod method, List<String> segments) {
        if (!method.equals(HttpMethod.GET)) {
            return send(res, 405, AriJson.error("Invalid method"));
        }
        if (segments.size() == 1) {
            var byApp = new LinkedHashMap<String, List<String>>();
            hub.registeredApps().stream().sorted().forEach(app -> byApp.put(app, channelIdsIn(app)));
            return send(res, 200, AriJson.applications(byApp));
        }
        String app = segments.get(1);
        if (segments.size() != 2 || !hub.registered(app)) {
            return send(res, 404, AriJson.error("Application does not exist."));
        }
        return send(res, 200, AriJson.application(app, channelIdsIn(app)));
    }

    private List<String> channelIdsIn(String app) {
        return network.channels(server.id()).stream().filter(c -> app.equals(c.app())).map(c -> c.id()).toList();
    }

    private Publisher<Void> channels(HttpServerRequest req, HttpServerResponse res, HttpMethod method,
                                     List<String> segments, QueryStringDecoder query) {
        if (segments.size() == 1) {
            if (method.equals(HttpMethod.GET)) {
                return send(res, 200, AriJson.channels(network.channels(server.id())));
            }
            if (method.equals(HttpMethod.POST)) {
                return originate(req, res, query, param(query, "channelId"));
            }
            return send(res, 405, AriJson.error("Invalid method"));
        }
        if (segments.size() == 3 && "answer".equals(segments.get(2))) {
            return method.equals(HttpMethod.POST) ? answer(res, segments.get(1))
                    : send(res, 405, AriJson.error("Invalid method"));
        }
        if (segments.size() != 2) {
            return send(res, 404, AriJson.error("Resource not found"));
        }
        String channelId = segments.get(1);
        if (method.equals(HttpMethod.GET)) {
            return network.channel(server.id(), channelId)
                    .map(c -> send(res, 200, AriJson.write(AriJson.channel(c))))
                    .orElseGet(() -> send(res, 404, AriJson.error("Channel not found")));
        }
        if (method.equals(HttpMethod.POST)) {
            return originate(req, res, query, channelId);
        }
        if (method.equals(HttpMethod.DELETE)) {
            return hangup(res, query, channelId);
        }
        return send(res, 405, AriJson.error("Invalid method"));
    }

    private Publisher<Void> originate(HttpServerRequest req, HttpServerResponse res, QueryStringDecoder query,
                                      String channelId) {
        return req.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                .flatMap(body -> {
                    var request = new OriginateRequest(server.id(), blankToNull(channelId), param(query, "endpoint"),
                            param(query, "app"), csv(param(query, "appArgs")), param(query, "callerId"),
                            timeout(param(query, "timeout")), variables(body));
                    OriginateOutcome outcome = network.originate(request);
                    return switch (outcome) {
                        case OriginateOutcome.Originated o -> send(res, 200, AriJson.write(AriJson.channel(o.channel())));
                        case OriginateOutcome.Refused r -> send(res, switch (r.reason()) {
                            case CHANNEL_ID_IN_USE -> 409;
                            case SERVER_DOWN -> 503;
                            case INVALID_PARAMETERS -> 400;
                        }, AriJson.error(r.message()));
                    };
                })
                .onErrorResume(BadRequest.class, e -> send(res, 400, AriJson.error(e.getMessage())));
    }

    private Publisher<Void> answer(HttpServerResponse res, String channelId) {
        return switch (network.answer(server.id(), channelId)) {
            case ANSWERED -> res.status(204).send();
            case NOT_FOUND -> send(res, 404, AriJson.error("Channel not found"));
            case NOT_IN_STASIS -> send(res, 409, AriJson.error("Channel not in Stasis application"));
        };
    }

    private Publisher<Void> hangup(HttpServerResponse res, QueryStringDecoder query, String channelId) {
        String reasonCode = param(query, "reason_code");
        int cause;
        if (reasonCode != null && !reasonCode.isEmpty()) {
            cause = integer(reasonCode, "reason_code");
        } else {
            cause = HangupReasons.cause(param(query, "reason"))
                    .orElseThrow(() -> new BadRequest("Invalid reason for hangup provided"));
        }
        if (!network.hangup(server.id(), channelId, cause)) {
            return send(res, 404, AriJson.error("Channel not found"));
        }
        return res.status(204).send();
    }

    private Publisher<Void> events(HttpServerRequest req, HttpServerResponse res, QueryStringDecoder query) {
        List<String> apps = csv(param(query, "app"));
        if (apps.isEmpty()) {
            return send(res, 400, AriJson.error("Invalid application provided in param [app]."));
        }
        if (!req.requestHeaders().containsValue(HttpHeaderNames.UPGRADE, "websocket", true)) {
            return send(res, 400, AriJson.error("Expected a WebSocket upgrade"));
        }
        return res.sendWebsocket((in, out) -> {
            AriEventHub.Subscriber subscriber = hub.subscribe(apps);
            log.debug("server {}: events socket opened for {}", server.id(), apps);
            Mono<Void> inbound = in.receive().then();
            Mono<Void> outbound = out.sendString(subscriber.events()).then();
            return Mono.firstWithSignal(inbound, outbound).doFinally(signal -> {
                hub.unsubscribe(subscriber);
                log.debug("server {}: events socket closed for {}", server.id(), apps);
            });
        });
    }

    private boolean authorized(HttpServerRequest req, QueryStringDecoder query) {
        String header = req.requestHeaders().get(HttpHeaderNames.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                return expectedCredentials.equals(decoded);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return expectedCredentials.equals(param(query, "api_key"));
    }

    private static Mono<Void> send(HttpServerResponse res, int status, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return res.status(status)
                .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(bytes.length))
                .sendByteArray(Mono.just(bytes))
                .then();
    }

    private static Map<String, String> variables(String body) {
        if (body.isBlank()) {
            return Map.of();
        }
        JsonNode json;
        try {
            json = AriJson.read(body);
        } catch (JsonProcessingException e) {
            throw new BadRequest("Request body is not valid JSON: " + e.getOriginalMessage());
        }
        JsonNode vars = json.get("variables");
        if (vars == null || vars.isNull()) {
            return Map.of();
        }
        if (!vars.isObject()) {
            throw new BadRequest("variables must be an object");
        }
        var result = new LinkedHashMap<String, String>();
        vars.fields().forEachRemaining(e -> result.put(e.getKey(), e.getValue().isTextual()
                ? e.getValue().asText() : e.getValue().toString()));
        return result;
    }

    private static Integer timeout(String value) {
        return value == null || value.isEmpty() ? null : integer(value, "timeout");
    }

    private static int integer(String value, String name) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new BadRequest("Invalid " + name + " '" + value + "'");
        }
    }

    private static String param(QueryStringDecoder query, String name) {
        List<String> values = query.parameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static List<String> csv(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * The ARI url's host when it is this machine's; otherwise (a container name, a load balancer) every
     * interface, so the fleet file can name the host the adapters dial rather than a local address.
     */
    private static String bindAddress(String host) {
        try {
            InetAddress address = InetAddress.getByName(host);
            if (address.isLoopbackAddress() || address.isAnyLocalAddress()
                    || NetworkInterface.getByInetAddress(address) != null) {
                return address.getHostAddress();
            }
        } catch (UnknownHostException | SocketException e) {
            log.debug("ARI host {} does not resolve here ({}); binding every interface", host, e.getMessage());
        }
        return "0.0.0.0";
    }

    /** An ARI 400: the request is malformed. */
    private static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }
}
