package io.codac.scheduler.verification;

import io.codac.contracts.domain.PhoneNumberMask;
import io.codac.contracts.domain.VerificationStatus;
import io.codac.contracts.event.AttemptSummary;
import io.codac.contracts.event.VerificationCompleted;
import io.codac.scheduler.verification.domain.Attempt;
import io.codac.scheduler.verification.domain.Verification;
import io.codac.scheduler.verification.domain.VerificationLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Brings verifications to their terminal status and publishes their results.
 *
 * <p>The terminal status is written first, with a republish time; the result is sent; once the broker acknowledged
 * it the ledger records that it was (in batches). A result whose publication failed, or whose process died in
 * between, is published again by the sweep. Every publication of one verification's result carries the same event id (derived
 * from the verification id), so consumers deduplicate the repeats.
 *
 * <p>A verification is complete as soon as its verdict is known, which may be while its last attempt is still
 * live (the phone is ringing): the result then lists that attempt with its verdict and without an end.
 */
public final class CompletingVerifications {

    private static final Logger log = LoggerFactory.getLogger(CompletingVerifications.class);

    private final VerificationLedger ledger;
    private final ResultPublisher results;
    private final SchedulerMetrics metrics;
    private final SchedulingSettings settings;
    private final PublishedResults published;
    private final Clock clock;

    public CompletingVerifications(VerificationLedger ledger, ResultPublisher results, SchedulerMetrics metrics,
                                   SchedulingSettings settings, PublishedResults published, Clock clock) {
        this.ledger = ledger;
        this.results = results;
        this.metrics = metrics;
        this.settings = settings;
        this.published = published;
        this.clock = clock;
    }

    /** The terminal state of a live verification, to be saved by the caller (alone or with its last attempt). */
    public Verification terminalStateOf(Verification live, VerificationStatus status, String reason) {
        Instant now = clock.instant();
        return live.completed(status, reason, now, now.plus(settings.republishAfter()));
    }

    /** Completes a verification that has no attempt to finish alongside (expired while waiting). */
    public void complete(Verification live, VerificationStatus status, String reason) {
        ledger.save(terminalStateOf(live, status, reason)).ifPresent(this::completed);
    }

    /** After the terminal state was saved: count it and publish the result. */
    public void completed(Verification saved) {
        metrics.completed(saved.status());
        log.info("verification {} ({}) is {}: {}", saved.id(), PhoneNumberMask.mask(saved.phoneNumber()),
                saved.status(), saved.reason());
        publishResult(saved);
    }

    /**
     * Publishes the result of a terminal verification without waiting for the broker; once acknowledged it is
     * recorded as out ({@link PublishedResults}). Until then the ledger's {@code nextAttemptAt} (the republish time set
     * with the terminal status) has the sweep publish it again.
     */
    public void publishResult(Verification terminal) {
        List<Attempt> attempts = ledger.attemptsOf(terminal.id());
        results.send(resultOf(terminal, attempts)).whenComplete((acknowledged, failure) -> {
            if (failure == null) {
                published.acknowledged(terminal.id());
            } else {
                log.warn("result of verification {} not acknowledged; the sweep publishes it again after {}",
                        terminal.id(), terminal.nextAttemptAt(), failure);
            }
        });
    }

    /**
     * The sweep found a result not recorded as published by its republish time: the next republish time is written
     * first (so a broker that stays away is not hammered on every sweep), then the result is published again.
     */
    public void republishResult(Verification terminal) {
        ledger.save(terminal.resultDueAgainAt(clock.instant().plus(settings.republishAfter())))
                .ifPresent(this::publishResult);
    }

    static VerificationCompleted resultOf(Verification terminal, List<Attempt> attempts) {
        List<AttemptSummary> summaries = attempts.stream()
                .map(a -> new AttemptSummary(a.attemptId(), a.attemptNumber(), a.trunkId(), a.serverId(), a.placedAt(),
                        a.endedAt(), a.knownOutcome(), a.q850Cause(), a.alerted()))
                .toList();
        return new VerificationCompleted(resultEventId(terminal.id()), terminal.completedAt(), terminal.id(),
                terminal.clientId(), terminal.phoneNumber(), terminal.status(), terminal.reason(),
                terminal.requestedAt(), summaries);
    }

    /** One event id per verification's result, however often it is published. */
    static String resultEventId(String verificationId) {
        return UUID.nameUUIDFromBytes(("verification.completed:" + verificationId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
