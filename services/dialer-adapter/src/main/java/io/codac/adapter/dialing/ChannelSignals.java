package io.codac.adapter.dialing;

import io.codac.adapter.call.domain.AriSignal;

/** Receives what the telephony server reports about a channel, already translated into the machine's signals. */
public interface ChannelSignals {

    void signal(String channelId, AriSignal signal);
}
