package io.codac.scenario;

import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.TelephonyServer;
import io.codac.contracts.domain.Trunk;
import io.codac.contracts.event.DialCommand;
import io.codac.contracts.event.VerificationCompleted;
import io.codac.scenario.Requests.Kind;
import io.codac.scenario.Requests.Sent;
import io.codac.scenario.report.CpsUse;
import io.codac.scenario.report.Latencies;
import io.codac.scenario.report.TrunkWindow;
import io.codac.sim.SimulatedFleet;
import io.codac.sim.domain.CallRecord;
import io.codac.sim.domain.CdrQuery;
import io.codac.sim.domain.SimStats;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One policy's figures, measured from what the run left behind: the requests sent, the dial commands and results on
 * their topics (their own {@code occurredAt}, the scheduler's decision times), and the simulator's call records and
 * counters. {@code NaN} where a figure could not be measured.
 *
 * <p>The saturated window runs from two seconds after the hot batch was published to the moment the last of its
 * requests got its first dial command: until then work was waiting, so every trunk with room should have been used.
 */
record PolicyFigures(String policy, int requests, int completed, int inDoubtAtEnd, long duplicateResults,
                     double saturatedSeconds,
                     double completedPerSecond, double callsPerSecond, double trunkUsePercent, double commandUsePercent,
                     long attempts, long overLimit,
                     long doubleDials, double resultP50Ms, double resultP99Ms, double freeDialP99Ms, int freeDialCount,
                     double failoverSeconds, int failoverMoved, int failoverStranded, int failoverInDoubt,
                     double lastCommandToDeadServerSeconds,
                     double smallResultP99Ms, double smallDialP99Ms, int smallCount,
                     Map<String, Double> trunkUsePercentById, long callsOnDegradedRoute, long routeFaultFailures) {

    private static final int Q850_CONGESTION = 34;
    private static final Duration SATURATION_SETTLES = Duration.ofSeconds(2);
    private static final Duration FREE_UNTIL_BEFORE_BATCH = Duration.ofSeconds(1);

    static PolicyFigures measure(String policy, ScenarioSettings settings, Timeline timeline,
                                 Collection<Sent> sentRequests, List<DialCommand> dialCommands,
                                 Map<String, VerificationCompleted> allResults, long duplicateResults,
                                 SimulatedFleet sim) {
        Map<String, Sent> sent = new HashMap<>();
        sentRequests.stream().filter(s -> s.kind() != Kind.WARMUP).forEach(s -> sent.put(s.verificationId(), s));
        Map<String, VerificationCompleted> results = new HashMap<>();
        allResults.forEach((id, r) -> {
            if (sent.containsKey(id)) {
                results.put(id, r);
            }
        });
        Map<String, List<DialCommand>> commands = commandsByVerification(dialCommands, sent.keySet());
        SimStats stats = sim.stats();

        // saturation
        Instant saturatedFrom = timeline.hotBatch().plus(SATURATION_SETTLES);
        Instant saturatedUntil = lastFirstCallOfHotBatch(sent.values(), sim).orElse(timeline.trafficEnd());
        boolean saturated = saturatedUntil.isAfter(saturatedFrom.plusSeconds(1));
        double saturatedSeconds = saturated ? seconds(Duration.between(saturatedFrom, saturatedUntil)) : Double.NaN;
        double completedPerSecond = saturated ? results.values().stream()
                .filter(r -> within(r.occurredAt(), saturatedFrom, saturatedUntil)).count() / saturatedSeconds
                : Double.NaN;
        List<TrunkWindow> windows = saturated ? trunkWindows(sim, timeline, settings.killedServer(), saturatedFrom,
                saturatedUntil) : List.of();
        CpsUse use = saturated ? CpsUse.over(windows, saturatedFrom, saturatedUntil) : null;
        var perTrunk = new LinkedHashMap<String, Double>();
        for (TrunkWindow window : windows) {
            perTrunk.put(window.trunkId(), 100 * CpsUse.over(List.of(window), saturatedFrom, saturatedUntil).ratio());
        }
        double trunkUse = use == null ? Double.NaN : 100 * use.ratio();
        // what the scheduler asked for, against the same contracts: tells a scheduler that sends too little from
        // calls lost between its command and the carrier (hand-backs, the adapters' own limits)
        double commandUse = saturated ? 100 * CpsUse.over(commandWindows(windows, dialCommands), saturatedFrom,
                saturatedUntil).ratio() : Double.NaN;
        double callsPerSecond = use == null ? Double.NaN : use.callsStarted() / saturatedSeconds;

        // time to result, of every request: one without a result counts as never, not as absent
        Latencies toResult = toResult(sent.values(), results, s -> true);

        // request → dial while capacity is free: the steady traffic before the hot batch
        Instant freeFrom = timeline.start().plusSeconds(settings.freeWarmupSeconds());
        // a request sent in the last second before the hot batch may meet the batch before its placement: not free
        Instant freeUntil = timeline.hotBatch().minus(FREE_UNTIL_BEFORE_BATCH);
        Latencies freeDial = toFirstDial(sent.values(), commands,
                s -> s.kind() == Kind.STEADY && within(s.at(), freeFrom, freeUntil));
        logSlowest(policy, "request → first dial while free", sent.values(), commands, timeline.start(),
                s -> s.kind() == Kind.STEADY && within(s.at(), freeFrom, freeUntil), sim::operatorOf);

        // the small clients during the hot batch
        Predicate<Sent> smallDuringHot = s -> s.kind() == Kind.STEADY
                && within(s.at(), timeline.hotBatch(), saturatedUntil);
        Latencies smallResult = toResult(sent.values(), results, smallDuringHot);
        Latencies smallDial = toFirstDial(sent.values(), commands, smallDuringHot);
        logSlowest(policy, "small clients' request → first dial during the hot batch", sent.values(), commands,
                timeline.start(), smallDuringHot, sim::operatorOf);

        Failover failover = timeline.killed() == null ? new Failover(Latencies.of(List.of()), 0, 0)
                : failover(settings.killedServer(), timeline.killed(), commands, results, sim);

        int inDoubtAtEnd = timeline.killed() == null ? 0
                : inDoubtAtEnd(settings.killedServer(), timeline.killed(), sent.keySet(), commands, results, sim);

        return new PolicyFigures(policy, sent.size(), results.size(), inDoubtAtEnd, duplicateResults, saturatedSeconds,
                completedPerSecond, callsPerSecond, trunkUse, commandUse, stats.attempts(), stats.overLimitRejections(),
                stats.concurrentDoubleDials() + stats.redialsAfterAlerting(), toResult.percentileMillis(50),
                toResult.percentileMillis(99), freeDial.percentileMillis(99), freeDial.count(),
                failover.lastMovedSeconds(), failover.moved().count(),
                failover.stranded(), failover.inDoubt(),
                timeline.killed() == null ? Double.NaN : lastCommandTo(settings.killedServer(), timeline.killed(),
                        dialCommands),
                smallResult.percentileMillis(99),
                smallDial.percentileMillis(99), smallResult.count(), perTrunk,
                callsOnDegradedRoute(sim, settings.degradedTrunk(), timeline), stats.faultFailures());
    }

    /** The slowest few, with when they were sent into the run and where they went: a warm-up spike or a pattern. */
    private static void logSlowest(String policy, String what, Collection<Sent> sent,
                                   Map<String, List<DialCommand>> commands, Instant runStart, Predicate<Sent> which,
                                   Function<String, String> operatorOf) {
        String slowest = sent.stream().filter(which)
                .filter(s -> commands.containsKey(s.verificationId()))
                .sorted(Comparator.comparing((Sent s) -> Duration.between(s.at(),
                        commands.get(s.verificationId()).getFirst().occurredAt())).reversed())
                .limit(5)
                .map(s -> {
                    DialCommand first = commands.get(s.verificationId()).getFirst();
                    return String.format(Locale.ROOT, "%d ms at %.1f s on %s (%s, operator %s, %s)",
                            Duration.between(s.at(), first.occurredAt()).toMillis(),
                            Duration.between(runStart, s.at()).toMillis() / 1000.0, first.trunkId(), s.clientId(),
                            operatorOf.apply(s.number()), s.verificationId());
                })
                .collect(Collectors.joining("; "));
        LoggerFactory.getLogger(PolicyFigures.class).info("[{}] slowest {}: {}", policy, what, slowest);
    }

    /** Each verification's dial commands, oldest first, one per attempt (a command the outbox relayed again is one). */
    private static Map<String, List<DialCommand>> commandsByVerification(List<DialCommand> all,
                                                                         java.util.Set<String> counted) {
        var byAttempt = new LinkedHashMap<String, DialCommand>();
        for (DialCommand command : all) {
            if (counted.contains(command.verificationId())) {
                byAttempt.putIfAbsent(command.attemptId(), command);
            }
        }
        var byVerification = new HashMap<String, List<DialCommand>>();
        byAttempt.values().forEach(c -> byVerification.computeIfAbsent(c.verificationId(), v -> new ArrayList<>()).add(c));
        byVerification.values().forEach(list -> list.sort(Comparator.comparing(DialCommand::occurredAt)));
        return byVerification;
    }

    /**
     * When the carriers started the first call of the hot batch's last request to get one: until then some of the
     * batch was still waiting for a trunk, so the fleet was saturated. Read from the simulator's call records, not from
     * the dial commands: a scheduler that sends its whole batch at once (the naive baseline) leaves it waiting in the
     * adapters instead. A request that never got a call (stranded on the dead server) does not extend the window.
     */
    private static java.util.Optional<Instant> lastFirstCallOfHotBatch(Collection<Sent> sent, SimulatedFleet sim) {
        Instant last = null;
        for (Sent s : sent) {
            if (s.kind() != Kind.HOT) {
                continue;
            }
            Instant first = sim.cdr(s.number()).stream().filter(PolicyFigures::admitted).map(CallRecord::startedAt)
                    .min(Instant::compareTo).orElse(null);
            if (first != null && (last == null || first.isAfter(last))) {
                last = first;
            }
        }
        return java.util.Optional.ofNullable(last);
    }

    private static Instant firstCommandAt(Map<String, List<DialCommand>> commands, String verificationId) {
        List<DialCommand> list = commands.get(verificationId);
        return list == null || list.isEmpty() ? null : list.getFirst().occurredAt();
    }

    /** Request → first dial command of the chosen requests; one never dialed counts as never. */
    private static Latencies toFirstDial(Collection<Sent> sent, Map<String, List<DialCommand>> commands,
                                         Predicate<Sent> which) {
        return timesOf(sent, which, s -> {
            Instant first = firstCommandAt(commands, s.verificationId());
            return first == null ? null : Duration.between(s.at(), first);
        });
    }

    /** Request → result of the chosen requests ({@code completedAt − requestedAt}); one without a result counts as never. */
    private static Latencies toResult(Collection<Sent> sent, Map<String, VerificationCompleted> results,
                                      Predicate<Sent> which) {
        return timesOf(sent, which, s -> {
            VerificationCompleted result = results.get(s.verificationId());
            return result == null ? null : Duration.between(result.requestedAt(), result.occurredAt());
        });
    }

    /** The chosen requests' times; a request whose time is {@code null} (it never came) counts as never. */
    private static Latencies timesOf(Collection<Sent> sent, Predicate<Sent> which, Function<Sent, Duration> time) {
        var times = new ArrayList<Duration>();
        int never = 0;
        for (Sent s : sent) {
            if (which.test(s)) {
                Duration taken = time.apply(s);
                if (taken == null) {
                    never++;
                } else {
                    times.add(taken);
                }
            }
        }
        return Latencies.of(times, never);
    }

    /** Per trunk, the calls its carrier admitted in the window (an over-limit refusal is answered 503, cause 34). */
    private static List<TrunkWindow> trunkWindows(SimulatedFleet sim, Timeline timeline, String killedServer,
                                                  Instant from, Instant until) {
        Fleet fleet = sim.fleet();
        var windows = new ArrayList<TrunkWindow>();
        for (TelephonyServer server : fleet.servers()) {
            Instant liveUntil = server.id().equals(killedServer) ? timeline.killed() : null;
            for (Trunk trunk : server.trunks()) {
                List<Instant> starts = sim.cdr(CdrQuery.all(1_000_000).trunk(trunk.id()).since(from).until(until))
                        .stream().filter(PolicyFigures::admitted).map(CallRecord::startedAt).toList();
                windows.add(new TrunkWindow(trunk.id(), trunk.cps(), timeline.simStarted(), liveUntil, starts));
            }
        }
        return windows;
    }

    /** The same trunks and lifetimes, with each attempt's first dial command in place of the carrier's admissions. */
    private static List<TrunkWindow> commandWindows(List<TrunkWindow> trunks, List<DialCommand> dialCommands) {
        var firstByAttempt = new LinkedHashMap<String, DialCommand>();
        dialCommands.forEach(c -> firstByAttempt.putIfAbsent(c.attemptId(), c));
        var byTrunk = new HashMap<String, List<Instant>>();
        firstByAttempt.values().forEach(c -> byTrunk.computeIfAbsent(c.trunkId(), t -> new ArrayList<>()).add(c.occurredAt()));
        return trunks.stream().map(t -> new TrunkWindow(t.trunkId(), t.cps(), t.liveFrom(), t.liveUntil(),
                byTrunk.getOrDefault(t.trunkId(), List.of()))).toList();
    }

    private static boolean admitted(CallRecord call) {
        boolean refusedOverLimit = call.cause() != null && call.cause() == Q850_CONGESTION && call.ringingAt() == null
                && Integer.valueOf(503).equals(call.sipCode());
        return !refusedOverLimit;
    }

    private record Failover(Latencies moved, int stranded, int inDoubt) {

        /** When the last of the dead server's un-started work moved: never (+∞) while some of it never did. */
        double lastMovedSeconds() {
            if (stranded > 0) {
                return Double.POSITIVE_INFINITY;
            }
            return moved.max().map(PolicyFigures::seconds).orElse(Double.NaN);
        }
    }

    /**
     * The dead server's un-started work: every verification without a result at the kill whose latest command before
     * the kill, or any command after it, went to the dead server and never became a call there. Each is moved when
     * its next command goes to another server; the time is counted from the kill. A call still up at the kill is in
     * doubt (its phone may be ringing) and is counted apart: it must not move before its window passes.
     */
    private static Failover failover(String killedServer, Instant killed, Map<String, List<DialCommand>> commands,
                                     Map<String, VerificationCompleted> results, SimulatedFleet sim) {
        var moved = new ArrayList<Duration>();
        int stranded = 0;
        int inDoubt = 0;
        for (var entry : commands.entrySet()) {
            VerificationCompleted result = results.get(entry.getKey());
            if (result != null && !result.occurredAt().isAfter(killed)) {
                continue;
            }
            List<DialCommand> list = entry.getValue();
            DialCommand lastBefore = null;
            DialCommand deadWork = null;
            for (DialCommand c : list) {
                if (!c.occurredAt().isAfter(killed)) {
                    lastBefore = c;
                }
            }
            for (DialCommand c : list) {
                if (c.serverId().equals(killedServer) && (c == lastBefore || c.occurredAt().isAfter(killed))) {
                    deadWork = c;
                }
            }
            if (deadWork == null) {
                continue;
            }
            String attemptId = deadWork.attemptId();
            CallRecord call = sim.cdr(deadWork.phoneNumber()).stream().filter(r -> r.channelId().equals(attemptId))
                    .findFirst().orElse(null);
            if (call != null) {
                if (call.endedAt() == null || call.endedAt().isAfter(killed)) {
                    inDoubt++; // its phone may have been ringing when the server died
                }
                continue; // otherwise it ended before the kill: its retry is no failover
            }
            Instant after = deadWork.occurredAt().isAfter(killed) ? deadWork.occurredAt() : killed;
            DialCommand next = list.stream()
                    .filter(c -> c.occurredAt().isAfter(after) && !c.serverId().equals(killedServer))
                    .findFirst().orElse(null);
            if (next == null) {
                stranded++;
            } else {
                moved.add(Duration.between(killed, next.occurredAt()));
            }
        }
        return new Failover(Latencies.of(moved), stranded, inDoubt);
    }

    /**
     * Requests still without a result whose last attempt was a call up on the dead server when it died: in doubt, and
     * rightly not dialed again before their window (the command's {@code notAfter} + ring timeout + grace) has passed,
     * which may be after the scenario stopped waiting. Counted apart from requests the scheduler lost.
     */
    private static int inDoubtAtEnd(String killedServer, Instant killed, Set<String> requested,
                                    Map<String, List<DialCommand>> commands, Map<String, VerificationCompleted> results,
                                    SimulatedFleet sim) {
        int inDoubt = 0;
        for (String verificationId : requested) {
            List<DialCommand> list = commands.get(verificationId);
            if (results.containsKey(verificationId) || list == null || list.isEmpty()) {
                continue;
            }
            DialCommand last = list.getLast();
            boolean upAtTheKill = last.serverId().equals(killedServer) && sim.cdr(last.phoneNumber()).stream()
                    .anyMatch(call -> call.channelId().equals(last.attemptId())
                            && !call.startedAt().isAfter(killed)
                            && (call.endedAt() == null || call.endedAt().isAfter(killed)));
            if (upAtTheKill) {
                inDoubt++;
            }
        }
        return inDoubt;
    }

    /** Calls the carriers admitted on the degraded route (its trunk, to its operator) after it degraded. */
    private static long callsOnDegradedRoute(SimulatedFleet sim, String trunk, Timeline timeline) {
        if (timeline.degraded() == null) {
            return 0;
        }
        return sim.cdr(CdrQuery.all(1_000_000).trunk(trunk).since(timeline.degraded())).stream()
                .filter(PolicyFigures::admitted)
                .filter(call -> timeline.degradedOperator().equalsIgnoreCase(call.operator()))
                .count();
    }

    /** How long after the kill placement still sent work to the dead server (0 when it sent none). */
    private static double lastCommandTo(String killedServer, Instant killed, List<DialCommand> commands) {
        return commands.stream().filter(c -> c.serverId().equals(killedServer) && c.occurredAt().isAfter(killed))
                .mapToDouble(c -> seconds(Duration.between(killed, c.occurredAt()))).max().orElse(0);
    }

    private static boolean within(Instant t, Instant from, Instant until) {
        return !t.isBefore(from) && t.isBefore(until);
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
