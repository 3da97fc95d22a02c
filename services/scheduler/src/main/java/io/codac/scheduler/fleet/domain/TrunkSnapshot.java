package io.codac.scheduler.fleet.domain;

/**
 * One trunk for the operations API: its contract, what its server's share allows now, and this instance's use.
 *
 * @param allowedChannels  contract × the server's capacity share (0 when the server takes no new work)
 * @param allowedCps       the same for calls per second
 * @param inFlight         this instance's attempts on the trunk that have not ended
 * @param startsLastSecond this instance's dispatches to the trunk within the sliding one-second window
 * @param fleetChannelsHeld channels held by every scheduler instance (the shared ledger's last reading; 0 if stale)
 * @param fleetStartsLastSecond calls started by every instance in the last second (same reading)
 */
public record TrunkSnapshot(String trunkId, String serverId, int contractChannels, int contractCps,
                            int allowedChannels, int allowedCps, int inFlight, int startsLastSecond,
                            int fleetChannelsHeld, int fleetStartsLastSecond) {
}
