package io.codac.ingest.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codac.contracts.json.CodacJson;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemWebExceptionHandlerTest {

    private final ObjectMapper mapper = CodacJson.newMapper();
    private final ProblemWebExceptionHandler handler = new ProblemWebExceptionHandler(mapper, Duration.ofSeconds(7));

    private record Rendered(MockServerWebExchange exchange, JsonNode body) {
    }

    private Rendered render(HttpMethod method, String path, Throwable error) throws Exception {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.method(method, path));
        handler.handle(exchange, error).block();
        String body = exchange.getResponse().getBodyAsString().block();
        return new Rendered(exchange, mapper.readTree(body));
    }

    @Test
    void aProblemIsRfc9457JsonWithItsCodeAndField() throws Exception {
        Rendered r = render(HttpMethod.POST, "/v1/verifications",
                new ProblemException(ProblemCode.INVALID_PHONE_NUMBER, "phoneNumber is too short", "phoneNumber"));

        assertThat(r.exchange().getResponse().getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(r.exchange().getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(r.body().get("type").asText()).isEqualTo("urn:codac:problem:invalid_phone_number");
        assertThat(r.body().get("title").asText()).isEqualTo("Invalid phone number");
        assertThat(r.body().get("status").asInt()).isEqualTo(422);
        assertThat(r.body().get("detail").asText()).isEqualTo("phoneNumber is too short");
        assertThat(r.body().get("code").asText()).isEqualTo("invalid_phone_number");
        assertThat(r.body().get("field").asText()).isEqualTo("phoneNumber");
        assertThat(r.body().get("instance").asText()).isEqualTo("/v1/verifications");
    }

    @Test
    void unavailableCarriesRetryAfterInSeconds() throws Exception {
        Rendered r = render(HttpMethod.POST, "/v1/verifications",
                ProblemException.unavailable("not durable", Duration.ofSeconds(5)));

        assertThat(r.exchange().getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(r.exchange().getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(r.body().get("code").asText()).isEqualTo("service_unavailable");
    }

    @Test
    void anUnavailableDatabaseIsA503WithRetryAfter() throws Exception {
        Rendered r = render(HttpMethod.POST, "/v1/verifications",
                new DataAccessResourceFailureException("Failed to obtain R2DBC Connection"));

        assertThat(r.exchange().getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(r.exchange().getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("7");
        assertThat(r.body().get("code").asText()).isEqualTo("service_unavailable");
        assertThat(r.body().toString()).doesNotContain("R2DBC");
    }

    @Test
    void unauthorizedNamesTheBearerScheme() throws Exception {
        Rendered r = render(HttpMethod.GET, "/v1/verifications/x", new ProblemException(ProblemCode.UNAUTHORIZED, "no key"));

        assertThat(r.exchange().getResponse().getHeaders().getFirst("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(r.body().has("field")).isFalse();
    }

    @Test
    void anUnknownRouteIsANotFoundProblem() throws Exception {
        Rendered r = render(HttpMethod.GET, "/nope", new ResponseStatusException(HttpStatus.NOT_FOUND));

        assertThat(r.exchange().getResponse().getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(r.body().get("code").asText()).isEqualTo("not_found");
        assertThat(r.body().get("detail").asText()).isEqualTo("there is no resource at GET /nope");
    }

    @Test
    void aWrongMethodKeepsTheAllowHeader() throws Exception {
        Rendered r = render(HttpMethod.DELETE, "/x", new MethodNotAllowedException(HttpMethod.DELETE, List.of(HttpMethod.GET)));

        assertThat(r.body().get("code").asText()).isEqualTo("method_not_allowed");
        assertThat(r.exchange().getResponse().getHeaders().getAllow()).containsExactly(HttpMethod.GET);
    }

    @Test
    void anUnreadableBodyIsMalformed() throws Exception {
        Rendered r = render(HttpMethod.POST, "/x", new ServerWebInputException("bad body"));

        assertThat(r.body().get("code").asText()).isEqualTo("malformed_request");
    }

    @Test
    void anUnexpectedErrorRevealsNothingOfOurInternals() throws Exception {
        Rendered r = render(HttpMethod.GET, "/x", new IllegalStateException("connection to db-7.internal refused"));

        assertThat(r.exchange().getResponse().getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(r.body().get("code").asText()).isEqualTo("internal_error");
        assertThat(r.body().toString()).doesNotContain("db-7");
    }

    @Test
    void problemsAreCountedByOutcome() throws Exception {
        var registry = new SimpleMeterRegistry();
        var metrics = new RequestMetrics(registry);
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/v1/verifications"));
        metrics.filter(exchange, ex -> handler.handle(ex,
                new ProblemException(ProblemCode.UNSUPPORTED_NUMBER_TYPE, "landline"))).block();

        assertThat(registry.get(RequestMetrics.METRIC).tag("outcome", "unsupported_number_type").tag("status", "422")
                .counter().count()).isEqualTo(1.0);
    }
}
