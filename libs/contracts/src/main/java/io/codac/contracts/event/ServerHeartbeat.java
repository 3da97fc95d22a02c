package io.codac.contracts.event;

import java.time.Instant;
import java.util.List;

/** A dialer adapter's periodic report on its server and trunks (fleet telemetry). Keyed by server. */
public record ServerHeartbeat(
        String eventId,
        Instant occurredAt,
        String serverId,
        ServerState state,
        List<TrunkUsage> trunks) implements CodacEvent {

    public ServerHeartbeat {
        trunks = trunks == null ? List.of() : List.copyOf(trunks);
    }

    @Override
    public String key() {
        return serverId;
    }
}
