package io.codac.ingest.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.codac.ingest.IngestProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

/** The gateway's shared HTTP wiring: problem rendering, request metrics and the API description. */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

    /** The one source of the API description; {@code docs/openapi.yaml} is a symlink to this file. */
    public static final String OPENAPI_RESOURCE = "openapi/openapi.yaml";
    static final MediaType APPLICATION_YAML = MediaType.parseMediaType("application/yaml");

    @Bean
    public ProblemWebExceptionHandler problemWebExceptionHandler(ObjectMapper mapper, IngestProperties properties) {
        return new ProblemWebExceptionHandler(mapper, properties.retryAfter());
    }

    @Bean
    public RequestMetrics requestMetrics(MeterRegistry registry) {
        return new RequestMetrics(registry);
    }

    @Bean
    public RouterFunction<ServerResponse> openApiRoutes() {
        var description = new ClassPathResource(OPENAPI_RESOURCE);
        return RouterFunctions.route(GET("/v1/openapi.yaml"),
                request -> ServerResponse.ok().contentType(APPLICATION_YAML).bodyValue(description));
    }
}
