package io.codac.sim.domain;

import java.util.List;
import java.util.Map;

/**
 * An ARI originate on one server.
 *
 * @param channelId      the id the caller chose, or {@code null} for a generated one
 * @param endpoint       {@code PJSIP/<number>@<trunk>}
 * @param timeoutSeconds give up dialing after this long; {@code null} means Asterisk's default of 30, -1 none
 */
public record OriginateRequest(String serverId, String channelId, String endpoint, String app, List<String> appArgs,
                               String callerId, Integer timeoutSeconds, Map<String, String> variables) {

    public static final int DEFAULT_TIMEOUT_SECONDS = 30;

    public OriginateRequest {
        appArgs = appArgs == null ? List.of() : List.copyOf(appArgs);
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }

    public static OriginateRequest of(String serverId, String channelId, String endpoint, String app) {
        return new OriginateRequest(serverId, channelId, endpoint, app, List.of(), null, null, Map.of());
    }
}
