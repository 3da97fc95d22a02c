package io.codac.sim.ari;

import ch.loway.oss.ari4java.ARI;
import ch.loway.oss.ari4java.AriVersion;
import ch.loway.oss.ari4java.generated.models.ChannelDestroyed;
import ch.loway.oss.ari4java.generated.models.ChannelHangupRequest;
import ch.loway.oss.ari4java.generated.models.ChannelStateChange;
import ch.loway.oss.ari4java.generated.models.Dial;
import ch.loway.oss.ari4java.generated.models.Message;
import ch.loway.oss.ari4java.generated.models.StasisEnd;
import ch.loway.oss.ari4java.generated.models.StasisStart;
import ch.loway.oss.ari4java.tools.AriCallback;
import ch.loway.oss.ari4java.tools.RestException;
import ch.loway.oss.ari4java.tools.http.NettyHttpClient;
import io.codac.contracts.domain.AriEndpoint;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;

/**
 * A dialer adapter's view of one simulated server, through ari4java itself: it owns its Netty client (see
 * STACK.md: {@code ARI.cleanup()} leaks threads when the server is gone) and records every event it receives.
 */
final class AriTestClient implements AutoCloseable {

    final ARI ari;
    private final NettyHttpClient http;
    private final List<Message> events = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();

    private AriTestClient(ARI ari, NettyHttpClient http) {
        this.ari = ari;
        this.http = http;
    }

    /** Connects over HTTP only (no event socket). */
    static AriTestClient http(AriEndpoint endpoint, String password) throws Exception {
        var http = new NettyHttpClient();
        http.initialize(endpoint.url(), endpoint.username(), password);
        var ari = new ARI();
        ari.setAppName(endpoint.app());
        ari.setHttpClient(http);
        ari.setWsClient(http);
        ari.setVersion(AriVersion.ARI_8_0_0);
        return new AriTestClient(ari, http);
    }

    /** Connects and opens the application's event socket; returns once the application is registered. */
    static AriTestClient connect(AriEndpoint endpoint) throws Exception {
        AriTestClient client = http(endpoint, endpoint.password());
        client.ari.eventsCallback(new AriCallback<>() {
            @Override
            public void onSuccess(Message message) {
                client.events.add(message);
            }

            @Override
            public void onFailure(RestException e) {
                client.failures.add(e.toString());
            }
        });
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> client.ari.applications().get(endpoint.app()).execute() != null);
        return client;
    }

    List<Message> eventsFor(String channelId) {
        return events.stream().filter(m -> channelId.equals(channelIdOf(m))).toList();
    }

    <T extends Message> List<T> eventsFor(String channelId, Class<T> type) {
        return eventsFor(channelId).stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<String> failures() {
        return failures;
    }

    /** The channel's {@code ChannelDestroyed}, once it has arrived. */
    Optional<ChannelDestroyed> destroyed(String channelId) {
        return eventsFor(channelId, ChannelDestroyed.class).stream().findFirst();
    }

    /** The channel's {@code Dial} statuses, in the order the callback saw them. */
    List<String> dialStatuses(String channelId) {
        return eventsFor(channelId, Dial.class).stream().map(Dial::getDialstatus).toList();
    }

    /** Whether the application is registered on the server, i.e. this client's event socket is connected. */
    boolean registered() {
        try {
            return ari.applications().get(ari.getAppName()).execute() != null;
        } catch (Exception e) {
            return false;
        }
    }

    static String channelIdOf(Message m) {
        return switch (m) {
            case ChannelStateChange e -> e.getChannel().getId();
            case ChannelDestroyed e -> e.getChannel().getId();
            case ChannelHangupRequest e -> e.getChannel().getId();
            case StasisStart e -> e.getChannel().getId();
            case StasisEnd e -> e.getChannel().getId();
            case Dial e -> e.getPeer().getId();
            default -> null;
        };
    }

    @Override
    public void close() {
        http.destroy();
    }
}
