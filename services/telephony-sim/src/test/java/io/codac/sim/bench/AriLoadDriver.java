package io.codac.sim.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codac.contracts.domain.AriEndpoint;
import io.codac.contracts.domain.TelephonyServer;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A dialer adapter's traffic, as lean as it can be made so the simulator is what gets measured: a closed loop
 * of {@code concurrency} flash calls spread over every server and trunk. Each call is an originate with a chosen
 * id ({@code POST /ari/channels/{id}}); when the events socket reports ringing (or early media, or an answer) the
 * driver hangs up ({@code DELETE}); when {@code ChannelDestroyed} arrives the call is done and the next starts.
 * Every number is dialed once, so a correct simulator counts no double dial.
 */
final class AriLoadDriver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Target> targets = new ArrayList<>();
    private final LoopResources loops = LoopResources.create("bench-driver", 1, 2, true);
    private final ConnectionProvider pool;
    private final HttpClient http;
    private final List<Disposable> sockets = new ArrayList<>();
    private final ConcurrentHashMap<String, Call> live = new ConcurrentHashMap<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    final AtomicLong originates = new AtomicLong();
    final AtomicLong hangups = new AtomicLong();
    final AtomicLong completed = new AtomicLong();
    final AtomicLong events = new AtomicLong();
    final AtomicLong httpErrors = new AtomicLong();
    private volatile LatencyRecorder originateLatency;

    AriLoadDriver(List<TelephonyServer> servers) {
        pool = ConnectionProvider.builder("bench-ari").maxConnections(32 * servers.size())
                .pendingAcquireMaxCount(-1).build();
        AriEndpoint first = servers.getFirst().ari();
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (first.username() + ":" + first.password()).getBytes(StandardCharsets.UTF_8));
        http = HttpClient.create(pool).runOn(loops).headers(h -> h.set(HttpHeaderNames.AUTHORIZATION, basic));
        for (TelephonyServer server : servers) {
            targets.add(new Target(server.ari().url(), server.trunks().stream().map(t -> t.id()).toList()));
        }
    }

    /** Opens every server's events socket and waits until each application is registered. */
    void connect() {
        for (Target target : targets) {
            String ws = target.baseUrl.replaceFirst("^http", "ws") + "/ari/events?app=codac";
            sockets.add(http.websocket(WebsocketClientSpec.builder().maxFramePayloadLength(1 << 20).build())
                    .uri(ws)
                    .handle((in, out) -> in.receive().asString().doOnNext(this::onEvent).then())
                    .subscribe());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (Target target : targets) {
            while (status(http.get().uri(target.baseUrl + "/ari/applications/codac")) != 200) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("events socket of " + target.baseUrl + " never registered");
                }
                Thread.onSpinWait();
            }
        }
    }

    /** Starts the closed loop: {@code concurrency} calls in flight until {@link #stop()}. */
    void start(int concurrency) {
        for (int i = 0; i < concurrency; i++) {
            inFlight.incrementAndGet();
            startCall();
        }
    }

    /** From now on, every originate's latency goes to {@code recorder}. */
    void recordLatencyInto(LatencyRecorder recorder) {
        this.originateLatency = recorder;
    }

    /** No new call starts; calls in flight run to their end. */
    void stop() {
        stopping.set(true);
    }

    int inFlight() {
        return inFlight.get();
    }

    private void startCall() {
        if (stopping.get()) {
            inFlight.decrementAndGet();
            return;
        }
        long seq = sequence.getAndIncrement();
        Target target = targets.get((int) (seq % targets.size()));
        String trunk = target.trunks.get((int) ((seq / targets.size()) % target.trunks.size()));
        String number = "+919" + String.format("%09d", seq); // every number once: no redial, no double dial
        String id = "bench-" + seq;
        var call = new Call(id, target);
        live.put(id, call);
        long started = System.nanoTime();
        String uri = target.baseUrl + "/ari/channels/" + id + "?endpoint="
                + URLEncoder.encode("PJSIP/" + number + "@" + trunk, StandardCharsets.UTF_8) + "&app=codac";
        http.post().uri(uri).responseSingle((res, body) -> body.then(Mono.just(res.status().code())))
                .subscribe(code -> {
                    originates.incrementAndGet();
                    LatencyRecorder recorder = originateLatency;
                    if (recorder != null) {
                        recorder.record(System.nanoTime() - started);
                    }
                    if (code != 200) {
                        httpErrors.incrementAndGet();
                        finish(id);
                    }
                }, error -> {
                    httpErrors.incrementAndGet();
                    finish(id);
                });
    }

    private void onEvent(String json) {
        events.incrementAndGet();
        JsonNode event;
        try {
            event = JSON.readTree(json);
        } catch (Exception e) {
            httpErrors.incrementAndGet();
            return;
        }
        String type = event.path("type").asText();
        switch (type) {
            case "Dial" -> {
                String status = event.path("dialstatus").asText();
                if ("RINGING".equals(status) || "PROGRESS".equals(status)) {
                    hangUp(event.path("peer").path("id").asText());
                }
            }
            case "StasisStart" -> hangUp(event.path("channel").path("id").asText());
            case "ChannelDestroyed" -> {
                if (finish(event.path("channel").path("id").asText())) {
                    completed.incrementAndGet();
                }
            }
            default -> {
                // ChannelStateChange, ChannelHangupRequest, StasisEnd: nothing to do
            }
        }
    }

    /** A flash call hangs up as soon as the phone is alerted. */
    private void hangUp(String id) {
        Call call = live.get(id);
        if (call == null || !call.hangUpOnce()) {
            return;
        }
        http.delete().uri(call.target.baseUrl + "/ari/channels/" + id)
                .responseSingle((res, body) -> body.then(Mono.just(res.status().code())))
                .subscribe(code -> {
                    hangups.incrementAndGet();
                    if (code != 204 && code != 404) { // 404: the far end ended it first
                        httpErrors.incrementAndGet();
                    }
                }, error -> httpErrors.incrementAndGet());
    }

    /** The call is over; the loop places the next one. */
    private boolean finish(String id) {
        if (live.remove(id) == null) {
            return false;
        }
        startCall();
        return true;
    }

    private static int status(HttpClient.ResponseReceiver<?> request) {
        try {
            Integer code = request.responseSingle((res, body) -> body.then(Mono.just(res.status().code())))
                    .block(Duration.ofSeconds(5));
            return code == null ? -1 : code;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        sockets.forEach(Disposable::dispose);
        pool.disposeLater().block(Duration.ofSeconds(5));
        loops.disposeLater(Duration.ZERO, Duration.ofSeconds(2)).block(Duration.ofSeconds(5));
    }

    private record Target(String baseUrl, List<String> trunks) {
    }

    private static final class Call {
        final String id;
        final Target target;
        private final AtomicBoolean hungUp = new AtomicBoolean();

        Call(String id, Target target) {
            this.id = id;
            this.target = target;
        }

        boolean hangUpOnce() {
            return hungUp.compareAndSet(false, true);
        }
    }
}
