package io.codac.scheduler.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a partly processed poll reports to the error handler: the first record not processed, never one after it. */
class PollProgressTest {

    private final List<ConsumerRecord<String, String>> records = IntStream.range(0, 5)
            .mapToObj(i -> new ConsumerRecord<>("t", 0, 100 + i, "k" + i, "v" + i)).toList();

    @Test
    void aWhollyProcessedPollReportsNothing() {
        var poll = new PollProgress(5);
        assertThat(poll.run(List.of(0, 2), () -> { })).isTrue();
        assertThat(poll.run(List.of(1, 3, 4), () -> { })).isTrue();

        assertThatCode(() -> poll.throwIfIncomplete(-1, null, records)).doesNotThrowAnyException();
    }

    @Test
    void aFailedStepIsReportedAtItsFirstRecordThoughLaterOnesWereDone() {
        var poll = new PollProgress(5);
        var failure = new IllegalStateException("database down");
        assertThat(poll.run(List.of(0), () -> { })).isTrue();
        assertThat(poll.run(List.of(1, 3), () -> {
            throw failure;
        })).isFalse();
        poll.run(List.of(2, 4), () -> { });

        assertThatThrownBy(() -> poll.throwIfIncomplete(-1, null, records))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, e -> {
                    assertThat(e.getIndex()).isEqualTo(1);
                    assertThat(e.getCause()).isSameAs(failure);
                });
    }

    @Test
    void anUndecodableRecordIsReportedOnceEverythingBeforeItWasDone() {
        var poll = new PollProgress(5);
        var undecodable = new IllegalArgumentException("not JSON");
        poll.run(List.of(0, 1, 2), () -> { });

        assertThatThrownBy(() -> poll.throwIfIncomplete(3, undecodable, records))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, e -> {
                    assertThat(e.getIndex()).isEqualTo(3);
                    assertThat(e.getCause()).isSameAs(undecodable);
                });
    }

    @Test
    void aFailureBeforeAnUndecodableRecordIsReportedFirst() {
        var poll = new PollProgress(5);
        var failure = new IllegalStateException("database down");
        poll.run(List.of(0), () -> { });
        poll.run(List.of(1), () -> {
            throw failure;
        });

        assertThatThrownBy(() -> poll.throwIfIncomplete(3, new IllegalArgumentException("not JSON"), records))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, e -> assertThat(e.getIndex()).isEqualTo(1));
    }

    @Test
    void stepsOnManyThreadsAreAllRecorded() throws Exception {
        var poll = new PollProgress(200);
        var threads = new ArrayList<Thread>();
        for (int t = 0; t < 4; t++) {
            int first = t * 50;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = first; i < first + 50; i++) {
                    poll.run(List.of(i), () -> { });
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        var many = IntStream.range(0, 200).mapToObj(i -> new ConsumerRecord<>("t", 0, i, "k", "v")).toList();

        assertThatCode(() -> poll.throwIfIncomplete(-1, null, many)).doesNotThrowAnyException();
    }
}
