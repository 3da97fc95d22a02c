package io.codac.reporting.route;

import io.codac.contracts.phone.DestinationOperators;
import io.codac.contracts.json.EventCodec;
import io.codac.contracts.topic.Topics;
import io.codac.reporting.route.domain.RoutePolicy;
import io.codac.support.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

import java.time.Clock;
import java.time.Duration;

/**
 * The carrier watch and the publication of its alerts; {@code codac.reporting.routes.*} tunes its policy
 * (defaults: 60 s window, 30 min baseline).
 */
@Configuration(proxyBeanMethods = false)
public class RouteWatchConfiguration {

    @Bean
    RoutePolicy routePolicy(@Value("${codac.reporting.routes.bucket:5s}") Duration bucket,
                            @Value("${codac.reporting.routes.window:60s}") Duration window,
                            @Value("${codac.reporting.routes.baseline:30m}") Duration baseline,
                            @Value("${codac.reporting.routes.min-window-calls:10}") int minWindowCalls,
                            @Value("${codac.reporting.routes.min-baseline-calls:30}") int minBaselineCalls,
                            @Value("${codac.reporting.routes.degrade-ratio:0.7}") double degradeRatio,
                            @Value("${codac.reporting.routes.recover-ratio:0.9}") double recoverRatio) {
        return new RoutePolicy(bucket, window, baseline, minWindowCalls, minBaselineCalls, degradeRatio, recoverRatio);
    }

    @Bean
    RouteAlerts routeAlerts(DatabaseClient db) {
        return new RouteAlerts(db);
    }

    /** {@code codac.reporting.routes.publish-retry}: how soon an alert event whose publication failed is tried again. */
    @Bean
    RouteAlertPublisher routeAlertPublisher(RouteAlerts routeAlerts, EventPublisher publisher, Topics topics,
                                            @Value("${codac.reporting.routes.publish-retry:5s}") Duration retry,
                                            MeterRegistry meters) {
        return new RouteAlertPublisher(routeAlerts, publisher, topics, retry, Clock.systemUTC(), meters);
    }

    @Bean
    RouteWatch routeWatch(EventCodec codec, RoutePolicy routePolicy, RouteAlerts routeAlerts,
                          RouteAlertPublisher routeAlertPublisher, MeterRegistry meters) {
        return new RouteWatch(codec, new DestinationOperators(), routePolicy, routeAlerts, routeAlertPublisher, meters);
    }
}
