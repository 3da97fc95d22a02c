package io.codac.reporting.route;

import io.codac.reporting.route.domain.RouteHealth;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

import java.util.List;
import java.util.Map;

/** {@code GET /internal/v1/routes} (live figures, degraded first) and {@code GET /internal/v1/routes/alerts} (history). */
@RestController
class RouteController {

    /** A route as the API shows it: rates are null without calls. */
    record RouteView(String trunkId, String operator, boolean degraded, long windowCalls, Double windowRate,
                     long baselineCalls, Double baselineRate) {
        static RouteView of(RouteHealth h) {
            return new RouteView(h.route().trunkId(), h.route().operator(), h.degraded(), h.windowCalls(),
                    Double.isNaN(h.windowRate()) ? null : h.windowRate(), h.baselineCalls(),
                    Double.isNaN(h.baselineRate()) ? null : h.baselineRate());
        }
    }

    private final RouteWatch watch;

    RouteController(RouteWatch watch) {
        this.watch = watch;
    }

    @GetMapping("/internal/v1/routes")
    List<RouteView> routes() {
        return watch.routes().stream().map(RouteView::of).toList();
    }

    @GetMapping("/internal/v1/routes/alerts")
    Flux<Map<String, Object>> alerts(@RequestParam(defaultValue = "100") int limit) {
        return watch.alerts(limit);
    }
}
