package io.codac.scheduler.messaging;

import io.codac.contracts.json.EventCodec;
import io.codac.contracts.topic.Topics;
import io.codac.scheduler.fleet.domain.FleetView;
import io.codac.scheduler.verification.AcceptingRequests;
import io.codac.scheduler.verification.DialCommandPublisher;
import io.codac.scheduler.verification.FollowingCalls;
import io.codac.scheduler.verification.ResultPublisher;
import io.codac.support.EventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/** The Kafka side of the scheduler, wired explicitly: its adapters stay package-private. */
@Configuration(proxyBeanMethods = false)
public class MessagingConfiguration {

    /** Longer than the producer's delivery timeout (30 s), so a send fails by its own verdict, not ours. */
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(35);

    @Bean
    DialCommandPublisher dialCommandPublisher(EventPublisher publisher, Topics topics) {
        return new KafkaDialCommandPublisher(publisher, topics, ACK_TIMEOUT);
    }

    @Bean
    ResultPublisher resultPublisher(EventPublisher publisher, Topics topics) {
        return new KafkaResultPublisher(publisher, topics, ACK_TIMEOUT);
    }

    @Bean
    SchedulerListeners schedulerListeners(EventCodec codec, AcceptingRequests accepting, FollowingCalls following) {
        return new SchedulerListeners(codec, accepting, following);
    }

    @Bean
    TelemetryListener telemetryListener(EventCodec codec, FleetView fleet) {
        return new TelemetryListener(codec, fleet);
    }
}
