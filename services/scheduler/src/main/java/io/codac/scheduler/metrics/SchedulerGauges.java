package io.codac.scheduler.metrics;

import io.codac.scheduler.fleet.domain.FleetView;
import io.codac.scheduler.fleet.domain.TrunkSnapshot;
import io.codac.scheduler.verification.WaitingLine;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gauges of what waits and what is free, refreshed by the sweep (at most once a second):
 * <ul>
 *   <li>{@code codac.scheduler.queue.depth} — verifications in this instance's waiting line;
 *       {@code codac.scheduler.queue.depth.client{client}} — the same per client;</li>
 *   <li>{@code codac.scheduler.trunk.headroom.channels{trunk}} / {@code .cps{trunk}} — what the trunk's allowed
 *       share leaves free, counting every instance's use (the shared ledger's last reading) or this instance's,
 *       whichever is larger.</li>
 * </ul>
 */
public final class SchedulerGauges {

    private static final Duration EVERY = Duration.ofSeconds(1);

    private final WaitingLine line;
    private final FleetView fleet;
    private final Clock clock;
    private final MultiGauge depthByClient;
    private final MultiGauge channelHeadroom;
    private final MultiGauge cpsHeadroom;
    private Instant lastUpdate;

    public SchedulerGauges(MeterRegistry registry, WaitingLine line, FleetView fleet, Clock clock) {
        this.line = line;
        this.fleet = fleet;
        this.clock = clock;
        Gauge.builder("codac.scheduler.queue.depth", line, WaitingLine::size)
                .description("verifications waiting in this instance's line").register(registry);
        depthByClient = MultiGauge.builder("codac.scheduler.queue.depth.client")
                .description("verifications waiting in this instance's line, by client").register(registry);
        channelHeadroom = MultiGauge.builder("codac.scheduler.trunk.headroom.channels")
                .description("channels the trunk's allowed share leaves free").register(registry);
        cpsHeadroom = MultiGauge.builder("codac.scheduler.trunk.headroom.cps")
                .description("calls per second the trunk's allowed share leaves free").register(registry);
    }

    public synchronized void updateIfDue() {
        Instant now = clock.instant();
        if (lastUpdate != null && now.isBefore(lastUpdate.plus(EVERY))) {
            return;
        }
        lastUpdate = now;
        List<MultiGauge.Row<?>> depths = new ArrayList<>();
        for (Map.Entry<String, Integer> client : line.sizesByClient().entrySet()) {
            depths.add(MultiGauge.Row.of(Tags.of("client", client.getKey()), client.getValue()));
        }
        depthByClient.register(depths, true);
        List<MultiGauge.Row<?>> channels = new ArrayList<>();
        List<MultiGauge.Row<?>> cps = new ArrayList<>();
        for (TrunkSnapshot trunk : fleet.headroom()) {
            Tags tags = Tags.of("trunk", trunk.trunkId(), "server", trunk.serverId());
            int used = Math.max(trunk.inFlight(), trunk.fleetChannelsHeld());
            int started = Math.max(trunk.startsLastSecond(), trunk.fleetStartsLastSecond());
            channels.add(MultiGauge.Row.of(tags, Math.max(0, trunk.allowedChannels() - used)));
            cps.add(MultiGauge.Row.of(tags, Math.max(0, trunk.allowedCps() - started)));
        }
        channelHeadroom.register(channels, true);
        cpsHeadroom.register(cps, true);
    }
}
