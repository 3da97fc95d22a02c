package io.codac.sim.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One channel's life in the network. Outbound: DOWN while dialing, RINGING once the far end sends 180, UP once
 * it answers. Inbound: RING in the application from the start, UP if the application answers. Then ended with
 * a cause. Mutable, and only ever touched under the {@link TelephoneNetwork}'s lock.
 */
final class Call {

    private final String serverId;
    private final String id;
    private final String name;
    private final Direction direction;
    private final DialString dial;
    private final String did;
    private final String operator;
    private final String app;
    private final List<String> appArgs;
    private final CallerId caller;
    private final Map<String, String> variables;
    private final Instant createdAt;
    private final List<Timers.Cancellable> timers = new ArrayList<>(3);
    private ChannelState state;
    private FarEnd farEnd;
    private CallFailure routeFailure;
    private RingingSignal ringingSignal = RingingSignal.RINGING;
    private boolean admitted;
    private boolean inStasis;
    private boolean ended;
    private Instant earlyMediaAt;
    private Instant ringingAt;
    private Instant answeredAt;
    private Instant endedAt;
    private Integer cause;
    private Integer sipCode;

    private Call(String serverId, String id, String name, Direction direction, DialString dial, String did,
                 String operator, String app, List<String> appArgs, CallerId caller, Map<String, String> variables,
                 Instant createdAt) {
        this.serverId = serverId;
        this.id = id;
        this.name = name;
        this.direction = direction;
        this.dial = dial;
        this.did = did;
        this.operator = operator;
        this.app = app;
        this.appArgs = appArgs;
        this.caller = caller;
        this.variables = variables;
        this.createdAt = createdAt;
        this.state = direction == Direction.INBOUND ? ChannelState.RING : ChannelState.DOWN;
        this.inStasis = direction == Direction.INBOUND;
    }

    /** A channel we originate to {@code dial}'s number. */
    static Call outbound(String serverId, String id, String name, DialString dial, String operator,
                         OriginateRequest request, Instant createdAt) {
        return new Call(serverId, id, name, Direction.OUTBOUND, dial, null, operator, request.app(),
                request.appArgs(), CallerId.parse(request.callerId()), request.variables(), createdAt);
    }

    /** A shopper's call from {@code from} to our {@code did}, arriving on {@code trunk} into Stasis {@code app}. */
    static Call inbound(String serverId, String id, String name, String trunk, String from, String did,
                        String operator, String app, List<String> appArgs, Instant createdAt) {
        return new Call(serverId, id, name, Direction.INBOUND, new DialString(from, trunk), did, operator, app,
                List.copyOf(appArgs), new CallerId("", from), Map.of(), createdAt);
    }

    String id() {
        return id;
    }

    String serverId() {
        return serverId;
    }

    Direction direction() {
        return direction;
    }

    boolean inbound() {
        return direction == Direction.INBOUND;
    }

    /** The number called, or for an inbound call the caller's. */
    String number() {
        return dial.number();
    }

    String trunk() {
        return dial.trunk();
    }

    String operator() {
        return operator;
    }

    DialString dial() {
        return dial;
    }

    String app() {
        return app;
    }

    List<String> appArgs() {
        return appArgs;
    }

    Instant createdAt() {
        return createdAt;
    }

    ChannelState state() {
        return state;
    }

    FarEnd farEnd() {
        return farEnd;
    }

    CallFailure routeFailure() {
        return routeFailure;
    }

    RingingSignal ringingSignal() {
        return ringingSignal;
    }

    boolean admitted() {
        return admitted;
    }

    boolean inStasis() {
        return inStasis;
    }

    boolean ended() {
        return ended;
    }

    /** The handset alerted (whatever the signal). */
    boolean rang() {
        return ringingAt != null;
    }

    void admit(FarEnd behaviour, RingingSignal signal) {
        this.admitted = true;
        this.farEnd = behaviour;
        this.ringingSignal = signal;
    }

    /** The carrier admitted the call, but the route fails it before it reaches the far end. */
    void admitIntoFailure(CallFailure failure) {
        this.admitted = true;
        this.routeFailure = failure;
    }

    void earlyMedia(Instant now) {
        if (earlyMediaAt == null) {
            earlyMediaAt = now;
        }
    }

    /** The handset alerts; the state changes only when the network signals it with a 180. */
    void alerting(Instant now, boolean signalledAs180) {
        if (ringingAt == null) {
            ringingAt = now;
        }
        if (signalledAs180) {
            state = ChannelState.RINGING;
        }
    }

    void answered(Instant now) {
        state = ChannelState.UP;
        answeredAt = now;
        inStasis = true;
    }

    void leftStasis() {
        inStasis = false;
    }

    void end(Instant now, int endCause, Integer endSipCode) {
        ended = true;
        endedAt = now;
        cause = endCause;
        sipCode = endSipCode;
        timers.forEach(Timers.Cancellable::cancel);
        timers.clear();
    }

    void track(Timers.Cancellable timer) {
        timers.add(timer);
    }

    ChannelSnapshot snapshot() {
        CallerId connected = inbound() ? CallerId.EMPTY : new CallerId("", dial.number());
        return new ChannelSnapshot(serverId, id, name, state, caller, connected, dial.number(), dial.trunk(), app,
                appArgs, inStasis, createdAt, variables, direction, did);
    }

    CallRecord record() {
        return new CallRecord(id, dial.number(), dial.trunk(), serverId, createdAt, ringingAt, answeredAt, endedAt,
                cause, cause == null ? null : Q850.text(cause), direction, did, operator, earlyMediaAt, sipCode);
    }
}
