package io.codac.reporting.timeline;

import io.codac.contracts.event.AttemptSummary;
import io.codac.contracts.event.CallEvent;
import io.codac.contracts.event.CallEventType;
import io.codac.contracts.event.VerificationCompleted;
import io.codac.contracts.event.VerificationRequested;
import io.codac.contracts.json.UndecodableEventException;

/**
 * Refuses a well-formed record that still cannot be stored: a missing id, or one longer than its
 * column. Such a record would fail the same way on every retry and stall its partition, so it is
 * treated like any undecodable record and dead-lettered.
 */
final class ProjectableEvents {

    private static final int ID_MAX = 64;
    private static final int PHONE_MAX = 20;
    private static final int CLIENT_REF_MAX = 255;

    private ProjectableEvents() {
    }

    static VerificationRequested check(VerificationRequested request) {
        required("verificationId", request.verificationId(), ID_MAX);
        required("clientId", request.clientId(), ID_MAX);
        required("phoneNumber", request.phoneNumber(), PHONE_MAX);
        if (request.clientRef() != null && request.clientRef().length() > CLIENT_REF_MAX) {
            throw new UndecodableEventException("clientRef longer than " + CLIENT_REF_MAX + " characters");
        }
        return request;
    }

    static CallEvent check(CallEvent event) {
        if (event.type() == null || event.leg() == null) {
            throw new UndecodableEventException("call.event without a type or a leg");
        }
        if (event.type() == CallEventType.INBOUND_CALL) {
            return event; // no outbound leg: the timeline ignores it, whatever it carries
        }
        required("leg.attemptId", event.leg().attemptId(), ID_MAX);
        required("leg.verificationId", event.leg().verificationId(), ID_MAX);
        required("leg.trunkId", event.leg().trunkId(), ID_MAX);
        required("leg.serverId", event.leg().serverId(), ID_MAX);
        return event;
    }

    static VerificationCompleted check(VerificationCompleted result) {
        required("verificationId", result.verificationId(), ID_MAX);
        if (result.status() == null) {
            throw new UndecodableEventException("verification.completed without a status");
        }
        for (AttemptSummary attempt : result.attempts()) {
            if (attempt == null) {
                throw new UndecodableEventException("verification.completed with an empty attempt");
            }
            required("attempts.attemptId", attempt.attemptId(), ID_MAX);
            required("attempts.trunkId", attempt.trunkId(), ID_MAX);
            required("attempts.serverId", attempt.serverId(), ID_MAX);
        }
        return result;
    }

    private static void required(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new UndecodableEventException(field + " is missing");
        }
        if (value.length() > maxLength) {
            throw new UndecodableEventException(field + " longer than " + maxLength + " characters");
        }
    }
}
