package io.codac.scenario;

import java.time.Instant;

/**
 * The instants of one policy's run, as they happened.
 *
 * @param simStarted  the simulator's trunks exist from here
 * @param start       the first counted request
 * @param hotBatch    the big client's batch was published
 * @param degraded    the route degraded ({@code null} if the run ended before)
 * @param degradedOperator the destination operator of the degraded route
 * @param killed      the server died ({@code null} if the run ended before)
 * @param trafficEnd  the last steady request
 * @param end         results stopped being awaited
 */
record Timeline(Instant simStarted, Instant start, Instant hotBatch, Instant degraded, String degradedOperator,
                Instant killed,
                Instant trafficEnd, Instant end) {
}
