package io.codac.sim.admin;

import io.codac.sim.InboundCallPlaced;
import io.codac.sim.SimulatedFleet;
import io.codac.sim.domain.BrokenPromise;
import io.codac.sim.domain.CallRecord;
import io.codac.sim.domain.CdrQuery;
import io.codac.sim.domain.NumberFate;
import io.codac.sim.domain.SimStats;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The simulator's admin API: the carrier's counters and call records, which every test and benchmark reads
 * to prove "never dial twice" and "never over contract", the population's fates, so callers can pick
 * numbers whose outcome they know, and shoppers' inbound calls.
 */
@RestController
@RequestMapping("/sim")
class SimAdminController {

    static final int MAX_RECORDS = 10_000;

    private final SimulatedFleet sim;

    SimAdminController(SimulatedFleet sim) {
        this.sim = sim;
    }

    @GetMapping("/stats")
    SimStats stats() {
        return sim.stats();
    }

    /**
     * Call records, oldest first: every record of {@code number} when only a number is given (as in the first
     * version), else the newest {@code limit} records matching every filter given.
     */
    @GetMapping("/cdr")
    List<CallRecord> cdr(@RequestParam(required = false) String number,
                         @RequestParam(required = false) String trunk,
                         @RequestParam(required = false) String since,
                         @RequestParam(required = false) String until,
                         @RequestParam(defaultValue = "1000") int limit) {
        boolean onlyNumber = isSet(number) && !isSet(trunk) && !isSet(since) && !isSet(until);
        if (onlyNumber) {
            return sim.cdr(number.trim());
        }
        return sim.cdr(CdrQuery.all(Math.clamp(limit, 1, MAX_RECORDS)).number(number).trunk(trunk)
                .since(instant("since", since)).until(instant("until", until)));
    }

    @GetMapping("/fate")
    FateAnswer fate(@RequestParam String number) {
        String n = number.trim();
        return new FateAnswer(n, sim.fateOf(n), sim.operatorOf(n));
    }

    @GetMapping("/numbers")
    List<String> numbers(@RequestParam String fate, @RequestParam(defaultValue = "10") int count,
                         @RequestParam(required = false) String operator) {
        if (count < 1 || count > MAX_RECORDS) {
            throw new AdminErrors.BadParameter("count must be between 1 and " + MAX_RECORDS);
        }
        return sim.numbersWithFate(parseFate(fate), operator, count);
    }

    /** The most recent double dials the carrier saw (at most 1,000), oldest first. */
    @GetMapping("/violations")
    List<BrokenPromise> violations() {
        return sim.brokenPromises();
    }

    /** A shopper calls one of the fleet's DIDs (a missed call). */
    @PostMapping("/inbound")
    InboundCallPlaced inbound(@RequestBody InboundRequest request) {
        if (request == null || !isSet(request.from()) || !isSet(request.did())) {
            throw new AdminErrors.BadParameter("an inbound call needs \"from\" and \"did\"");
        }
        return sim.inboundCall(request.from().trim(), request.did().trim());
    }

    private static NumberFate parseFate(String fate) {
        try {
            return NumberFate.valueOf(fate.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new AdminErrors.BadParameter("unknown fate '" + fate + "'; one of " + Arrays.toString(NumberFate.values()));
        }
    }

    private static Instant instant(String name, String value) {
        if (!isSet(value)) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new AdminErrors.BadParameter(name + " must be an ISO-8601 instant such as 2026-11-22T10:00:00Z, was '"
                    + value + "'");
        }
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    record FateAnswer(String number, NumberFate fate, String operator) {
    }

    record InboundRequest(String from, String did) {
    }
}
