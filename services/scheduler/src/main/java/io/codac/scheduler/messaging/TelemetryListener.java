package io.codac.scheduler.messaging;

import io.codac.contracts.event.ServerHeartbeat;
import io.codac.contracts.json.EventCodec;
import io.codac.scheduler.fleet.domain.FleetView;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Fleet telemetry. Every scheduler instance must see every heartbeat, so this listener does not join the
 * shared group: its group id carries this instance's random id and it starts from the latest offsets (old
 * heartbeats say nothing about liveness now). Heartbeats are idempotent by nature: the newest wins, and its
 * route counters are cumulative, so one that is lost or duplicated changes nothing.
 */
class TelemetryListener {

    private final EventCodec codec;
    private final FleetView fleet;

    TelemetryListener(EventCodec codec, FleetView fleet) {
        this.codec = codec;
        this.fleet = fleet;
    }

    @KafkaListener(id = "scheduler-telemetry", topics = "#{@codacTopics.fleetTelemetry()}",
            groupId = "#{@schedulerInstance.telemetryGroup()}",
            properties = "auto.offset.reset=latest")
    void onHeartbeat(String json) {
        ServerHeartbeat heartbeat = codec.decode(json, ServerHeartbeat.class);
        fleet.heartbeatReceived(heartbeat);
    }
}
