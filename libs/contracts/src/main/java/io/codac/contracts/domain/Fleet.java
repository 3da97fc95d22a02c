package io.codac.contracts.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole fleet, validated when built: unique server and trunk ids, unique DIDs, and dial-command
 * partitions numbered 0..n-1 with one trunk each, so that a trunk's partition is its private queue.
 */
public record Fleet(List<TelephonyServer> servers) {

    public Fleet {
        servers = servers == null ? List.of() : List.copyOf(servers);
        if (servers.isEmpty()) {
            throw new FleetValidationException("the fleet has no servers");
        }
        var serverIds = new HashSet<String>();
        var trunkIds = new HashSet<String>();
        var partitions = new HashMap<Integer, String>();
        var dids = new HashSet<String>();
        for (TelephonyServer server : servers) {
            if (!serverIds.add(server.id())) {
                throw new FleetValidationException("server " + server.id() + " is listed twice");
            }
            for (Trunk trunk : server.trunks()) {
                if (!trunkIds.add(trunk.id())) {
                    throw new FleetValidationException("trunk " + trunk.id() + " belongs to more than one server");
                }
                String previous = partitions.putIfAbsent(trunk.partition(), trunk.id());
                if (previous != null) {
                    throw new FleetValidationException("trunks " + previous + " and " + trunk.id()
                            + " share dial-command partition " + trunk.partition());
                }
            }
            for (String did : server.dids()) {
                if (!dids.add(did)) {
                    throw new FleetValidationException("DID " + did + " is listed on more than one server");
                }
            }
        }
        for (int p = 0; p < partitions.size(); p++) {
            if (!partitions.containsKey(p)) {
                throw new FleetValidationException("dial-command partitions must be numbered 0.." + (partitions.size() - 1)
                        + " without gaps; partition " + p + " has no trunk");
            }
        }
    }

    public List<Trunk> trunks() {
        var all = new ArrayList<Trunk>();
        servers.forEach(server -> all.addAll(server.trunks()));
        return all;
    }

    /** The number of partitions the dial-command topic needs: one per trunk. */
    public int dialCommandPartitions() {
        return trunks().size();
    }

    public Optional<TelephonyServer> server(String serverId) {
        return servers.stream().filter(s -> s.id().equals(serverId)).findFirst();
    }

    public Optional<Trunk> trunk(String trunkId) {
        return trunks().stream().filter(t -> t.id().equals(trunkId)).findFirst();
    }

    public TelephonyServer serverOf(String trunkId) {
        return servers.stream()
                .filter(s -> s.trunks().stream().anyMatch(t -> t.id().equals(trunkId)))
                .findFirst()
                .orElseThrow(() -> new FleetValidationException("no server owns trunk " + trunkId));
    }

    public List<String> dids() {
        var all = new ArrayList<String>();
        servers.forEach(server -> all.addAll(server.dids()));
        return all;
    }

    /** Trunk id by dial-command partition. */
    public Map<Integer, Trunk> trunksByPartition() {
        var byPartition = new HashMap<Integer, Trunk>();
        trunks().forEach(t -> byPartition.put(t.partition(), t));
        return byPartition;
    }
}
