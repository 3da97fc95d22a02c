package io.codac.sim.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One channel's life in the network: DOWN while dialing, RINGING once the far end alerts, UP once it
 * answers, then ended with a cause. Mutable, and only ever touched under the {@link TelephoneNetwork}'s lock.
 */
final class Call {

    private final String serverId;
    private final String id;
    private final String name;
    private final DialString dial;
    private final String app;
    private final List<String> appArgs;
    private final CallerId caller;
    private final Map<String, String> variables;
    private final Instant createdAt;
    private final List<Timers.Cancellable> timers = new ArrayList<>(3);
    private ChannelState state = ChannelState.DOWN;
    private FarEnd farEnd;
    private boolean admitted;
    private boolean inStasis;
    private boolean ended;
    private Instant ringingAt;
    private Instant answeredAt;
    private Instant endedAt;
    private Integer cause;

    Call(String serverId, String id, String name, DialString dial, OriginateRequest request, Instant createdAt) {
        this.serverId = serverId;
        this.id = id;
        this.name = name;
        this.dial = dial;
        this.app = request.app();
        this.appArgs = request.appArgs();
        this.caller = CallerId.parse(request.callerId());
        this.variables = request.variables();
        this.createdAt = createdAt;
    }

    String id() {
        return id;
    }

    String serverId() {
        return serverId;
    }

    String number() {
        return dial.number();
    }

    String trunk() {
        return dial.trunk();
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

    ChannelState state() {
        return state;
    }

    FarEnd farEnd() {
        return farEnd;
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

    boolean rang() {
        return ringingAt != null;
    }

    void admit(FarEnd behaviour) {
        this.admitted = true;
        this.farEnd = behaviour;
    }

    void ringing(Instant now) {
        state = ChannelState.RINGING;
        ringingAt = now;
    }

    void answered(Instant now) {
        state = ChannelState.UP;
        answeredAt = now;
        inStasis = true;
    }

    void leftStasis() {
        inStasis = false;
    }

    void end(Instant now, int endCause) {
        ended = true;
        endedAt = now;
        cause = endCause;
        timers.forEach(Timers.Cancellable::cancel);
        timers.clear();
    }

    void track(Timers.Cancellable timer) {
        timers.add(timer);
    }

    ChannelSnapshot snapshot() {
        return new ChannelSnapshot(serverId, id, name, state, caller, new CallerId("", dial.number()), dial.number(),
                dial.trunk(), app, appArgs, inStasis, createdAt, variables);
    }

    CallRecord record() {
        return new CallRecord(id, dial.number(), dial.trunk(), serverId, createdAt, ringingAt, answeredAt, endedAt,
                cause, cause == null ? null : Q850.text(cause));
    }
}
