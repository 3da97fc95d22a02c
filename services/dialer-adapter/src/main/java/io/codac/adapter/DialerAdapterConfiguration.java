package io.codac.adapter;

import ch.loway.oss.ari4java.AriVersion;
import io.codac.adapter.admin.AdminRoutes;
import io.codac.adapter.ari.AriSwitchboard;
import io.codac.adapter.call.domain.CallLegMachine;
import io.codac.adapter.call.domain.FlashCallPolicy;
import io.codac.adapter.call.domain.InboundCalls;
import io.codac.adapter.dialing.AttemptClaims;
import io.codac.adapter.dialing.CallEventOutbox;
import io.codac.adapter.dialing.CallEventSink;
import io.codac.adapter.dialing.DialCommandHandler;
import io.codac.adapter.dialing.DialingMetrics;
import io.codac.adapter.dialing.Drain;
import io.codac.adapter.dialing.InboundCallHandler;
import io.codac.adapter.dialing.LiveCalls;
import io.codac.adapter.dialing.OpenAttempts;
import io.codac.adapter.dialing.Reconciler;
import io.codac.adapter.dialing.Trunks;
import io.codac.adapter.fleet.FleetFileWatcher;
import io.codac.adapter.kafka.DialCommandConsumer;
import io.codac.adapter.kafka.DialCommandPartitions;
import io.codac.contracts.phone.DestinationOperators;
import io.codac.adapter.kafka.KafkaCallEventSink;
import io.codac.adapter.redis.RedisAttemptClaims;
import io.codac.adapter.redis.RedisOpenAttempts;
import io.codac.adapter.telemetry.HeartbeatPublisher;
import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.TelephonyServer;
import io.codac.contracts.domain.Trunk;
import io.codac.contracts.event.CallEventType;
import io.codac.contracts.json.EventCodec;
import io.codac.contracts.topic.Topics;
import io.codac.support.CodacProperties;
import io.codac.support.EventPublisher;
import io.codac.support.RedisKeys;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.kafka.listener.CommonErrorHandler;
import redis.clients.jedis.JedisPooled;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Wires one adapter explicitly. Nothing here is static, so several adapters (one per server) can run in
 * one JVM as separate application contexts.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdapterProperties.class)
class DialerAdapterConfiguration {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DialerAdapterConfiguration.class);

    /** The server this adapter drives; a missing or unknown id stops the adapter at start. */
    @Bean
    TelephonyServer adapterServer(AdapterProperties properties, Fleet fleet) {
        String known = fleet.servers().stream().map(TelephonyServer::id).collect(Collectors.joining(", "));
        if (properties.serverId() == null || properties.serverId().isBlank()) {
            throw new IllegalStateException("codac.adapter.server-id is required: the id of the telephony server "
                    + "this adapter drives (the fleet has: " + known + ")");
        }
        return fleet.server(properties.serverId()).orElseThrow(() -> new IllegalStateException(
                "codac.adapter.server-id '" + properties.serverId() + "' is not in the fleet file (the fleet has: "
                        + known + ")"));
    }

    @Bean
    Clock adapterClock() {
        return Clock.systemUTC();
    }

    @Bean
    Trunks trunks(TelephonyServer adapterServer, AdapterProperties properties, Clock adapterClock) {
        return new Trunks(adapterServer, properties.cpsWindowMargin(), adapterClock);
    }

    @Bean
    DialingMetrics dialingMetrics(MeterRegistry registry, TelephonyServer adapterServer, Trunks trunks) {
        return new DialingMetrics(registry, adapterServer.id(), trunks, new DestinationOperators()::operatorOf);
    }

    @Bean(destroyMethod = "close")
    AriSwitchboard ariSwitchboard(TelephonyServer adapterServer, AdapterProperties properties) {
        return new AriSwitchboard(adapterServer.id(), adapterServer.ari(), ariVersion(properties.ariVersion()));
    }

    @Bean
    CallEventSink callEventSink(EventPublisher publisher, Topics topics) {
        return new KafkaCallEventSink(publisher, topics.callEvents());
    }

    @Bean
    CallLegMachine callLegMachine(AdapterProperties properties, TelephonyServer adapterServer, Clock adapterClock) {
        return new CallLegMachine(adapterClock, new FlashCallPolicy(properties.flashHangupDelay(),
                properties.hangupConfirmation(), properties.defaultRingTimeout())
                .withEarlyMediaRinging(earlyMediaRingingTrunks(adapterServer, properties.earlyMediaRings()),
                        properties.earlyMediaConfirmation()));
    }

    /** The server's trunks named in {@code codac.adapter.early-media-rings}, by trunk id or carrier name. */
    static Set<String> earlyMediaRingingTrunks(TelephonyServer server, List<String> trunksOrCarriers) {
        Set<String> names = trunksOrCarriers.stream().map(n -> n.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        return server.trunks().stream()
                .filter(t -> names.contains(t.id().toLowerCase(Locale.ROOT))
                        || names.contains(t.carrier().toLowerCase(Locale.ROOT)))
                .map(Trunk::id).collect(Collectors.toSet());
    }

    /** Live calls' events, retried until the broker has them. */
    @Bean(destroyMethod = "close")
    CallEventOutbox callEventOutbox(TelephonyServer adapterServer, CallEventSink callEventSink, DialingMetrics metrics,
                                    AdapterProperties properties) {
        return new CallEventOutbox(adapterServer.id(), callEventSink, metrics, properties.eventRetryBackOff(),
                properties.eventRetryMaxBackOff());
    }

    /** This server's claimed attempts whose end the broker does not have yet, in Redis beside the claims. */
    @Bean
    OpenAttempts openAttempts(JedisPooled redis, RedisKeys keys, TelephonyServer adapterServer) {
        return new RedisOpenAttempts(redis, keys, adapterServer.id());
    }

    /** The live calls; an attempt stays open until the broker has its end. */
    @Bean(destroyMethod = "close")
    LiveCalls liveCalls(TelephonyServer adapterServer, CallLegMachine machine, AriSwitchboard ariSwitchboard,
                        CallEventOutbox callEventOutbox, Trunks trunks, DialingMetrics metrics, Clock adapterClock,
                        OpenAttempts openAttempts) {
        callEventOutbox.onAcknowledged(event -> {
            if (event.type() == CallEventType.ENDED && event.leg().attemptId() != null) {
                openAttempts.forget(event.leg().attemptId());
            }
        });
        return new LiveCalls(adapterServer.id(), machine, ariSwitchboard, callEventOutbox, trunks, metrics,
                adapterClock);
    }

    /**
     * Reconciles with the server each time its event stream connects (start-up, reconnection); the stream
     * opens here, once the live calls, inbound calls and the reconciler can all receive what it says.
     */
    @Bean(destroyMethod = "close")
    Reconciler reconciler(TelephonyServer adapterServer, AriSwitchboard ariSwitchboard, OpenAttempts openAttempts,
                          LiveCalls liveCalls, CallEventOutbox callEventOutbox, DialingMetrics metrics,
                          Clock adapterClock, MeterRegistry registry) {
        var reconciler = new Reconciler(adapterServer.id(), ariSwitchboard, openAttempts, liveCalls, callEventOutbox,
                adapterClock, registry);
        ariSwitchboard.onConnected(reconciler::request);
        var inbound = new InboundCallHandler(new InboundCalls(adapterClock, adapterServer.id()), ariSwitchboard,
                callEventOutbox, metrics);
        ariSwitchboard.connect(liveCalls, inbound);
        return reconciler;
    }

    /**
     * Stops driving live calls after the command consumer stopped and before the Kafka producer closes, so
     * nothing is published into a closed producer on shutdown; the events already produced get a short
     * while to reach the broker.
     */
    @Bean
    SmartLifecycle liveCallsLifecycle(LiveCalls liveCalls, CallEventOutbox callEventOutbox,
                                      AdapterProperties properties, Drain drain) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                running = true;
            }

            @Override
            public void stop() {
                running = false;
                drain.drain();
                Duration callDrain = properties.shutdownCallDrain();
                if (!callDrain.isZero() && liveCalls.count() > 0) {
                    log.info("stopping: letting {} live call(s) end (at most {})", liveCalls.count(), callDrain);
                    try {
                        if (!liveCalls.awaitNoLiveCalls(callDrain)) {
                            log.warn("stopping with {} live call(s) after {}", liveCalls.count(), callDrain);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                liveCalls.close();
                callEventOutbox.close(properties.stopDrain());
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return SmartLifecycle.DEFAULT_PHASE - 200;
            }
        };
    }

    @Bean
    AttemptClaims attemptClaims(JedisPooled redis, RedisKeys keys, TelephonyServer adapterServer,
                                AdapterProperties properties) {
        return new RedisAttemptClaims(redis, keys, adapterServer.id(), properties.claimTtl());
    }

    /** Whether this adapter takes new calls ({@code POST /admin/drain}, {@code /admin/resume}). */
    @Bean
    Drain drain() {
        return new Drain();
    }

    @Bean
    RouterFunction<ServerResponse> adminRoutes(TelephonyServer adapterServer, Drain drain, LiveCalls liveCalls) {
        return AdminRoutes.routes(adapterServer.id(), drain, liveCalls);
    }

    @Bean
    DialCommandHandler dialCommandHandler(TelephonyServer adapterServer, Trunks trunks, AttemptClaims claims,
                                          AriSwitchboard ariSwitchboard, LiveCalls liveCalls,
                                          CallEventSink callEventSink, DialingMetrics metrics, Clock adapterClock,
                                          AdapterProperties properties, Drain drain) {
        return new DialCommandHandler(adapterServer, trunks, claims, ariSwitchboard, liveCalls, callEventSink, metrics,
                adapterClock, properties.capacityWait(), drain);
    }

    @Bean
    DialCommandConsumer dialCommandConsumer(EventCodec codec, DialCommandHandler handler) {
        return new DialCommandConsumer(codec, handler);
    }

    /** The container of this server's trunks' partitions, reassigned when the fleet file changes. */
    @Bean
    @DependsOn("reconciler")
    @SuppressWarnings("unchecked")
    DialCommandPartitions dialCommandPartitions(ConsumerFactory<?, ?> consumers, Topics topics,
                                                TelephonyServer adapterServer, DialCommandConsumer consumer,
                                                CommonErrorHandler errorHandler) {
        return new DialCommandPartitions((ConsumerFactory<String, String>) consumers, topics, adapterServer, consumer,
                errorHandler);
    }

    @Bean
    FleetFileWatcher fleetFileWatcher(CodacProperties codac, TelephonyServer adapterServer, Trunks trunks,
                                      DialingMetrics metrics, DialCommandPartitions partitions,
                                      AdapterProperties properties) {
        return new FleetFileWatcher(Path.of(codac.fleetFile()), adapterServer.id(), trunks, metrics, partitions,
                properties.fleetReloadInterval());
    }

    @Bean
    HeartbeatPublisher heartbeatPublisher(TelephonyServer adapterServer, Trunks trunks, AriSwitchboard ariSwitchboard,
                                          EventPublisher publisher, Topics topics, Clock adapterClock,
                                          AdapterProperties properties, Drain drain) {
        return new HeartbeatPublisher(adapterServer.id(), trunks, ariSwitchboard, publisher, topics.fleetTelemetry(),
                adapterClock, properties.telemetryInterval(), drain);
    }

    /** Health follows the ARI event stream: without it this adapter hands every command back. */
    @Bean
    HealthIndicator ariHealthIndicator(TelephonyServer adapterServer, AriSwitchboard ariSwitchboard) {
        return () -> (ariSwitchboard.isConnected() ? Health.up() : Health.down())
                .withDetail("server", adapterServer.id())
                .withDetail("ari", adapterServer.ari().url())
                .build();
    }

    private static AriVersion ariVersion(String name) {
        try {
            return AriVersion.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("codac.adapter.ari-version '" + name + "' is not an ari4java AriVersion ("
                    + Arrays.toString(AriVersion.values()) + ")", e);
        }
    }
}
