package io.codac.scheduler.verification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * Ids collected from the producer's acknowledgement callbacks and written to the ledger in batches by the sweep.
 * A batch that cannot be written is kept for the next sweep.
 */
final class BatchedMarks {

    private static final Logger log = LoggerFactory.getLogger(BatchedMarks.class);
    private static final int BATCH = 500;

    private final ConcurrentLinkedQueue<String> pending = new ConcurrentLinkedQueue<>();
    private final String what;
    private final Consumer<List<String>> write;

    /** @param what what a mark records, for the log ("dial command(s) marked sent") */
    BatchedMarks(String what, Consumer<List<String>> write) {
        this.what = what;
        this.write = write;
    }

    void add(String id) {
        pending.add(id);
    }

    void flush() {
        List<String> batch = new ArrayList<>();
        for (String id = pending.poll(); id != null; id = pending.poll()) {
            batch.add(id);
            if (batch.size() == BATCH) {
                write(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            write(batch);
        }
    }

    private void write(List<String> batch) {
        try {
            write.accept(batch);
        } catch (RuntimeException e) {
            pending.addAll(batch);
            log.warn("could not write {} {}: {}", batch.size(), what, e.toString());
        }
    }
}
