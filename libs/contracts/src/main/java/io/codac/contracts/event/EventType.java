package io.codac.contracts.event;

import java.util.Arrays;
import java.util.Optional;

/**
 * Logical wire types and their schema versions. Changes to a type are additive; a breaking change is
 * a new type (or a new topic version), never a silent reinterpretation.
 */
public enum EventType {
    VERIFICATION_REQUESTED("verification.requested", 1, VerificationRequested.class),
    DIAL_COMMAND("dial.command", 1, DialCommand.class),
    CALL_EVENT("call.event", 1, CallEvent.class),
    SERVER_HEARTBEAT("server.heartbeat", 1, ServerHeartbeat.class),
    VERIFICATION_COMPLETED("verification.completed", 1, VerificationCompleted.class),
    ROUTE_ALERT("route.alert", 1, RouteAlertEvent.class);

    private final String wireName;
    private final int version;
    private final Class<? extends CodacEvent> javaType;

    EventType(String wireName, int version, Class<? extends CodacEvent> javaType) {
        this.wireName = wireName;
        this.version = version;
        this.javaType = javaType;
    }

    public String wireName() {
        return wireName;
    }

    public int version() {
        return version;
    }

    public Class<? extends CodacEvent> javaType() {
        return javaType;
    }

    public static EventType of(CodacEvent event) {
        return switch (event) {
            case VerificationRequested e -> VERIFICATION_REQUESTED;
            case DialCommand e -> DIAL_COMMAND;
            case CallEvent e -> CALL_EVENT;
            case ServerHeartbeat e -> SERVER_HEARTBEAT;
            case VerificationCompleted e -> VERIFICATION_COMPLETED;
            case RouteAlertEvent e -> ROUTE_ALERT;
        };
    }

    public static Optional<EventType> byWireName(String wireName) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
    }
}
