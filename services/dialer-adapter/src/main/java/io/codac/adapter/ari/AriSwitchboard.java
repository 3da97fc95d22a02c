package io.codac.adapter.ari;

import ch.loway.oss.ari4java.ARI;
import ch.loway.oss.ari4java.AriVersion;
import ch.loway.oss.ari4java.generated.actions.requests.ChannelsOriginateWithIdPostRequest;
import ch.loway.oss.ari4java.generated.models.Message;
import ch.loway.oss.ari4java.tools.AriConnectionEvent;
import ch.loway.oss.ari4java.tools.AriWSCallback;
import ch.loway.oss.ari4java.tools.RestException;
import ch.loway.oss.ari4java.tools.http.NettyHttpClient;
import io.codac.adapter.call.domain.HangUpReason;
import io.codac.adapter.dialing.ChannelSignals;
import io.codac.adapter.dialing.InboundCallHandler;
import io.codac.adapter.dialing.Switchboard;
import io.codac.contracts.domain.AriEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URISyntaxException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One telephony server over ARI through ari4java, with a Netty client this class owns: ari4java's
 * {@code ARI.cleanup()} throws when the server is down and then leaks its threads, so we never call it
 * and destroy the client ourselves. ari4java's calls can throw undeclared exceptions (a
 * {@code ConnectException} from {@code execute()}), hence the broad catches.
 *
 * <p>Every HTTP request is synchronous, on a thread of ours: ari4java's asynchronous requests wait for
 * their response on a Netty event-loop thread, which can be the very loop that must read that response,
 * so they stall until the 30 s read timeout. Hang-ups therefore run on a small executor of this class.
 *
 * <p>The events WebSocket reconnects by itself (after 2 s, 5 s, then every 10 s, without limit); while it
 * is down {@link #isConnected()} is false and the adapter hands commands back instead of dialing blind.
 */
public final class AriSwitchboard implements Switchboard, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AriSwitchboard.class);

    private final String serverId;
    private final AriEndpoint endpoint;
    private final AriEventTranslator translator = new AriEventTranslator();
    private final NettyHttpClient client;
    private final ARI ari;
    private final ExecutorService hangUps;
    private final AtomicBoolean connected = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Runnable onConnected = () -> {
    };

    public AriSwitchboard(String serverId, AriEndpoint endpoint, AriVersion version) {
        this.serverId = serverId;
        this.endpoint = endpoint;
        this.client = new NettyHttpClient();
        try {
            client.initialize(endpoint.url(), endpoint.username(), endpoint.password());
        } catch (URISyntaxException | RuntimeException e) {
            client.destroy();
            throw new IllegalArgumentException("server " + serverId + ": bad ARI url " + endpoint.url(), e);
        }
        client.setMaxReconnectCount(-1);
        this.ari = new ARI();
        ari.setAppName(endpoint.app());
        ari.setHttpClient(client);
        ari.setWsClient(client);
        ari.setVersion(version);
        this.hangUps = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "ari-hangups-" + serverId);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Opens the events WebSocket; from then on every channel event of our application reaches {@code signals}. */
    public void connect(ChannelSignals signals, InboundCallHandler inbound) {
        try {
            ari.events().eventWebsocket(endpoint.app()).execute(new AriWSCallback<Message>() {
                @Override
                public void onSuccess(Message message) {
                    translator.translate(message).ifPresent(s -> signals.signal(s.channelId(), s.signal()));
                    translator.inbound(message).ifPresent(
                            call -> inbound.arrived(call.channelId(), call.callerNumber(), call.did()));
                }

                @Override
                public void onFailure(RestException e) {
                    log.debug("server {}: ARI event stream: {}", serverId, e.getMessage());
                }

                @Override
                public void onConnectionEvent(AriConnectionEvent event) {
                    boolean up = event == AriConnectionEvent.WS_CONNECTED;
                    if (connected.getAndSet(up) != up && !closed.get()) {
                        log.info("server {}: ARI event stream {} ({})", serverId, up ? "connected" : "lost",
                                endpoint.url());
                        if (up) {
                            onConnected.run();
                        }
                    }
                }
            });
        } catch (Exception e) {
            // Only a programming error reaches here (the connection itself is asynchronous and retried).
            throw new IllegalStateException("server " + serverId + ": cannot open the ARI event stream", e);
        }
    }

    /**
     * Runs {@code listener} each time the event stream (re)connects, on ari4java's event-loop thread: it must
     * hand any request to the server over to a thread of its own.
     */
    public void onConnected(Runnable listener) {
        this.onConnected = listener;
    }

    @Override
    public java.util.Optional<java.util.Map<String, String>> liveChannels() {
        if (closed.get()) {
            return java.util.Optional.empty();
        }
        try {
            var channels = new java.util.HashMap<String, String>();
            for (var channel : ari.channels().list().execute()) {
                channels.put(channel.getId(), channel.getState() == null ? "" : channel.getState());
            }
            return java.util.Optional.of(channels);
        } catch (Exception e) {
            log.warn("server {}: cannot list the live channels: {}", serverId, describe(e));
            return java.util.Optional.empty();
        }
    }

    @Override
    public boolean isConnected() {
        return connected.get() && !closed.get();
    }

    @Override
    public OriginateResult originate(OriginateRequest request) {
        try {
            ChannelsOriginateWithIdPostRequest originate = ari.channels()
                    .originateWithId(request.channelId(), request.endpoint())
                    .setApp(request.app())
                    .setVariables(request.variables());
            if (request.timeoutSeconds() > 0) {
                originate.setTimeout(request.timeoutSeconds());
            }
            if (request.callerId() != null && !request.callerId().isBlank()) {
                originate.setCallerId(request.callerId());
            }
            originate.execute();
            return new OriginateResult.Accepted();
        } catch (RestException e) {
            return answered(e.getCode(), describe(e));
        } catch (Exception e) {
            return new OriginateResult.OutcomeUnknown(describe(e));
        }
    }

    /**
     * What an originate's failure says about the channel. ari4java reports "no answer" (timeout, connection
     * lost) as a {@code RestException} with code 0. A 502/504 comes from a gateway in front of the server,
     * which may have forwarded the request: no more an answer than a timeout. Asking the server afterwards
     * (a {@code GET} of the channel) proves nothing either, since a queued originate may create the channel
     * later; so an unknown outcome is reported as such and the call-leg machine decides.
     */
    static OriginateResult answered(int httpStatus, String reason) {
        if (httpStatus == 409) {
            return new OriginateResult.AlreadyExists();
        }
        if (httpStatus >= 400 && httpStatus <= 599 && httpStatus != 502 && httpStatus != 504) {
            return new OriginateResult.Refused(httpStatus, reason);
        }
        return new OriginateResult.OutcomeUnknown(httpStatus > 0 ? "HTTP " + httpStatus + ": " + reason : reason);
    }

    @Override
    public void hangUp(String channelId, HangUpReason reason) {
        if (closed.get()) {
            return;
        }
        try {
            hangUps.execute(() -> hangUpNow(channelId, reason));
        } catch (RejectedExecutionException stopping) {
            log.debug("server {}: stopping; hang-up of {} not sent", serverId, channelId);
        }
    }

    @Override
    public void reject(String channelId, String reason) {
        if (closed.get()) {
            return;
        }
        try {
            hangUps.execute(() -> {
                try {
                    ari.channels().hangup(channelId).setReason(reason).execute();
                } catch (Exception e) {
                    if (!closed.get()) {
                        log.warn("server {}: rejecting inbound call {} ({}) failed: {}", serverId, channelId, reason,
                                describe(e));
                    }
                }
            });
        } catch (RejectedExecutionException stopping) {
            log.debug("server {}: stopping; rejection of {} not sent", serverId, channelId);
        }
    }

    private void hangUpNow(String channelId, HangUpReason reason) {
        try {
            ari.channels().hangup(channelId).setReason("normal").execute();
        } catch (RestException e) {
            // 404: the channel is already gone; its ChannelDestroyed is on its way (or the leg's timer ends it).
            if (e.getCode() != 404 && !closed.get()) {
                log.warn("server {}: hang-up of {} ({}) failed: {}", serverId, channelId, reason, e.getMessage());
            }
        } catch (Exception e) {
            if (!closed.get()) {
                log.warn("server {}: hang-up of {} ({}) failed: {}", serverId, channelId, reason, describe(e));
            }
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            connected.set(false);
            hangUps.shutdownNow();
            try {
                client.destroy();
            } catch (Exception e) {
                log.debug("server {}: ARI client shutdown: {}", serverId, describe(e));
            }
        }
    }

    private static String describe(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
