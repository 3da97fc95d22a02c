package io.codac.sim.domain;

/** Where the network's channel events go (the ARI servers' event sockets). Must not block. */
@FunctionalInterface
public interface ChannelEventSink {

    void publish(ChannelEvent event);
}
