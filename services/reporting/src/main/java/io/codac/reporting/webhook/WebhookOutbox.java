package io.codac.reporting.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codac.contracts.event.VerificationRequested;
import io.codac.reporting.webhook.domain.CallbackPolicy;
import io.codac.reporting.webhook.domain.DeliveryState;
import io.codac.reporting.webhook.domain.RetrySchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;

/**
 * Writes a verification's webhook delivery as soon as both halves are known: the callback URL (from the
 * request) and the verdict (from the result, via the timeline). The timeline listeners call it after
 * each projection, and each side writes its own half before looking for the other, so whichever side
 * comes second finds both — the same ordering argument as the timeline's. The row is written before the
 * first send, so a crash after it loses nothing; it is written already leased to this instance, whose
 * dispatcher sends it at once (a crash before that: the lease expires and any instance's poller sends it).
 */
public class WebhookOutbox {

    private static final Logger log = LoggerFactory.getLogger(WebhookOutbox.class);

    private final WebhookRepository repository;
    private final WebhookDispatcher dispatcher;
    private final CallbackPolicy policy;
    private final RetrySchedule schedule;
    private final ObjectMapper json;
    private final Clock clock;

    WebhookOutbox(WebhookRepository repository, WebhookDispatcher dispatcher, CallbackPolicy policy,
                  RetrySchedule schedule, ObjectMapper json, Clock clock) {
        this.repository = repository;
        this.dispatcher = dispatcher;
        this.policy = policy;
        this.schedule = schedule;
        this.json = json;
        this.clock = clock;
    }

    /** After the request is projected: remember its callback, then write the delivery if the verdict is in. */
    public Mono<Void> requested(VerificationRequested request) {
        if (request.callbackUrl() == null || request.callbackUrl().isBlank()) {
            return Mono.empty();
        }
        return repository.upsertTarget(request.verificationId(), request.clientId(), request.callbackUrl(), clock.instant())
                .then(completed(request.verificationId()));
    }

    /** After a verdict is projected (or a request that found one): write the delivery if the callback is known. */
    public Mono<Void> completed(String verificationId) {
        return repository.ready(verificationId).flatMap(this::write).then();
    }

    private Mono<Void> write(WebhookRepository.Ready ready) {
        Instant now = clock.instant();
        String eventId = DeliveryState.eventIdOf(ready.verificationId());
        var refusal = policy.refusal(ready.callbackUrl());
        String endpoint = refusal.isPresent() ? "-" : CallbackPolicy.endpoint(ready.callbackUrl());
        var delivery = new WebhookRepository.Delivery(eventId, ready.verificationId(), ready.clientId(),
                ready.callbackUrl(), endpoint, body(eventId, ready),
                refusal.isPresent() ? DeliveryState.REJECTED : DeliveryState.PENDING, 0,
                ready.completedAt() != null ? ready.completedAt() : now, now, now, schedule.giveUpAt(now), null,
                refusal.map(reason -> "callback refused: " + reason).orElse(null));
        // Leased to this instance from the start: the first attempt follows at once, without a claim.
        Instant leaseUntil = refusal.isPresent() ? null : dispatcher.leaseFrom(now);
        return repository.insert(delivery, leaseUntil).doOnNext(created -> {
            if (created && refusal.isEmpty()) {
                dispatcher.sendLeased(delivery);
            } else if (created) {
                log.warn("webhook of {} not sent: callback refused ({})", ready.verificationId(), refusal.get());
            }
        }).then();
    }

    /** The webhook body (docs/webhooks.md): the verification's terminal state as the API shows it. */
    private String body(String eventId, WebhookRepository.Ready ready) {
        var body = new LinkedHashMap<String, Object>();
        body.put("eventId", eventId);
        body.put("type", "verification.completed");
        body.put("verificationId", ready.verificationId());
        body.put("clientRef", ready.clientRef());
        body.put("phoneNumber", ready.phoneNumber());
        body.put("status", ready.status());
        body.put("reason", ready.reason());
        body.put("requestedAt", ready.requestedAt() == null ? null : ready.requestedAt().toString());
        body.put("completedAt", ready.completedAt() == null ? null : ready.completedAt().toString());
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a webhook body", e);
        }
    }
}
