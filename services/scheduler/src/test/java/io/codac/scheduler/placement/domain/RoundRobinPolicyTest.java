package io.codac.scheduler.placement.domain;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.codac.scheduler.placement.domain.Candidates.anyRequest;
import static io.codac.scheduler.placement.domain.Candidates.chosen;
import static io.codac.scheduler.placement.domain.Candidates.of;
import static io.codac.scheduler.placement.domain.Candidates.request;
import static io.codac.scheduler.placement.domain.Candidates.trunk;
import static org.assertj.core.api.Assertions.assertThat;

class RoundRobinPolicyTest {

    private final RoundRobinPolicy policy = new RoundRobinPolicy();

    private List<String> choices(int count, List<TrunkCandidate> candidates) {
        var chosen = new ArrayList<String>();
        for (int i = 0; i < count; i++) {
            chosen.add(chosen(policy.choose(anyRequest(), candidates)));
        }
        return chosen;
    }

    @Test
    void trunksAreTakenInRotation() {
        assertThat(choices(7, of(trunk("t1"), trunk("t2"), trunk("t3"))))
                .containsExactly("t1", "t2", "t3", "t1", "t2", "t3", "t1");
    }

    @Test
    void aTrunkWithoutHeadroomIsSkippedAndTheRotationGoesOn() {
        assertThat(choices(4, of(trunk("t1"), trunk("full").inUse(10), trunk("hot").startsLastSecond(10), trunk("t4"))))
                .containsExactly("t1", "t4", "t1", "t4");
    }

    @Test
    void trunksOfDeadServersAreSkipped() {
        assertThat(choices(3, of(trunk("dead").dead(), trunk("t2"), trunk("t3"))))
                .containsExactly("t2", "t3", "t2");
    }

    @Test
    void aRampingServerIsHeldToItsShare() {
        var decision = policy.choose(anyRequest(), of(trunk("t1").contract(100, 10).share(0.2).inUse(2)));

        assertThat(decision).isEqualTo(new NoPlacement(NoPlacementReason.CHANNELS_FULL));
    }

    @Test
    void itIgnoresRouteHealthAndTheTrunksToAvoid() {
        var candidates = of(trunk("broken").route(1000, 0), trunk("good").route(1000, 900));

        assertThat(chosen(policy.choose(request("op", "broken"), candidates))).isEqualTo("broken");
        assertThat(chosen(policy.choose(request("op", "broken"), candidates))).isEqualTo("good");
    }

    @Test
    void noPlacementReasonsAreTheSameAsOurs() {
        assertThat(policy.choose(anyRequest(), List.of())).isEqualTo(new NoPlacement(NoPlacementReason.NO_LIVE_SERVER));
        assertThat(policy.choose(anyRequest(), of(trunk("d").dead())))
                .isEqualTo(new NoPlacement(NoPlacementReason.NO_LIVE_SERVER));
        assertThat(policy.choose(anyRequest(), of(trunk("full").inUse(10), trunk("d").dead())))
                .isEqualTo(new NoPlacement(NoPlacementReason.CHANNELS_FULL));
        assertThat(policy.choose(anyRequest(), of(trunk("full").inUse(10), trunk("hot").startsLastSecond(10))))
                .isEqualTo(new NoPlacement(NoPlacementReason.CPS_LIMIT));
    }

    @Test
    void concurrentCallersShareOneRotation() throws Exception {
        var candidates = of(trunk("t1"), trunk("t2"), trunk("t3"), trunk("t4"));
        var counts = new ConcurrentHashMap<String, AtomicInteger>();
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(4);
        for (int thread = 0; thread < 4; thread++) {
            pool.submit(() -> {
                start.await();
                for (int i = 0; i < 250; i++) {
                    counts.computeIfAbsent(chosen(policy.choose(anyRequest(), candidates)), k -> new AtomicInteger())
                            .incrementAndGet();
                }
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(counts.keySet()).isEqualTo(Set.of("t1", "t2", "t3", "t4"));
        assertThat(counts.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(250));
    }
}
