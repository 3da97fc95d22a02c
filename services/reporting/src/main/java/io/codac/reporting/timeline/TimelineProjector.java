package io.codac.reporting.timeline;

import io.codac.contracts.domain.VerificationStatus;
import io.codac.contracts.event.CallEvent;
import io.codac.contracts.event.VerificationCompleted;
import io.codac.contracts.event.VerificationRequested;
import io.codac.reporting.timeline.domain.LegChange;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.EnumMap;
import java.util.Map;

/**
 * Projects the three kinds of record into the timeline, in an order that keeps concurrent consumers
 * consistent without transactions.
 *
 * <p>Requests, call events and results arrive on different topics, read by different consumers, so
 * any of them may be projected first. A call event or a result cannot create the timeline row (neither
 * carries the client's method and reference), so each writes what it owns first — the leg, or the
 * parked verdict — and then updates the timeline row if it exists; the request inserts the row first
 * and then looks for legs and a parked verdict. Each step commits before the next starts, so whichever
 * side runs second sees the other's write: either the update finds the row, or the request finds the
 * leg or the verdict. Every step is idempotent, so a redelivered record changes nothing.
 */
class TimelineProjector {

    private final TimelineRepository repository;
    private final Map<VerificationStatus, Counter> resultsProjected = new EnumMap<>(VerificationStatus.class);

    TimelineProjector(TimelineRepository repository, MeterRegistry meters) {
        this.repository = repository;
        for (VerificationStatus status : VerificationStatus.values()) {
            if (status.isTerminal()) {
                resultsProjected.put(status, Counter.builder("codac.reporting.results.projected")
                        .description("Verification results written to the timeline, by terminal status")
                        .tag("status", status.name())
                        .register(meters));
            }
        }
    }

    Mono<Void> project(VerificationRequested request) {
        String id = request.verificationId();
        return repository.insertRequested(request)
                .then(repository.startIfLegsExist(id))
                .then(repository.applyParkedResult(id))
                .then(repository.forgetParkedResult(id));
    }

    Mono<Void> project(CallEvent event) {
        return LegChange.reportedBy(event)
                .map(leg -> repository.upsertLeg(leg).then(repository.start(leg.verificationId())))
                .orElse(Mono.empty());
    }

    /**
     * Legs first, so a reader that sees the verdict also sees the attempts behind it. Then the verdict:
     * usually the row is there (the request came long before) and one update is all it takes. When it
     * changed nothing — no row yet, or a verdict already — the verdict is parked if there is still no
     * row and the update is tried once more: a request inserted in between is then either found by that
     * update or finds the parked verdict itself, as in the park-then-update order.
     */
    Mono<Void> project(VerificationCompleted result) {
        return Flux.fromIterable(result.attempts())
                .concatMap(attempt -> repository.upsertLeg(LegChange.reportedBy(result.verificationId(), attempt)))
                .then(repository.complete(result))
                .flatMap(completed -> completed ? Mono.<Void>empty()
                        : repository.parkResultIfNoTimeline(result).then(repository.complete(result)).then())
                .then(Mono.fromRunnable(() -> resultsProjected.get(result.status()).increment()));
    }
}
