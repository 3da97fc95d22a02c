package io.codac.adapter.dialing;

import io.codac.adapter.call.domain.InboundCalls;
import io.codac.contracts.domain.PhoneNumberMask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out {@link InboundCalls}' decision for a shopper's missed call: the rejection goes first (the
 * shopper's phone must hear busy at once, whatever Kafka is doing), then the report is queued in the
 * {@link CallEventOutbox}, which retries it until the broker has it.
 */
public final class InboundCallHandler {

    private static final Logger log = LoggerFactory.getLogger(InboundCallHandler.class);

    private final InboundCalls inboundCalls;
    private final Switchboard switchboard;
    private final CallEventOutbox events;
    private final DialingMetrics metrics;

    public InboundCallHandler(InboundCalls inboundCalls, Switchboard switchboard, CallEventOutbox events,
                              DialingMetrics metrics) {
        this.inboundCalls = inboundCalls;
        this.switchboard = switchboard;
        this.events = events;
        this.metrics = metrics;
    }

    public void arrived(String channelId, String callerNumber, String did) {
        InboundCalls.Arrival arrival = inboundCalls.arrived(channelId, callerNumber, did);
        switchboard.reject(channelId, InboundCalls.REJECT_REASON);
        arrival.report().ifPresentOrElse(event -> {
            log.info("inbound call {} from {} to {}: rejected busy, reported", channelId,
                    PhoneNumberMask.mask(event.leg().phoneNumber()), event.did());
            events.publish(event);
        }, () -> log.warn("inbound call {} from {} to {}: rejected busy, not reported: {}", channelId,
                PhoneNumberMask.mask(callerNumber), did, arrival.notReported()));
        metrics.inboundCall(arrival.report().isPresent());
    }
}
