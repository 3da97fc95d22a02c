package io.codac.sim.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.codac.sim.domain.NetworkFixture.PDD;
import static org.assertj.core.api.Assertions.assertThat;

/** The carrier's records filtered by number, trunk and time, and the double-dial counters per number. */
class CallRecordsTest {

    private final NetworkFixture f = new NetworkFixture();

    @Test
    void recordsAreFilteredByNumberTrunkAndStartTime() {
        Instant t0 = f.time.instant();
        String number = f.numberWith(NumberFate.UNALLOCATED);
        f.originate("srv1", "a", number, "t1");
        f.time.advance(Duration.ofSeconds(1));
        f.originate("srv2", "b", number, "t2");
        f.originate("srv2", "c", f.numberWith(NumberFate.BUSY), "t2");
        f.time.advance(Duration.ofSeconds(1));
        f.originate("srv1", "d", f.numberWith(NumberFate.BUSY), "t1");
        f.time.advance(PDD);

        assertThat(ids(CdrQuery.all(100).trunk("t2"))).containsExactly("b", "c");
        assertThat(ids(CdrQuery.all(100).number(number))).containsExactly("a", "b");
        assertThat(ids(CdrQuery.all(100).number(number.substring(1)).trunk("t1"))).containsExactly("a");
        assertThat(ids(CdrQuery.all(100).since(t0.plusSeconds(1)))).containsExactly("b", "c", "d");
        assertThat(ids(CdrQuery.all(100).since(t0.plusSeconds(1)).until(t0.plusSeconds(2)))).containsExactly("b", "c");
        assertThat(ids(CdrQuery.all(2))).as("the newest, oldest first").containsExactly("c", "d");
        assertThat(ids(CdrQuery.all(100).trunk("slow"))).isEmpty();
        assertThat(ids(CdrQuery.all(100).number("+910000000000"))).isEmpty();
    }

    @Test
    void theCountersCountOriginatesAndSeparatelyTheNumbersConcerned() {
        String tripled = f.numberWith(NumberFate.RINGS_NO_ANSWER);
        f.originate("srv1", "a1", tripled, "t1");
        f.originate("srv1", "a2", tripled, "t1");
        f.originate("srv2", "a3", tripled, "t2");

        SimStats stats = f.network.stats();
        assertThat(stats.concurrentDoubleDials()).isEqualTo(2);
        assertThat(stats.numbersDialedConcurrently()).isEqualTo(1);

        f.time.advance(PDD);
        f.network.hangup("srv1", "a1", 16);
        f.network.hangup("srv1", "a2", 16);
        f.network.hangup("srv2", "a3", 16);
        f.originate("srv2", "b1", tripled, "t2");
        f.network.hangup("srv2", "b1", 16);
        f.originate("srv2", "b2", tripled, "t2");

        stats = f.network.stats();
        assertThat(stats.redialsAfterAlerting()).isEqualTo(2);
        assertThat(stats.numbersRedialedAfterAlerting()).isEqualTo(1);
    }

    private java.util.List<String> ids(CdrQuery query) {
        return f.network.cdr(query).stream().map(CallRecord::channelId).toList();
    }
}
