package io.codac.ingest.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import reactor.core.publisher.Mono;

/**
 * Counts API requests by route and outcome ({@code codac.ingest.requests}): {@code accepted},
 * {@code replayed}, {@code ok}, {@code created}, or the problem code of an error. It counts when the
 * response is committed, so errors rendered by {@link ProblemWebExceptionHandler} are counted too.
 * Latency histograms come from Spring's own {@code http.server.requests}.
 */
public class RequestMetrics implements WebFilter {

    public static final String METRIC = "codac.ingest.requests";
    private static final String OUTCOME_ATTRIBUTE = RequestMetrics.class.getName() + ".outcome";

    private final MeterRegistry registry;

    public RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Names the outcome of a successful request more precisely than its status does (e.g. {@code replayed}). */
    public static void recordOutcome(ServerRequest request, String outcome) {
        request.attributes().put(OUTCOME_ATTRIBUTE, outcome);
    }

    static void recordOutcome(ServerWebExchange exchange, String outcome) {
        exchange.getAttributes().put(OUTCOME_ATTRIBUTE, outcome);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getPath().value().startsWith("/actuator")) {
            return chain.filter(exchange);
        }
        exchange.getResponse().beforeCommit(() -> {
            count(exchange);
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    private void count(ServerWebExchange exchange) {
        int status = exchange.getResponse().getStatusCode() == null ? 200 : exchange.getResponse().getStatusCode().value();
        Counter.builder(METRIC)
                .description("API requests by route and outcome")
                .tag("method", exchange.getRequest().getMethod().name())
                .tag("route", route(exchange))
                .tag("outcome", outcome(exchange, status))
                .tag("status", Integer.toString(status))
                .register(registry)
                .increment();
    }

    private static String route(ServerWebExchange exchange) {
        Object pattern = exchange.getAttribute(RouterFunctions.MATCHING_PATTERN_ATTRIBUTE);
        if (pattern == null) {
            pattern = exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        }
        return pattern instanceof PathPattern path ? path.getPatternString() : "unmatched";
    }

    private static String outcome(ServerWebExchange exchange, int status) {
        String recorded = exchange.getAttribute(OUTCOME_ATTRIBUTE);
        if (recorded != null) {
            return recorded;
        }
        if (status >= 400) {
            return ProblemCode.forStatus(status).code();
        }
        return switch (status) {
            case 201 -> "created";
            case 202 -> "accepted";
            default -> "ok";
        };
    }
}
