package io.codac.contracts.domain;

import java.util.HashSet;
import java.util.List;

/** One telephony server (an Asterisk) of the fleet, its ARI endpoint, its trunks and its inbound DIDs. */
public record TelephonyServer(String id, AriEndpoint ari, List<Trunk> trunks, List<String> dids) {

    public TelephonyServer {
        Trunk.requireId(id, "server");
        if (ari == null) {
            throw new FleetValidationException("server " + id + ": no ari endpoint");
        }
        trunks = trunks == null ? List.of() : List.copyOf(trunks);
        dids = dids == null ? List.of() : List.copyOf(dids);
        if (trunks.isEmpty()) {
            throw new FleetValidationException("server " + id + ": at least one trunk is required");
        }
        var seen = new HashSet<String>();
        for (Trunk trunk : trunks) {
            if (!seen.add(trunk.id())) {
                throw new FleetValidationException("server " + id + ": trunk " + trunk.id() + " is listed twice");
            }
        }
        for (String did : dids) {
            if (did == null || !did.matches("\\+[1-9][0-9]{6,14}")) {
                throw new FleetValidationException("server " + id + ": DID '" + did + "' is not an E.164 number");
            }
        }
    }
}
