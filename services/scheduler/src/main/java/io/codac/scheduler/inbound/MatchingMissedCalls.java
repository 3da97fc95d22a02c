package io.codac.scheduler.inbound;

import io.codac.contracts.domain.PhoneNumberMask;
import io.codac.contracts.domain.VerificationMethod;
import io.codac.contracts.domain.VerificationStatus;
import io.codac.contracts.event.CallEvent;
import io.codac.contracts.event.CallEventType;
import io.codac.contracts.event.VerificationRequested;
import io.codac.scheduler.inbound.domain.CallMatch;
import io.codac.scheduler.inbound.domain.ExpectedCall;
import io.codac.scheduler.inbound.domain.InboundCall;
import io.codac.scheduler.inbound.domain.InboundCallRecords;
import io.codac.scheduler.inbound.domain.MissedCallRule;
import io.codac.scheduler.verification.AcceptingRequests;
import io.codac.scheduler.verification.CompletingVerifications;
import io.codac.scheduler.verification.domain.Verification;
import io.codac.scheduler.verification.domain.VerificationLedger;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Matches missed-call verifications with the shoppers' calls to our DIDs, whichever reaches the scheduler first.
 *
 * <ul>
 *   <li>A {@code MISSED_CALL} request is taken into the ledger like any other ({@link AcceptingRequests}: it is
 *       never dialed, and the sweep reports it {@code EXPIRED} when its time to live passes); the call it expects is
 *       recorded, and a call already received that answers it verifies it at once (the request and the call come on
 *       two topics, so the call can overtake the request).</li>
 *   <li>An {@code INBOUND_CALL} is recorded, then judged by the {@link MissedCallRule} against the verifications
 *       that expect a call from its caller; each one it answers is completed {@code VERIFIED} and its result
 *       published like a flash call's ({@link CompletingVerifications}).</li>
 * </ul>
 *
 * <p>Both topics are keyed by the number and read by one consumer per partition, so a number's request and calls are
 * handled one at a time by the one instance that owns the number. Every step is idempotent: a redelivered request or
 * call, or a second call, changes nothing; a verification completed meanwhile (expired by the sweep) is left as it
 * is. {@code codac.scheduler.inbound.calls{outcome}} counts calls at their first receipt: {@code verified}, or why
 * they verified nothing.
 */
public final class MatchingMissedCalls {

    static final String CALLS_METRIC = "codac.scheduler.inbound.calls";
    static final String VERIFIED_REASON = "the shopper's call from this number reached its dial-in number";
    /** Expectations looked at per caller: a number has a handful of missed-call verifications at most (the gateway's number guard). */
    private static final int LOOKUP_LIMIT = 50;

    private static final Logger log = LoggerFactory.getLogger(MatchingMissedCalls.class);

    private final VerificationLedger ledger;
    private final AcceptingRequests accepting;
    private final CompletingVerifications completing;
    private final InboundCallRecords records;
    private final MissedCallRule rule = new MissedCallRule();
    private final MeterRegistry meters;
    private final Clock clock;

    public MatchingMissedCalls(VerificationLedger ledger, AcceptingRequests accepting,
                               CompletingVerifications completing, InboundCallRecords records, MeterRegistry meters,
                               Clock clock) {
        this.ledger = ledger;
        this.accepting = accepting;
        this.completing = completing;
        this.records = records;
        this.meters = meters;
        this.clock = clock;
    }

    /** A {@code MISSED_CALL} request from {@code partition} of the requests topic. */
    public void onRequested(VerificationRequested request, Integer partition) {
        accepting.onRequested(request, partition);
        Verification verification = ledger.find(request.verificationId()).orElseThrow(() ->
                new IllegalStateException("verification " + request.verificationId() + " is not in the ledger after"
                        + " it was taken in; the request is processed again"));
        if (verification.method() != VerificationMethod.MISSED_CALL) {
            log.warn("request {} is a missed call, but the ledger holds it as {}: left as it is",
                    verification.id(), verification.method());
            return;
        }
        if (request.dialInNumber() == null) {
            // Ingest always gives one; without it no call can ever answer the verification.
            if (!verification.isTerminal()) {
                completing.complete(verification, VerificationStatus.FAILED, "no dial-in number was given");
            }
            return;
        }
        ExpectedCall expected = new ExpectedCall(verification.id(), verification.phoneNumber(),
                request.dialInNumber(), verification.requestedAt(), verification.expiresAt(),
                !verification.isTerminal());
        records.expect(expected);
        if (!expected.stillAwaited()) {
            return;
        }
        List<InboundCall> received = records.receivedFrom(expected.phoneNumber(), expected.dialInNumber(),
                expected.requestedAt().minus(MissedCallRule.CLOCK_SKEW), LOOKUP_LIMIT);
        Optional<InboundCall> answer = rule.earliestAnswer(expected, received);
        if (answer.isPresent() && verify(verification)) {
            count("verified_before_request");
        }
    }

    /** An {@code INBOUND_CALL} event: a shopper called one of our DIDs (the adapter already rejected the call). */
    public void onInboundCall(CallEvent event) {
        if (event.type() != CallEventType.INBOUND_CALL) {
            throw new IllegalArgumentException("not an inbound call: " + event.type());
        }
        InboundCall call = new InboundCall(event.eventId(), event.leg().phoneNumber(), event.did(),
                event.leg().serverId(), event.occurredAt() != null ? event.occurredAt() : clock.instant());
        boolean firstReceipt = records.received(call);
        CallMatch match = rule.match(call, records.expectedFrom(call.callerNumber(), LOOKUP_LIMIT));
        switch (match) {
            case CallMatch.Verifies verifies -> {
                boolean any = false;
                for (ExpectedCall expected : verifies.verifications()) {
                    any |= ledger.find(expected.verificationId()).filter(v -> !v.isTerminal())
                            .map(this::verify).orElse(false);
                }
                if (firstReceipt) {
                    count(any ? "verified" : CallMatch.Unanswered.ALREADY_COMPLETE.name());
                }
            }
            case CallMatch.Unmatched unmatched -> {
                if (firstReceipt) {
                    count(unmatched.why().name());
                    log.info("inbound call {} from {} to {} verifies nothing: {}", call.eventId(),
                            PhoneNumberMask.mask(call.callerNumber()), call.did(), unmatched.why());
                }
            }
        }
    }

    /**
     * Completes a waiting verification {@code VERIFIED} and publishes its result; false if it was completed meanwhile
     * (the sweep expired it). A write that lost a race to a change that left it waiting is retried by redelivery.
     */
    private boolean verify(Verification waiting) {
        Verification terminal = completing.terminalStateOf(waiting, VerificationStatus.VERIFIED, VERIFIED_REASON);
        Optional<Verification> saved = ledger.save(terminal);
        if (saved.isPresent()) {
            completing.completed(saved.get());
            return true;
        }
        if (ledger.find(waiting.id()).map(Verification::isTerminal).orElse(true)) {
            return false;
        }
        throw new IllegalStateException("verification " + waiting.id() + " changed while a missed call verified it;"
                + " the record is processed again");
    }

    private void count(String outcome) {
        meters.counter(CALLS_METRIC, "outcome", outcome.toLowerCase(Locale.ROOT)).increment();
    }
}
