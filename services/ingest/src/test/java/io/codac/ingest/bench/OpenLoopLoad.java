package io.codac.ingest.bench;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufMono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The load generator: {@code POST /v1/verifications} on a fixed schedule over a fixed pool of keep-alive HTTP/1.1
 * connections (reactor-netty, one event-loop thread of its own), so that it costs the machine it measures as little
 * as it can. The pacing thread only waits for each intended send time and hands the request to the event loop; a
 * request that finds every connection busy waits for one, and that wait counts: each latency runs from the intended
 * send time, not from when the request got out (no coordinated omission).
 */
final class OpenLoopLoad implements AutoCloseable {

    /** Each phase ends at the latest this long after its last send: late answers count as failures. */
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(10);

    private final LoopResources loop = LoopResources.create("bench-client", 1, true);
    private final ConnectionProvider connections;
    private final HttpClient http;

    OpenLoopLoad(String gateway, String apiKey, int maxConnections) {
        connections = ConnectionProvider.builder("bench")
                .maxConnections(maxConnections)
                .pendingAcquireMaxCount(-1) // the schedule, not the pool, decides when requests are due
                .pendingAcquireTimeout(RESPONSE_TIMEOUT)
                .build();
        http = HttpClient.create(connections)
                .runOn(loop)
                .baseUrl(gateway)
                .responseTimeout(RESPONSE_TIMEOUT)
                .headers(headers -> headers
                        .set(HttpHeaderNames.AUTHORIZATION, "Bearer " + apiKey)
                        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON));
    }

    /** {@code rate} requests a second for {@code duration}; waits for the last answer (or its time-out). */
    GatewayBenchmark.Result run(int rate, Duration duration) throws InterruptedException {
        int total = (int) (rate * duration.toMillis() / 1000);
        long interval = 1_000_000_000L / rate;
        long[] latencyMicros = new long[total];
        boolean[] accepted = new boolean[total];
        var others = new ConcurrentHashMap<String, Integer>();
        var done = new CountDownLatch(total);
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long intended = start + i * interval;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int request = i;
            send(randomIndianMobile()).subscribe(status -> {
                latencyMicros[request] = (System.nanoTime() - intended) / 1_000;
                accepted[request] = status == 202;
                if (status != 202) {
                    others.merge(Integer.toString(status), 1, Integer::sum);
                }
                done.countDown();
            }, error -> {
                others.merge(rootCause(error).getClass().getSimpleName(), 1, Integer::sum);
                done.countDown();
            });
        }
        long sentIn = System.nanoTime() - start;
        done.await(RESPONSE_TIMEOUT.toSeconds() + 20, TimeUnit.SECONDS);
        List<Long> sorted = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            if (accepted[i]) {
                sorted.add(latencyMicros[i]);
            }
        }
        sorted.sort(null);
        Map<String, Integer> failures = new TreeMap<>(others);
        return new GatewayBenchmark.Result(rate, total, sorted.size(), total - sorted.size(),
                percentile(sorted, 0.50), percentile(sorted, 0.90), percentile(sorted, 0.99),
                sorted.isEmpty() ? 0 : sorted.getLast(), total * 1e9 / sentIn, failures);
    }

    private Mono<Integer> send(String phoneNumber) {
        return http.post()
                .uri("/v1/verifications")
                .send(ByteBufMono.fromString(Mono.just("{\"phoneNumber\": \"" + phoneNumber + "\"}")))
                .responseSingle((response, body) -> body.then(Mono.fromSupplier(() -> response.status().code())));
    }

    static long percentile(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** A new valid Indian mobile number each time, so the per-number guard never sees a repeat. */
    private static String randomIndianMobile() {
        return "+9198" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    @Override
    public void close() {
        connections.disposeLater().block(Duration.ofSeconds(5));
        loop.disposeLater().block(Duration.ofSeconds(5));
    }
}
