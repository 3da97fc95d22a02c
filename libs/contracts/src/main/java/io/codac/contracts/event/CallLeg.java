package io.codac.contracts.event;

/** Who a call event is about: the attempt (= ARI channel id), its verification, number, trunk and server. */
public record CallLeg(String attemptId, String verificationId, String phoneNumber, String trunkId, String serverId) {
}
