package io.codac.contracts.event;

import java.util.regex.Pattern;

/**
 * What every consumer may rely on in a decoded event: the ids it needs are present and fit the
 * columns that store them (64 characters), phone numbers are E.164, enumerations are set. A record
 * that breaks this would fail the same way on every retry and stall its partition, so the codec
 * refuses it like an undecodable record and it is dead-lettered.
 */
public final class EventContract {

    public static final int ID_MAX = 64;
    public static final int CLIENT_REF_MAX = 255;
    public static final int URL_MAX = 2048;
    public static final int OPERATOR_MAX = 100;
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private EventContract() {
    }

    /** @throws IllegalArgumentException naming the first field that breaks the contract */
    public static void check(CodacEvent event) {
        switch (event) {
            case VerificationRequested e -> {
                id("verificationId", e.verificationId());
                id("clientId", e.clientId());
                phone("phoneNumber", e.phoneNumber());
                present("method", e.method());
                bounded("clientRef", e.clientRef(), CLIENT_REF_MAX);
                bounded("callbackUrl", e.callbackUrl(), URL_MAX);
            }
            case DialCommand e -> {
                id("attemptId", e.attemptId());
                id("verificationId", e.verificationId());
                id("trunkId", e.trunkId());
                id("serverId", e.serverId());
                phone("phoneNumber", e.phoneNumber());
                if (e.attemptNumber() < 1) {
                    throw new IllegalArgumentException("attemptNumber must be >= 1, was " + e.attemptNumber());
                }
            }
            case CallEvent e -> checkCallEvent(e);
            case RouteAlertEvent e -> checkRouteAlert(e);
            case ServerHeartbeat e -> {
                id("serverId", e.serverId());
                present("state", e.state());
            }
            case VerificationCompleted e -> {
                id("verificationId", e.verificationId());
                id("clientId", e.clientId());
                phone("phoneNumber", e.phoneNumber());
                present("status", e.status());
                for (AttemptSummary attempt : e.attempts()) {
                    present("attempts[]", attempt);
                    id("attempts.attemptId", attempt.attemptId());
                    id("attempts.trunkId", attempt.trunkId());
                    id("attempts.serverId", attempt.serverId());
                }
            }
        }
    }

    private static void checkCallEvent(CallEvent e) {
        present("type", e.type());
        present("leg", e.leg());
        phone("leg.phoneNumber", e.leg().phoneNumber());
        if (e.type() == CallEventType.INBOUND_CALL) {
            phone("did", e.did());
            return;
        }
        id("leg.attemptId", e.leg().attemptId());
        id("leg.verificationId", e.leg().verificationId());
        id("leg.trunkId", e.leg().trunkId());
        id("leg.serverId", e.leg().serverId());
        if (e.type() == CallEventType.ENDED) {
            present("signal", e.signal());
        }
    }

    private static void checkRouteAlert(RouteAlertEvent e) {
        id("alertId", e.alertId());
        id("trunkId", e.trunkId());
        id("serverId", e.serverId());
        present("operator", e.operator());
        bounded("operator", e.operator(), OPERATOR_MAX);
        present("state", e.state());
        share("windowRate", e.windowRate());
        share("baselineRate", e.baselineRate());
    }

    private static void share(String field, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(field + " must be a share between 0 and 1, was " + value);
        }
    }

    private static void id(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        bounded(field, value, ID_MAX);
    }

    private static void phone(String field, String value) {
        if (value == null || !E164.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " is not an E.164 number");
        }
    }

    private static void bounded(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new IllegalArgumentException(field + " is longer than " + max + " characters");
        }
    }

    private static void present(String field, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
    }
}
