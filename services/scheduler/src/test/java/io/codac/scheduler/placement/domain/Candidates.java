package io.codac.scheduler.placement.domain;

import io.codac.contracts.domain.AriEndpoint;
import io.codac.contracts.domain.TelephonyServer;
import io.codac.contracts.domain.Trunk;

import java.util.List;
import java.util.Set;

/** Trunk candidates built by hand, so each policy test states the contract, use and route it relies on. */
final class Candidates {

    private Candidates() {
    }

    static Builder trunk(String id) {
        return new Builder(id);
    }

    static String chosen(PlacementDecision decision) {
        if (!(decision instanceof Placement placement)) {
            throw new AssertionError("expected a placement, got " + decision);
        }
        return placement.trunk().id();
    }

    static PlacementRequest request(String operator, String... avoid) {
        return new PlacementRequest("v1", "client", operator, Set.of(avoid));
    }

    static PlacementRequest anyRequest() {
        return request("");
    }

    static final class Builder {
        private final String id;
        private int cps = 10;
        private int channels = 10;
        private boolean placeable = true;
        private double share = 1.0;
        private int inUse;
        private int startsLastSecond;
        private RouteStats route = RouteStats.NONE;

        private Builder(String id) {
            this.id = id;
        }

        Builder contract(int cps, int channels) {
            this.cps = cps;
            this.channels = channels;
            return this;
        }

        Builder dead() {
            this.placeable = false;
            this.share = 0;
            return this;
        }

        /** Placeable, but its share of the contract is this (a server ramping back from the dead). */
        Builder share(double share) {
            this.share = share;
            return this;
        }

        Builder inUse(int channelsInUse) {
            this.inUse = channelsInUse;
            return this;
        }

        Builder startsLastSecond(int starts) {
            this.startsLastSecond = starts;
            return this;
        }

        /** The route to the request's operator: this many attempts, this many of them connected. */
        Builder route(double attempts, double connects) {
            this.route = new RouteStats(attempts, connects, 0);
            return this;
        }

        /** The route's last seconds: this many recent attempts, this many of them route failures. */
        Builder recent(double attempts, double routeFailures) {
            this.route = new RouteStats(route.attempts(), route.connects(), route.routeFailures(), attempts,
                    routeFailures);
            return this;
        }

        TrunkCandidate build() {
            Trunk trunk = new Trunk(id, "carrier-" + id, 0, cps, channels);
            TelephonyServer server = new TelephonyServer("srv-" + id,
                    new AriEndpoint("http://127.0.0.1:8091/", "u", "p", "a"), List.of(trunk), List.of());
            return new TrunkCandidate(trunk, server, placeable, share, inUse, startsLastSecond, route);
        }
    }

    static List<TrunkCandidate> of(Builder... builders) {
        return java.util.Arrays.stream(builders).map(Builder::build).toList();
    }
}
