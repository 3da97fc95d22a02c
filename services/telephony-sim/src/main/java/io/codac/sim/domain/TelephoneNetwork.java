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
 * every trunk, the population being called, and the carrier's records.
 *
 * <p>A call's life: an originate is checked against the ledger (double dials are counted, never refused: a
 * real network would place them), then offered to the trunk's carrier, which refuses it at once with
 * cause 34 when it breaks the CPS or channel limit. An admitted call waits the post-dial delay, then the far
 * end acts out the number's fate: it rings (and maybe answers), or the call fails with the fate's cause.
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
    private final Population population;
    private final Map<String, TrunkCarrier> carriers = new LinkedHashMap<>();
    private final Map<String, Map<String, Call>> liveByServer = new HashMap<>();
    private final PromiseLedger ledger;
    private final CallDetailRecords records;
    private final Set<String> networkFailureSpent = new HashSet<>();
    private long attempts;
    private long overLimitRejections;
    private long liveChannels;
    private long idSequence;
    private long nameSequence;

    public TelephoneNetwork(Fleet fleet, SimSettings settings, Clock clock, Timers timers, ChannelEventSink events,
                            Consumer<BrokenPromise> brokenPromises) {
        this.settings = settings;
        this.clock = clock;
        this.timers = timers;
        this.events = events;
        this.brokenPromises = brokenPromises;
        this.population = new Population(settings.seed(), settings.shares());
        this.ledger = new PromiseLedger(settings.redialWindow());
        this.records = new CallDetailRecords(settings.cdrCapacity());
        for (TelephonyServer server : fleet.servers()) {
            liveByServer.put(server.id(), new LinkedHashMap<>());
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
        var call = new Call(request.serverId(), channelId, newChannelName(dial.trunk()), dial, request, now);
        attempts++;
        for (BrokenPromise.Kind kind : ledger.dialing(dial.number(), now)) {
            brokenPromises.accept(new BrokenPromise(kind, dial.number(), request.serverId(), channelId, now));
        }
        live.put(channelId, call);
        liveChannels++;
        records.add(call);
        publish(new DialStatusChanged(call.snapshot(), now, "", dial.dialString()));

        Admission admission = carrier.admit(now);
        if (!admission.admitted()) {
            overLimitRejections++;
            // The carrier answers 503 at once; deliver it asynchronously, as the originate's HTTP reply comes first.
            schedule(call, Duration.ZERO, c -> finish(c, Q850.NORMAL_CIRCUIT_CONGESTION, 503, "CONGESTION"));
        } else {
            call.admit(farEndFor(dial.number()));
            schedule(call, settings.timing().postDialDelay(StableHash.of(settings.seed(), "pdd", channelId)),
                    this::farEndResponds);
            int timeout = request.timeoutSeconds() == null
                    ? OriginateRequest.DEFAULT_TIMEOUT_SECONDS : request.timeoutSeconds();
            if (timeout > 0) {
                schedule(call, Duration.ofSeconds(timeout), this::dialTimedOut);
            }
        }
        return new Originated(call.snapshot());
    }

    /** Our side hangs up (ARI {@code DELETE /channels/{id}}); returns false when no such live channel exists. */
    public synchronized boolean hangup(String serverId, String channelId, int cause) {
        Map<String, Call> live = liveByServer.get(serverId);
        Call call = live == null ? null : live.get(channelId);
        if (call == null) {
            return false;
        }
        publish(new HangupRequested(call.snapshot(), clock.instant(), cause, true));
        finish(call, cause, null, call.state() == ChannelState.UP ? null : "CANCEL");
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
                (int) liveChannels, carriers.values().stream().map(TrunkCarrier::stats).toList());
    }

    public synchronized List<CallRecord> cdr(String number) {
        return records.of(Population.canonical(number));
    }

    /** The newest {@code limit} call records of the whole fleet, oldest first. */
    public synchronized List<CallRecord> latestRecords(int limit) {
        return records.latest(limit);
    }

    private FarEnd farEndFor(String number) {
        return switch (population.fateOf(number)) {
            case RINGS_NO_ANSWER -> FarEnd.RINGS_UNANSWERED;
            case ANSWERS -> FarEnd.RINGS_THEN_ANSWERS;
            case BUSY -> FarEnd.BUSY;
            case SWITCHED_OFF -> FarEnd.SWITCHED_OFF;
            case UNALLOCATED -> FarEnd.UNALLOCATED;
            case NETWORK_FAILURE_ONCE -> networkFailureSpent.add(number) ? FarEnd.NETWORK_FAILURE : FarEnd.RINGS_UNANSWERED;
        };
    }

    private void farEndResponds(Call call) {
        FarEnd farEnd = call.farEnd();
        Instant now = clock.instant();
        if (!farEnd.rings()) {
            if (farEnd == FarEnd.BUSY) {
                ledger.reached(call.number(), now); // busy proves a handset as much as ringing does
            }
            finish(call, farEnd.cause, farEnd.sipCode, farEnd.dialStatus);
            return;
        }
        call.ringing(now);
        ledger.reached(call.number(), now);
        publish(new ChannelStateChanged(call.snapshot(), now));
        publish(new DialStatusChanged(call.snapshot(), now, "RINGING", call.dial().dialString()));
        if (farEnd == FarEnd.RINGS_THEN_ANSWERS) {
            schedule(call, settings.timing().ringBeforeAnswer(StableHash.of(settings.seed(), "answer", call.id())),
                    this::farEndAnswers);
        } else {
            schedule(call, settings.timing().noAnswerAfter(),
                    c -> finish(c, Q850.NO_ANSWER, 480, "NOANSWER"));
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
        call.end(now, cause);
        liveByServer.get(call.serverId()).remove(call.id());
        liveChannels--;
        if (call.admitted()) {
            carriers.get(call.trunk()).release();
        }
        ledger.ended(call.number());
        if (dialStatus != null) {
            publish(new DialStatusChanged(call.snapshot(), now, dialStatus, call.dial().dialString()));
        }
        if (call.inStasis()) {
            call.leftStasis();
            publish(new StasisEnded(call.snapshot(), now));
        }
        publish(new ChannelDestroyed(call.snapshot(), now, cause, Q850.text(cause), sipCode));
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
