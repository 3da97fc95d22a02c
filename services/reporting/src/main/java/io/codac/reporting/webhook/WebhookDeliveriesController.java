package io.codac.reporting.webhook;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Reporting's internal API (not exposed through the gateway): a verification's delivery log, and the
 * operator's redelivery. Redelivering sends the same event id again; receivers dedupe by it.
 */
@RestController
@RequestMapping("/internal/v1/verifications/{verificationId}/deliveries")
class WebhookDeliveriesController {

    /** One delivery and its HTTP attempts, as the log shows them. */
    record DeliveryView(String eventId, String callbackUrl, String state, int attempts, Instant terminalAt,
                        Instant createdAt, Instant nextAttemptAt, Instant giveUpAt, Instant deliveredAt,
                        String lastError, List<WebhookRepository.Attempt> log) {
    }

    record DeliveryLog(String verificationId, List<DeliveryView> deliveries) {
    }

    private final WebhookRepository repository;
    private final WebhookDispatcher dispatcher;
    private final WebhookProperties.Webhooks settings;
    private final Clock clock;

    WebhookDeliveriesController(WebhookRepository repository, WebhookDispatcher dispatcher,
                                WebhookProperties properties, Clock webhookClock) {
        this.repository = repository;
        this.dispatcher = dispatcher;
        this.settings = properties.webhooks();
        this.clock = webhookClock;
    }

    @GetMapping
    Mono<ResponseEntity<DeliveryLog>> log(@PathVariable String verificationId) {
        return Mono.zip(repository.deliveries(verificationId).collectList(), repository.attempts(verificationId).collectList())
                .map(both -> {
                    var views = both.getT1().stream().map(d -> new DeliveryView(d.eventId(), d.callbackUrl(),
                            d.state().name(), d.attempts(), d.terminalAt(), d.createdAt(), d.nextAttemptAt(),
                            d.giveUpAt(), d.deliveredAt(), d.lastError(),
                            both.getT2().stream().filter(a -> a.eventId().equals(d.eventId())).toList())).toList();
                    return views.isEmpty() ? ResponseEntity.notFound().<DeliveryLog>build()
                            : ResponseEntity.ok(new DeliveryLog(verificationId, views));
                });
    }

    @PostMapping("/redeliver")
    Mono<ResponseEntity<Map<String, Object>>> redeliver(@PathVariable String verificationId) {
        Instant now = clock.instant();
        return repository.redeliver(verificationId, now, settings.schedule().giveUpAt(now)).collectList()
                .map(eventIds -> {
                    eventIds.forEach(dispatcher::wake);
                    return eventIds.isEmpty() ? ResponseEntity.notFound().<Map<String, Object>>build()
                            : ResponseEntity.status(HttpStatus.ACCEPTED)
                            .body(Map.<String, Object>of("verificationId", verificationId, "redelivering", eventIds));
                });
    }
}
