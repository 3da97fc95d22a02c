package io.codac.sim.domain;

import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.TelephonyServer;
import io.codac.contracts.domain.Trunk;
import io.codac.sim.domain.ChannelEvent.ChannelDestroyed;
import io.codac.sim.domain.ChannelEvent.ChannelStateChanged;
import io.codac.sim.domain.ChannelEvent.DialStatusChanged;
import io.codac.sim.domain.ChannelEvent.HangupRequested;
import io.codac.sim.domain.ChannelEvent.StasisEnded;
import io.codac.sim.domain.ChannelEvent.StasisStarted;
import io.codac.sim.domain.OriginateOutcome.Originated;
import io.codac.sim.domain.OriginateOutcome.Refused;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The whole simulated telephone network behind a fleet: every server's live channels, the carrier behind
 * every trunk, the population being called, the faults switched on, and the carrier's records.
 *
 * <p>An outbound call's life: an originate is checked against the ledger (double dials are counted, never
 * refused: a real network would place them), then offered to the trunk's carrier, which refuses it at once with
 * cause 34 when it breaks the CPS or channel limit (and fails it at once with cause 38 while the trunk is down).
 * An admitted call waits the post-dial delay, then either a degraded route fails it, or the far end acts out
 * the number's fate: it alerts (signalled as 180 or as 183 early media) and maybe answers, or the call fails
 * with the fate's cause.
 *
 * <p>An inbound call (a shopper's missed call to a DID) enters the server's Stasis application at once; the
 * application rejects it (hangs up with busy), answers it, or the shopper gives up.
 *
 * <p>One lock guards everything: every operation is a few map updates, and a single order of events per
 * channel (and per fleet) is what makes the ledger exact. Events are published while the lock is held, in
 * the order Asterisk would send them, so the {@link ChannelEventSink} must only enqueue.
 */
public final class TelephoneNetwork {

    private final SimSettings settings;
    private final Clock clock;
    private final Timers timers;
    private final ChannelEventSink events;
    private final Consumer<BrokenPromise> brokenPromises;
    private final OperatorDirectory operators;
    private final Population population;
    private final Map<String, TrunkCarrier> carriers = new LinkedHashMap<>();
    private final Map<String, String> inboundTrunkByServer = new HashMap<>();
    private final Map<String, Map<String, Call>> liveByServer = new HashMap<>();
    private final PromiseLedger ledger;
    private final CallDetailRecords records;
    private final FaultBook faults = new FaultBook();
    private final Set<String> networkFailureSpent = new HashSet<>();
    private long attempts;
    private long overLimitRejections;
    private long faultFailures;
    private long inboundCalls;
    private long liveChannels;
    private long idSequence;
    private long nameSequence;

    public TelephoneNetwork(Fleet fleet, SimSettings settings, Clock clock, Timers timers, ChannelEventSink events,
                            Consumer<BrokenPromise> brokenPromises) {
        this(fleet, settings, clock, timers, events, brokenPromises, OperatorDirectory.unknown());
    }

    public TelephoneNetwork(Fleet fleet, SimSettings settings, Clock clock, Timers timers, ChannelEventSink events,
                            Consumer<BrokenPromise> brokenPromises, OperatorDirectory operators) {
        this.settings = settings;
        this.clock = clock;
        this.timers = timers;
        this.events = events;
        this.brokenPromises = brokenPromises;
        this.operators = operators;
        this.population = new Population(settings.seed(), settings.shares());
        this.ledger = new PromiseLedger(settings.redialWindow());
        this.records = new CallDetailRecords(settings.cdrCapacity());
        for (TelephonyServer server : fleet.servers()) {
            liveByServer.put(server.id(), new LinkedHashMap<>());
            inboundTrunkByServer.put(server.id(), server.trunks().getFirst().id());
            for (Trunk trunk : server.trunks()) {
                carriers.put(trunk.id(), new TrunkCarrier(trunk, server.id()));
            }
        }
    }

    public NumberFate fateOf(String number) {
        return population.fateOf(number);
    }

    public synchronized OriginateOutcome originate(OriginateRequest request) {
        Map<String, Call> live = liveByServer.get(request.serverId());
        if (live == null) {
            return new Refused(OriginateOutcome.Reason.INVALID_PARAMETERS, "unknown server " + request.serverId());
        }
        if (faults.dead(request.serverId())) {
            return new Refused(OriginateOutcome.Reason.SERVER_DOWN, "server " + request.serverId() + " is down");
        }
        if (request.app() == null || request.app().isBlank()) {
            return new Refused(OriginateOutcome.Reason.INVALID_PARAMETERS,
                    "Application or extension must be specified (the simulator originates into Stasis applications only)");
        }
        Optional<DialString> parsed = DialString.parse(request.endpoint());
        if (parsed.isEmpty()) {
            return new Refused(OriginateOutcome.Reason.INVALID_PARAMETERS,
                    "Invalid endpoint '" + request.endpoint() + "': expected PJSIP/<number>@<trunk>");
        }
        DialString dial = parsed.get();
        TrunkCarrier carrier = carriers.get(dial.trunk());
        if (carrier == null || !carrier.serverId().equals(request.serverId())) {
            return new Refused(OriginateOutcome.Reason.INVALID_PARAMETERS,
                    "Unknown trunk '" + dial.trunk() + "' on server " + request.serverId()
                            + (carrier == null ? "" : " (it belongs to server " + carrier.serverId() + ")"));
        }
        String channelId = request.channelId();
        if (channelId != null && live.containsKey(channelId)) {
            return new Refused(OriginateOutcome.Reason.CHANNEL_ID_IN_USE, "Channel with given unique ID already exists");
        }

        Instant now = clock.instant();
        if (channelId == null || channelId.isBlank()) {
            channelId = newChannelId(now, live);
        }
        String operator = operators.operatorOf(dial.number());
        var call = Call.outbound(request.serverId(), channelId, newChannelName(dial.trunk()), dial, operator, request, now);
        attempts++;
        for (BrokenPromise.Kind kind : ledger.dialing(dial.number(), now)) {
            brokenPromises.accept(new BrokenPromise(kind, dial.number(), request.serverId(), channelId, now));
        }
        live.put(channelId, call);
        liveChannels++;
        records.add(call);
        publish(new DialStatusChanged(call.snapshot(), now, "", dial.dialString()));
        offerToCarrier(call, carrier, request, now);
        return new Originated(call.snapshot());
    }

    /**
     * A shopper calls one of our DIDs. The call enters the application at once ({@code StasisStart} with the
     * dialplan's arguments {@code inbound,<did>}), unless the application is not connected or the server is dead:
     * then it fails at once, with no event to anyone.
     */
    public synchronized ChannelSnapshot inbound(InboundCall request) {
        Map<String, Call> live = liveByServer.get(request.serverId());
        if (live == null) {
            throw new IllegalArgumentException("unknown server " + request.serverId());
        }
        Instant now = clock.instant();
        String trunk = inboundTrunkByServer.get(request.serverId());
        String from = Population.canonical(request.from());
        var call = Call.inbound(request.serverId(), newChannelId(now, live), newChannelName(trunk), trunk, from,
                request.did(), operators.operatorOf(from), request.app(), List.of("inbound", request.did()), now);
        inboundCalls++;
        live.put(call.id(), call);
        liveChannels++;
        records.add(call);
        if (faults.dead(request.serverId())) {
            vanish(call, now, Q850.NETWORK_OUT_OF_ORDER, null); // nobody answers the carrier's INVITE
        } else if (!request.delivered()) {
            vanish(call, now, Q850.USER_BUSY, 486); // Stasis() fails, the dialplan's Busy() answers
        } else {
            publish(new StasisStarted(call.snapshot(), now, call.appArgs()));
            schedule(call, settings.timing().callerGivesUpAfter(), c -> {
                publish(new HangupRequested(c.snapshot(), clock.instant(), Q850.NORMAL_CLEARING, false));
                finish(c, Q850.NORMAL_CLEARING, null, null);
            });
        }
        return call.snapshot();
    }

    /** ARI {@code POST /channels/{id}/answer}: only a channel in the application (an inbound call) can be answered. */
    public synchronized AnswerOutcome answer(String serverId, String channelId) {
        Call call = liveByServer.getOrDefault(serverId, Map.of()).get(channelId);
        if (call == null) {
            return AnswerOutcome.NOT_FOUND;
        }
        if (!call.inStasis()) {
            return AnswerOutcome.NOT_IN_STASIS;
        }
        if (call.state() != ChannelState.UP) {
            Instant now = clock.instant();
            call.answered(now);
            publish(new ChannelStateChanged(call.snapshot(), now));
        }
        return AnswerOutcome.ANSWERED;
    }

    /** Our side hangs up (ARI {@code DELETE /channels/{id}}); returns false when no such live channel exists. */
    public synchronized boolean hangup(String serverId, String channelId, int cause) {
        Map<String, Call> live = liveByServer.get(serverId);
        Call call = live == null ? null : live.get(channelId);
        if (call == null) {
            return false;
        }
        publish(new HangupRequested(call.snapshot(), clock.instant(), cause, true));
        boolean cancelsDialing = !call.inbound() && call.state() != ChannelState.UP;
        finish(call, cause, null, cancelsDialing ? "CANCEL" : null);
        return true;
    }

    public synchronized List<ChannelSnapshot> channels(String serverId) {
        return liveByServer.getOrDefault(serverId, Map.of()).values().stream().map(Call::snapshot).toList();
    }

    public synchronized Optional<ChannelSnapshot> channel(String serverId, String channelId) {
        Call call = liveByServer.getOrDefault(serverId, Map.of()).get(channelId);
        return Optional.ofNullable(call).map(Call::snapshot);
    }

    public synchronized SimStats stats() {
        return new SimStats(attempts, overLimitRejections, ledger.concurrentDoubleDials(), ledger.redialsAfterAlerting(),
                (int) liveChannels, carriers.values().stream().map(TrunkCarrier::stats).toList(), inboundCalls,
                ledger.numbersDialedConcurrently(), ledger.numbersRedialedAfterAlerting(), faultFailures);
    }

    public synchronized List<CallRecord> cdr(String number) {
        return records.of(Population.canonical(number));
    }

    public synchronized List<CallRecord> cdr(CdrQuery query) {
        return records.query(query);
    }

    /** The newest {@code limit} call records of the whole fleet, oldest first. */
    public synchronized List<CallRecord> latestRecords(int limit) {
        return records.latest(limit);
    }

    // ---- faults ----

    public synchronized void degradeRoute(RouteFault fault) {
        requireTrunk(fault.trunk());
        faults.degrade(fault);
    }

    /** Starts flapping {@code trunk} now: down first. */
    public synchronized TrunkFlap flapTrunk(String trunk, Duration downFor, Duration upFor) {
        requireTrunk(trunk);
        var flap = new TrunkFlap(trunk, downFor, upFor, clock.instant());
        faults.flap(flap);
        return flap;
    }

    public synchronized void spikeLatency(LatencySpike spike) {
        if (!LatencySpike.EVERY_TRUNK.equals(spike.trunk())) {
            requireTrunk(spike.trunk());
        }
        faults.spike(spike);
    }

    public synchronized boolean clearRouteFault(String trunk, String operator) {
        return faults.clearRoute(trunk, operator);
    }

    public synchronized boolean clearFlap(String trunk) {
        return faults.clearFlap(trunk);
    }

    public synchronized boolean clearLatency(String trunk) {
        return faults.clearLatency(trunk);
    }

    /** Clears every route, flap and latency fault (dead servers are brought back by whoever killed them). */
    public synchronized void clearNetworkFaults() {
        faults.clearNetworkFaults();
    }

    public synchronized ActiveFaults activeFaults() {
        return faults.snapshot();
    }

    /**
     * The server dies: its live channels vanish without a single event (nobody is left to send one), and the
     * carrier sees each call drop (cause 38 in its records). What the server's calls reached stays in the ledger,
     * so dialing those numbers again is still a counted redial.
     *
     * @return the ids of the channels that vanished
     */
    public synchronized List<String> serverDied(String serverId) {
        Map<String, Call> live = liveByServer.get(serverId);
        if (live == null) {
            throw new IllegalArgumentException("unknown server " + serverId);
        }
        faults.serverDied(serverId);
        Instant now = clock.instant();
        var vanished = new ArrayList<String>(live.size());
        for (Call call : List.copyOf(live.values())) {
            vanish(call, now, Q850.NETWORK_OUT_OF_ORDER, null);
            vanished.add(call.id());
        }
        return vanished;
    }

    public synchronized void serverReturned(String serverId) {
        if (!liveByServer.containsKey(serverId)) {
            throw new IllegalArgumentException("unknown server " + serverId);
        }
        faults.serverReturned(serverId);
    }

    public synchronized boolean isDead(String serverId) {
        return faults.dead(serverId);
    }

    // ---- a call's life ----

    private void offerToCarrier(Call call, TrunkCarrier carrier, OriginateRequest request, Instant now) {
        if (faults.trunkDown(call.trunk(), now)) {
            carrier.unreachable();
            faultFailures++;
            schedule(call, Duration.ZERO, c -> finish(c, Q850.NETWORK_OUT_OF_ORDER, null, "CHANUNAVAIL"));
            return;
        }
        Admission admission = carrier.admit(now);
        if (!admission.admitted()) {
            overLimitRejections++;
            // The carrier answers 503 at once; deliver it asynchronously, as the originate's HTTP reply comes first.
            schedule(call, Duration.ZERO, c -> finish(c, Q850.NORMAL_CIRCUIT_CONGESTION, 503, "CONGESTION"));
            return;
        }
        Optional<CallFailure> routeFailure = faults.routeFailure(call.trunk(), call.operator(),
                StableHash.unit(StableHash.of(settings.seed(), "route", call.id())),
                StableHash.unit(StableHash.of(settings.seed(), "route-cause", call.id())));
        if (routeFailure.isPresent()) {
            call.admitIntoFailure(routeFailure.get());
        } else {
            NumberFate fate = population.fateOf(call.number());
            RingingSignal signal = fate == NumberFate.EARLY_MEDIA_NO_ANSWER ? RingingSignal.EARLY_MEDIA_ONLY
                    : settings.ringingSignal(call.trunk(), carrier.trunk().carrier(), call.operator());
            call.admit(farEndFor(fate, call.number()), signal);
        }
        Duration pdd = settings.timing().postDialDelay(StableHash.of(settings.seed(), "pdd", call.id()));
        schedule(call, scaled(pdd, faults.latencyMultiplier(call.trunk())), this::farEndResponds);
        int timeout = request.timeoutSeconds() == null
                ? OriginateRequest.DEFAULT_TIMEOUT_SECONDS : request.timeoutSeconds();
        if (timeout > 0) {
            schedule(call, Duration.ofSeconds(timeout), this::dialTimedOut);
        }
    }

    private FarEnd farEndFor(NumberFate fate, String number) {
        return switch (fate) {
            case RINGS_NO_ANSWER, EARLY_MEDIA_NO_ANSWER -> FarEnd.RINGS_UNANSWERED;
            case ANSWERS -> FarEnd.RINGS_THEN_ANSWERS;
            case BUSY -> FarEnd.BUSY;
            case SWITCHED_OFF -> FarEnd.SWITCHED_OFF;
            case UNALLOCATED -> FarEnd.UNALLOCATED;
            case NETWORK_FAILURE_ONCE -> networkFailureSpent.add(number) ? FarEnd.NETWORK_FAILURE : FarEnd.RINGS_UNANSWERED;
            case ANNOUNCEMENT_SWITCHED_OFF -> FarEnd.ANNOUNCEMENT;
        };
    }

    private void farEndResponds(Call call) {
        Instant now = clock.instant();
        if (call.routeFailure() != null) {
            faultFailures++;
            carriers.get(call.trunk()).faultFailure();
            CallFailure failure = call.routeFailure();
            finish(call, failure.cause(), failure.sipCode(), failure.dialStatus());
            return;
        }
        FarEnd farEnd = call.farEnd();
        if (farEnd == FarEnd.ANNOUNCEMENT) {
            call.earlyMedia(now);
            publish(new DialStatusChanged(call.snapshot(), now, "PROGRESS", call.dial().dialString()));
            schedule(call, settings.timing().announcementLength(),
                    c -> finish(c, farEnd.cause, farEnd.sipCode, farEnd.dialStatus));
            return;
        }
        if (!farEnd.rings()) {
            if (farEnd == FarEnd.BUSY) {
                ledger.reached(call.number(), now); // busy proves a handset as much as ringing does
            }
            finish(call, farEnd.cause, farEnd.sipCode, farEnd.dialStatus);
            return;
        }
        ledger.reached(call.number(), now);
        signalAlerting(call, now);
        if (farEnd == FarEnd.RINGS_THEN_ANSWERS) {
            schedule(call, settings.timing().ringBeforeAnswer(StableHash.of(settings.seed(), "answer", call.id())),
                    this::farEndAnswers);
        } else {
            schedule(call, settings.timing().noAnswerAfter(),
                    c -> finish(c, Q850.NO_ANSWER, 480, "NOANSWER"));
        }
    }

    /** The handset alerts; Asterisk shows a 183 as {@code Dial PROGRESS} and a 180 as state Ringing plus {@code Dial RINGING}. */
    private void signalAlerting(Call call, Instant now) {
        RingingSignal signal = call.ringingSignal();
        if (signal != RingingSignal.RINGING) {
            call.earlyMedia(now);
            call.alerting(now, false);
            publish(new DialStatusChanged(call.snapshot(), now, "PROGRESS", call.dial().dialString()));
        }
        if (signal != RingingSignal.EARLY_MEDIA_ONLY) {
            call.alerting(now, true);
            publish(new ChannelStateChanged(call.snapshot(), now));
            publish(new DialStatusChanged(call.snapshot(), now, "RINGING", call.dial().dialString()));
        }
    }

    private void farEndAnswers(Call call) {
        Instant now = clock.instant();
        call.answered(now);
        publish(new ChannelStateChanged(call.snapshot(), now));
        publish(new DialStatusChanged(call.snapshot(), now, "ANSWER", call.dial().dialString()));
        publish(new StasisStarted(call.snapshot(), now, call.appArgs()));
        schedule(call, settings.timing().answeredHangupAfter(), c -> {
            publish(new HangupRequested(c.snapshot(), clock.instant(), Q850.NORMAL_CLEARING, false));
            finish(c, Q850.NORMAL_CLEARING, null, null);
        });
    }

    private void dialTimedOut(Call call) {
        if (call.state() != ChannelState.UP) {
            finish(call, call.rang() ? Q850.NO_ANSWER : Q850.NO_USER_RESPONSE, null, "NOANSWER");
        }
    }

    private void finish(Call call, int cause, Integer sipCode, String dialStatus) {
        Instant now = clock.instant();
        call.end(now, cause, sipCode);
        release(call);
        if (dialStatus != null) {
            publish(new DialStatusChanged(call.snapshot(), now, dialStatus, call.dial().dialString()));
        }
        if (call.inStasis()) {
            call.leftStasis();
            publish(new StasisEnded(call.snapshot(), now));
        }
        publish(new ChannelDestroyed(call.snapshot(), now, cause, Q850.text(cause), sipCode));
    }

    /** The call ends without a word to the application: no event is published. */
    private void vanish(Call call, Instant now, int cause, Integer sipCode) {
        call.end(now, cause, sipCode);
        release(call);
    }

    /** The channel is gone: its server, its trunk's channel and the ledger let go of it. */
    private void release(Call call) {
        liveByServer.get(call.serverId()).remove(call.id());
        liveChannels--;
        if (call.admitted()) {
            carriers.get(call.trunk()).release();
        }
        if (!call.inbound()) {
            ledger.ended(call.number());
        }
    }

    /** Runs {@code step} after {@code delay} under the lock, unless the call has ended by then. */
    private void schedule(Call call, Duration delay, Consumer<Call> step) {
        call.track(timers.after(delay, () -> {
            synchronized (this) {
                if (!call.ended()) {
                    step.accept(call);
                }
            }
        }));
    }

    private void publish(ChannelEvent event) {
        events.publish(event);
    }

    private void requireTrunk(String trunk) {
        if (!carriers.containsKey(trunk)) {
            throw new IllegalArgumentException("unknown trunk '" + trunk + "'; the fleet has " + carriers.keySet());
        }
    }

    private static Duration scaled(Duration delay, double multiplier) {
        return multiplier == 1.0 ? delay : Duration.ofNanos((long) (delay.toNanos() * multiplier));
    }

    /** Asterisk's unique ids look like {@code 1700000000.42}: creation second, then a sequence. */
    private String newChannelId(Instant now, Map<String, Call> live) {
        String id;
        do {
            id = now.getEpochSecond() + "." + (++idSequence);
        } while (live.containsKey(id));
        return id;
    }

    private String newChannelName(String trunk) {
        return "PJSIP/" + trunk + "-" + String.format("%08x", ++nameSequence);
    }
}
