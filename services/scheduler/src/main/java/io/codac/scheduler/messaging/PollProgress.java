package io.codac.scheduler.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.BatchListenerFailedException;

import java.util.List;

/**
 * Which records of a poll were processed. Processing may fail part-way (the database down): the records before the
 * first unprocessed one are reported done — their offsets are committed — and the error handler retries from it;
 * what was done after it is done again, harmlessly (every step is idempotent).
 */
final class PollProgress {

    private final boolean[] done;
    private volatile RuntimeException failure;

    PollProgress(int size) {
        done = new boolean[size];
    }

    /** Runs the step for the records at these indexes; false if it failed (they stay unprocessed). */
    boolean run(List<Integer> indexes, Runnable step) {
        if (indexes.isEmpty()) {
            return true;
        }
        try {
            step.run();
        } catch (RuntimeException e) {
            failure = e;
            return false;
        }
        synchronized (done) {
            indexes.forEach(i -> done[i] = true);
        }
        return true;
    }

    void throwIfIncomplete(int undecodable, RuntimeException undecodableCause,
                           List<ConsumerRecord<String, String>> records) {
        synchronized (done) {
            int limit = undecodable >= 0 ? undecodable : done.length;
            for (int i = 0; i < limit; i++) {
                if (!done[i]) {
                    throw failedAt(i, failure, records);
                }
            }
        }
        if (undecodable >= 0) {
            throw failedAt(undecodable, undecodableCause, records);
        }
    }

    private static BatchListenerFailedException failedAt(int index, RuntimeException cause,
                                                         List<ConsumerRecord<String, String>> records) {
        ConsumerRecord<String, String> record = records.get(index);
        String why = cause == null ? "not processed" : cause.getMessage();
        return new BatchListenerFailedException("record " + record.topic() + "-" + record.partition() + "@"
                + record.offset() + " failed: " + why, cause, index);
    }
}
