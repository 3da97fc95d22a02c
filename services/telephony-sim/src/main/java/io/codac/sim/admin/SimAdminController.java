package io.codac.sim.admin;

import io.codac.sim.SimulatedFleet;
import io.codac.sim.domain.CallRecord;
import io.codac.sim.domain.NumberFate;
import io.codac.sim.domain.SimStats;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The simulator's admin API: the carrier's counters and call records, which every test and benchmark reads
 * to prove "never dial twice" and "never over contract", and the population's fates, so callers can pick
 * numbers whose outcome they know.
 */
@RestController
@RequestMapping("/sim")
class SimAdminController {

    private static final int MAX_RECORDS = 10_000;

    private final SimulatedFleet sim;

    SimAdminController(SimulatedFleet sim) {
        this.sim = sim;
    }

    @GetMapping("/stats")
    SimStats stats() {
        return sim.stats();
    }

    /** Call records of one number, or the newest {@code limit} records of the fleet when no number is given. */
    @GetMapping("/cdr")
    List<CallRecord> cdr(@RequestParam(required = false) String number,
                         @RequestParam(defaultValue = "1000") int limit) {
        if (number != null && !number.isBlank()) {
            return sim.cdr(number.trim());
        }
        return sim.latestCdr(Math.clamp(limit, 1, MAX_RECORDS));
    }

    @GetMapping("/fate")
    FateAnswer fate(@RequestParam String number) {
        String n = number.trim();
        return new FateAnswer(n, sim.fateOf(n), sim.operatorOf(n));
    }

    @GetMapping("/numbers")
    List<String> numbers(@RequestParam String fate, @RequestParam(defaultValue = "10") int count) {
        if (count < 1 || count > MAX_RECORDS) {
            throw new BadParameter("count must be between 1 and " + MAX_RECORDS);
        }
        return sim.numbersWithFate(parseFate(fate), count);
    }

    @ExceptionHandler({BadParameter.class, IllegalArgumentException.class})
    ResponseEntity<ProblemDetail> badParameter(RuntimeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setProperty("code", "malformed_request");
        return ResponseEntity.badRequest().body(problem);
    }

    private static NumberFate parseFate(String fate) {
        try {
            return NumberFate.valueOf(fate.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new BadParameter("unknown fate '" + fate + "'; one of " + Arrays.toString(NumberFate.values()));
        }
    }

    record FateAnswer(String number, NumberFate fate, String operator) {
    }

    private static final class BadParameter extends RuntimeException {
        BadParameter(String message) {
            super(message);
        }
    }
}
