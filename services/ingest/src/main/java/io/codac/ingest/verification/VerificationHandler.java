package io.codac.ingest.verification;

import io.codac.ingest.client.ApiKeyAuthenticator;
import io.codac.ingest.client.AuthenticatedClient;
import io.codac.ingest.domain.Sha256;
import io.codac.ingest.protection.Protection;
import io.codac.ingest.verification.domain.AcceptedVerification;
import io.codac.ingest.verification.domain.DeliveryLogView;
import io.codac.ingest.verification.domain.Rejection;
import io.codac.ingest.verification.domain.Validation;
import io.codac.ingest.verification.domain.VerificationRequestValidator;
import io.codac.ingest.verification.domain.VerificationView;
import io.codac.ingest.web.BoundedBody;
import io.codac.ingest.web.ProblemCode;
import io.codac.ingest.web.ProblemException;
import io.codac.ingest.web.RequestMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/** {@code POST /v1/verifications} and {@code GET /v1/verifications/{id}}: HTTP in, HTTP out, no decisions. */
public class VerificationHandler {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String IDEMPOTENCY_METRIC = "codac.ingest.idempotency.hits";
    static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;
    private static final int MAX_ID_LENGTH = 64;

    private final ApiKeyAuthenticator authenticator;
    private final VerificationBodyReader bodies;
    private final VerificationRequestValidator validator;
    private final AcceptingVerifications accepting;
    private final FindingVerifications finding;
    private final WebhookDeliveryLog deliveryLog;
    private final int maxBodyBytes;
    private final Duration retryAfter;
    private final Protection protection;
    private final MeterRegistry meters;

    VerificationHandler(ApiKeyAuthenticator authenticator, VerificationBodyReader bodies,
                        VerificationRequestValidator validator, AcceptingVerifications accepting,
                        FindingVerifications finding, WebhookDeliveryLog deliveryLog, int maxBodyBytes,
                        Duration retryAfter, Protection protection, MeterRegistry meters) {
        this.deliveryLog = deliveryLog;
        this.protection = protection;
        this.meters = meters;
        this.authenticator = authenticator;
        this.bodies = bodies;
        this.validator = validator;
        this.accepting = accepting;
        this.finding = finding;
        this.maxBodyBytes = maxBodyBytes;
        this.retryAfter = retryAfter;
    }

    /** The {@code 202} body; a replay answers exactly what the original request was answered. */
    record AcceptedResponse(String id, String status, String phoneNumber, String method, String clientRef,
                            Instant expiresAt, String dialInNumber) {

        static AcceptedResponse of(AcceptedVerification v) {
            return new AcceptedResponse(v.verificationId(), "PENDING", v.phoneNumber(), v.method().name(),
                    v.clientRef(), v.expiresAt(), v.dialInNumber());
        }
    }

    Mono<ServerResponse> submit(ServerRequest request) {
        return authenticator.authenticate(request)
                .flatMap(client -> BoundedBody.read(request, maxBodyBytes)
                        .onErrorResume(ProblemException.class, tooLarge ->
                                protection.admitClient(client, 1).then(Mono.error(tooLarge)))
                        .flatMap(body -> admitAndAccept(client, body, request)))
                .flatMap(acceptance -> respond(request, acceptance));
    }

    /**
     * The client's token and the number's count in one round trip to Redis where they can be taken together — a valid
     * request without an {@code Idempotency-Key}, which always counts against its number. Any other request takes its
     * token first, as the others do in effect: a client over its rate limit is answered {@code 429 rate_limited}
     * whatever else is wrong with its request, and a request the bucket refuses is never counted against its number.
     */
    private Mono<Acceptance> admitAndAccept(AuthenticatedClient client, byte[] body, ServerRequest request) {
        String idempotencyKey;
        Validation validation;
        try {
            idempotencyKey = idempotencyKey(request);
            validation = idempotencyKey == null ? validator.validate(bodies.read(body)) : null;
        } catch (ProblemException malformed) {
            return protection.admitClient(client, 1).then(Mono.error(malformed));
        }
        if (validation instanceof Validation.Valid valid) {
            return protection.admit(client, valid.request().phoneNumber())
                    .then(Mono.defer(() -> accepting.accept(client.clientId(), valid.request(), null, Sha256.hex(body))));
        }
        return protection.admitClient(client, 1).then(Mono.defer(() -> accept(client, body, idempotencyKey)));
    }

    Mono<ServerResponse> find(ServerRequest request) {
        String id = request.pathVariable("id");
        return authenticator.authenticate(request)
                .flatMap(client -> id.length() > MAX_ID_LENGTH ? Mono.empty() : finding.find(id, client.clientId()))
                .switchIfEmpty(Mono.error(() -> new ProblemException(ProblemCode.NOT_FOUND,
                        "no verification " + abbreviate(id) + " for this client")))
                .flatMap(view -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(view));
    }

    /**
     * The webhooks sent for a verification of the calling client, with every try; another client's id, or an unknown
     * one, is a 404 like {@code GET /v1/verifications/{id}}.
     */
    Mono<ServerResponse> deliveries(ServerRequest request) {
        String id = request.pathVariable("id");
        return authenticator.authenticate(request)
                .flatMap(client -> (id.length() > MAX_ID_LENGTH ? Mono.<VerificationView>empty()
                        : finding.find(id, client.clientId()))
                        .flatMap(found -> deliveryLog.deliveriesOf(found.id(), client.clientId())
                                .map(deliveries -> new DeliveryLogView(found.id(), deliveries))))
                .switchIfEmpty(Mono.error(() -> new ProblemException(ProblemCode.NOT_FOUND,
                        "no verification " + abbreviate(id) + " for this client")))
                .flatMap(log -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(log));
    }

    /** One request body, validated and accepted; a refusal is a {@link ProblemException} (thrown or signalled). */
    Mono<Acceptance> accept(AuthenticatedClient client, byte[] body, String idempotencyKey) {
        return switch (validator.validate(bodies.read(body))) {
            case Validation.Invalid invalid -> Mono.error(problem(invalid.rejection()));
            // deferred: accept() starts its work when called, and a refused number must not be recorded at all
            case Validation.Valid valid -> admitNumber(client, valid.request().phoneNumber(), idempotencyKey)
                    .then(Mono.defer(() -> accepting.accept(client.clientId(), valid.request(), idempotencyKey,
                            Sha256.hex(body))))
                    .doOnNext(this::countIdempotencyHit);
        };
    }

    /**
     * The number guard counts calls a number may get, so only requests that can start a verification: a request
     * under an {@code Idempotency-Key} the client already used (a replay, a conflict, a retry of an unconfirmed one)
     * starts none and passes uncounted. Two first requests racing with one key may both be counted: the guard errs
     * on the shopper's side.
     */
    private Mono<Void> admitNumber(AuthenticatedClient client, String e164, String idempotencyKey) {
        if (idempotencyKey == null) {
            return protection.admitNumber(e164);
        }
        return accepting.isKeyUsed(client.clientId(), idempotencyKey)
                .flatMap(used -> used ? Mono.<Void>empty() : protection.admitNumber(e164));
    }

    /**
     * {@code codac.ingest.idempotency.hits}: requests whose {@code Idempotency-Key} was seen before, by
     * what became of them (single requests and batch items alike).
     */
    private void countIdempotencyHit(Acceptance acceptance) {
        String outcome = switch (acceptance) {
            case Acceptance.Replayed ignored -> "replayed";
            case Acceptance.Conflict ignored -> "conflict";
            case Acceptance.InFlight ignored -> "in_flight";
            default -> null;
        };
        if (outcome != null) {
            meters.counter(IDEMPOTENCY_METRIC, "outcome", outcome).increment();
        }
    }

    private Mono<ServerResponse> respond(ServerRequest request, Acceptance acceptance) {
        return switch (acceptance) {
            case Acceptance.Created created -> accepted(created.verification());
            case Acceptance.Replayed replayed -> {
                RequestMetrics.recordOutcome(request, "replayed");
                yield accepted(replayed.verification());
            }
            default -> Mono.error(refusal(acceptance, retryAfter));
        };
    }

    /** Why an acceptance is not a {@code 202}; {@code null} for {@link Acceptance.Created} and {@link Acceptance.Replayed}. */
    static ProblemException refusal(Acceptance acceptance, Duration retryAfter) {
        return switch (acceptance) {
            case Acceptance.Created ignored -> null;
            case Acceptance.Replayed ignored -> null;
            case Acceptance.Conflict conflict -> new ProblemException(ProblemCode.IDEMPOTENCY_CONFLICT,
                    "this Idempotency-Key was already used for a different request (verification "
                            + conflict.existingVerificationId() + "); use a new key for a new request",
                    IDEMPOTENCY_KEY);
            case Acceptance.NotDurable notDurable -> ProblemException.unavailable(
                    "the request was not accepted because it could not be stored durably; retry later", retryAfter);
            case Acceptance.Unconfirmed unconfirmed -> ProblemException.unavailable(
                    "the request could not be confirmed as stored; it is kept and will be carried out once it is"
                            + " (its result goes to the callbackUrl); retry with the same Idempotency-Key to learn"
                            + " its id, which completes this request instead of starting another",
                    retryAfter);
            case Acceptance.InFlight inFlight -> ProblemException.unavailable(
                    "a request with this Idempotency-Key is still being stored; retry later for its answer",
                    retryAfter);
        };
    }

    private static Mono<ServerResponse> accepted(AcceptedVerification verification) {
        return ServerResponse.status(HttpStatus.ACCEPTED)
                .location(URI.create("/v1/verifications/" + verification.verificationId()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(AcceptedResponse.of(verification));
    }

    static ProblemException problem(Rejection rejection) {
        ProblemCode code = switch (rejection.reason()) {
            case MALFORMED_REQUEST -> ProblemCode.MALFORMED_REQUEST;
            case PAYLOAD_TOO_LARGE -> ProblemCode.PAYLOAD_TOO_LARGE;
            case INVALID_PHONE_NUMBER -> ProblemCode.INVALID_PHONE_NUMBER;
            case UNSUPPORTED_NUMBER_TYPE -> ProblemCode.UNSUPPORTED_NUMBER_TYPE;
            case UNSUPPORTED_METHOD -> ProblemCode.UNSUPPORTED_METHOD;
        };
        return new ProblemException(code, rejection.detail(), rejection.field());
    }

    /** Printable ASCII, 1..255 characters; absent means the request is not idempotent. */
    static String idempotencyKey(ServerRequest request) {
        return checkedIdempotencyKey(request.headers().firstHeader(IDEMPOTENCY_KEY), IDEMPOTENCY_KEY);
    }

    static String checkedIdempotencyKey(String key, String field) {
        if (key == null) {
            return null;
        }
        if (key.isEmpty() || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH
                || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new ProblemException(ProblemCode.MALFORMED_REQUEST, field + " must be 1 to "
                    + MAX_IDEMPOTENCY_KEY_LENGTH + " printable ASCII characters without spaces", field);
        }
        return key;
    }

    private static String abbreviate(String id) {
        return id.length() <= MAX_ID_LENGTH ? id : id.substring(0, MAX_ID_LENGTH) + "...";
    }
}
