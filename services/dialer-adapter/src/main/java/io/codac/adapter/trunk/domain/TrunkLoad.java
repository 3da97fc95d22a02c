package io.codac.adapter.trunk.domain;

/** A trunk's use against its contract at one instant, for telemetry. */
public record TrunkLoad(String trunkId, int liveChannels, int maxChannels, int callsInLastSecond, int cpsLimit) {
}
