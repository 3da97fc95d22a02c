package io.codac.scheduler.verification;

import io.codac.contracts.domain.VerificationMethod;
import io.codac.scheduler.verification.domain.Verification;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class WaitingLineTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    private final WaitingLine line = new WaitingLine(3, 3, 1);

    @Test
    void workOfferedFirstGoesAheadOfTheFairOrderOldestFirstEvenAboveTheCapacity() {
        line.offer(queued("hot-1", "big"), Set.of());
        line.offer(queued("hot-2", "big"), Set.of());
        line.offer(queued("small-1", "small"), Set.of());
        assertThat(line.hasRoom()).isFalse();

        line.offerFirst(queued("moved-1", "big"), Set.of("t1"));
        line.offerFirst(queued("moved-2", "small"), Set.of());

        assertThat(line.size()).isEqualTo(5);
        assertThat(line.sizesByClient()).containsEntry("big", 3).containsEntry("small", 2);
        assertThat(line.poll()).get().satisfies(w -> {
            assertThat(w.verification().id()).isEqualTo("moved-1");
            assertThat(w.trunksTried()).containsExactly("t1");
        });
        assertThat(ids(5)).containsExactly("moved-2", "hot-1", "small-1", "hot-2");
        assertThat(line.isEmpty()).isTrue();
    }

    @Test
    void aVerificationOfferedFirstLeavesItsPlaceInTheFairOrderAndIsNeverThereTwice() {
        line.offer(queued("a", "big"), Set.of());
        line.offer(queued("b", "big"), Set.of());

        line.offerFirst(queued("b", "big"), Set.of());
        assertThat(line.offer(queued("b", "big"), Set.of())).as("already waiting, ahead").isTrue();

        assertThat(ids(3)).containsExactly("b", "a");
    }

    @Test
    void verificationsPutBackReturnToThePlacesTheyLeft() {
        line.offer(queued("hot-1", "big"), Set.of());
        line.offer(queued("hot-2", "big"), Set.of());
        line.offer(queued("small-1", "small"), Set.of());
        line.offerFirst(queued("moved-1", "big"), Set.of("t1"));
        List<WaitingLine.Waiting> polled = List.of(line.poll().orElseThrow(), line.poll().orElseThrow(),
                line.poll().orElseThrow());
        assertThat(polled).extracting(w -> w.verification().id()).containsExactly("moved-1", "hot-1", "small-1");
        line.offerFirst(queued("moved-2", "small"), Set.of());

        line.putBack(polled);

        assertThat(line.size()).isEqualTo(5);
        assertThat(line.poll()).get().satisfies(w -> {
            assertThat(w.verification().id()).isEqualTo("moved-1");
            assertThat(w.trunksTried()).containsExactly("t1");
            assertThat(w.first()).isTrue();
        });
        assertThat(ids(5)).containsExactly("moved-2", "small-1", "hot-1", "hot-2");
    }

    @Test
    void aVerificationOfferedFirstWhileOutOfTheLineIsNotPutBackBehind() {
        line.offer(queued("a", "big"), Set.of());
        WaitingLine.Waiting polled = line.poll().orElseThrow();
        line.offerFirst(queued("a", "big"), Set.of("t2"));

        line.putBack(List.of(polled));

        assertThat(line.size()).isOne();
        assertThat(line.poll()).get().satisfies(w -> assertThat(w.trunksTried()).containsExactly("t2"));
    }

    @Test
    void removingOrRebuildingTheLineCoversTheFrontLaneToo() {
        line.offerFirst(queued("moved", "big"), Set.of());
        line.offerFirst(queued("moved-too", "small"), Set.of());

        assertThat(line.hasWaiting("small")).isTrue();
        assertThat(line.remove("moved-too")).isTrue();
        assertThat(line.hasWaiting("small")).isFalse();

        line.replaceWith(List.of(queued("rebuilt", "big")));
        assertThat(ids(3)).containsExactly("rebuilt");
    }

    private List<String> ids(int atMost) {
        var ids = new ArrayList<String>();
        for (int i = 0; i < atMost; i++) {
            Optional<WaitingLine.Waiting> next = line.poll();
            next.ifPresent(w -> ids.add(w.verification().id()));
        }
        return ids;
    }

    private static Verification queued(String id, String client) {
        return Verification.requested(id, client, "+447700900001", VerificationMethod.FLASH_CALL, NOW,
                NOW.plusSeconds(600), NOW).queued();
    }
}
