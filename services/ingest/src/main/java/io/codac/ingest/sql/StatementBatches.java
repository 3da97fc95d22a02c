package io.codac.ingest.sql;

import io.codac.ingest.domain.SmartBatcher;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code codac.ingest.statement.batch.size{statement}}: how many requests shared each batched statement
 * ({@link SmartBatcher}). Near 1, the gateway is lightly loaded; growing towards
 * {@code codac.ingest.statement-batching.max-batch-size}, the database is the bottleneck.
 */
public final class StatementBatches {

    public static final String METRIC = "codac.ingest.statement.batch.size";

    private StatementBatches() {
    }

    /** {@code execution}, recording the size of each batch it runs under {@code statement}. */
    public static <I, R> SmartBatcher.Execution<I, R> measured(MeterRegistry meters, String statement,
                                                               SmartBatcher.Execution<I, R> execution) {
        DistributionSummary sizes = DistributionSummary.builder(METRIC)
                .description("requests sharing one batched SQL statement")
                .tag("statement", statement)
                .register(meters);
        return batch -> {
            sizes.record(batch.size());
            return execution.run(batch);
        };
    }
}
