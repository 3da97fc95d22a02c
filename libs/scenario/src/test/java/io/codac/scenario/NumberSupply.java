package io.codac.scenario;

import io.codac.sim.SimulatedFleet;
import io.codac.sim.domain.NumberFate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The scenario's numbers, drawn before the run so no traffic waits on the search: fates in the simulator's own
 * population shares (most ring, some answer, are busy, switched off, unallocated, or fail once in the network),
 * their destination operators as the numbering plan has them. With the same seed every policy gets the same
 * numbers in the same order.
 */
final class NumberSupply {

    private final List<String> numbers;
    private int next;

    private NumberSupply(List<String> numbers) {
        this.numbers = numbers;
    }

    static NumberSupply draw(SimulatedFleet sim, int count, long seed) {
        var random = new SplittableRandom(seed);
        var fates = new ArrayList<NumberFate>(count);
        var needed = new EnumMap<NumberFate, Integer>(NumberFate.class);
        for (int i = 0; i < count; i++) {
            NumberFate fate = pick(sim, random.nextDouble());
            fates.add(fate);
            needed.merge(fate, 1, Integer::sum);
        }
        var byFate = new EnumMap<NumberFate, ArrayDeque<String>>(NumberFate.class);
        needed.forEach((fate, n) -> byFate.put(fate, new ArrayDeque<>(sim.numbersWithFate(fate, n))));
        return new NumberSupply(fates.stream().map(f -> byFate.get(f).poll()).toList());
    }

    private static NumberFate pick(SimulatedFleet sim, double u) {
        double cumulative = 0;
        NumberFate last = NumberFate.RINGS_NO_ANSWER;
        for (NumberFate fate : NumberFate.values()) {
            double share = sim.settings().shares().share(fate);
            if (share <= 0) {
                continue;
            }
            cumulative += share;
            last = fate;
            if (u < cumulative) {
                return fate;
            }
        }
        return last;
    }

    synchronized String next() {
        if (next >= numbers.size()) {
            throw new IllegalStateException("the scenario ran out of its " + numbers.size() + " numbers");
        }
        return numbers.get(next++);
    }

    /** The destination operator with the most numbers in the supply: degrading its route hurts most. */
    String commonestOperator(SimulatedFleet sim) {
        var counts = new HashMap<String, Integer>();
        numbers.forEach(n -> counts.merge(sim.operatorOf(n), 1, Integer::sum));
        return counts.entrySet().stream().filter(e -> !e.getKey().isBlank()).max(Map.Entry.comparingByValue())
                .orElseThrow().getKey();
    }

    Map<String, Integer> operatorCounts(SimulatedFleet sim) {
        var counts = new HashMap<String, Integer>();
        numbers.forEach(n -> counts.merge(sim.operatorOf(n), 1, Integer::sum));
        return counts;
    }
}
