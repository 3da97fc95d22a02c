package io.codac.ingest.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * Renders every error, from our handlers or from the framework (unknown route, unreadable body), as an
 * {@code application/problem+json} document. Ordered before Spring Boot's own error handler, so no
 * request ever gets Boot's default error JSON.
 */
@Order(-2)
public class ProblemWebExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemWebExceptionHandler.class);

    private final ObjectMapper mapper;
    private final Duration retryAfter;

    /** @param retryAfter what a {@code 503} for an unavailable dependency suggests */
    public ProblemWebExceptionHandler(ObjectMapper mapper, Duration retryAfter) {
        this.mapper = mapper;
        this.retryAfter = retryAfter;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(error);
        }
        String method = exchange.getRequest().getMethod().name();
        String path = exchange.getRequest().getPath().value();
        ProblemException problem = Problems.from(error, method, path, retryAfter);
        if (problem.code() == ProblemCode.INTERNAL_ERROR) {
            log.error("unexpected error on {} {}", method, path, error);
        } else if (problem != error && problem.code() == ProblemCode.SERVICE_UNAVAILABLE) {
            log.warn("{} {} answered 503: {}", method, path, error.toString());
        }
        RequestMetrics.recordOutcome(exchange, problem.code().code());

        response.setStatusCode(problem.code().status());
        HttpHeaders headers = response.getHeaders();
        if (error instanceof ResponseStatusException status) {
            headers.addAll(status.getHeaders()); // e.g. Allow on 405
        }
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (problem.retryAfter() != null) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (problem.retryAfter().toMillis() + 999) / 1000)));
        }
        if (problem.code() == ProblemCode.UNAUTHORIZED) {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(Problem.of(problem.code(), problem.getMessage(), problem.field(), path));
        } catch (JsonProcessingException e) {
            return Mono.error(e);
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
