package io.codac.sim.ari;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One server's event WebSockets, by Stasis application. Every socket subscribed to an application receives
 * every event of that application's channels, in the order the network published them.
 */
final class AriEventHub {

    private final Map<String, List<Subscriber>> byApp = new LinkedHashMap<>();
    private boolean closed;

    synchronized Subscriber subscribe(List<String> apps) {
        var subscriber = new Subscriber(apps);
        if (closed) {
            subscriber.sink.tryEmitComplete();
            return subscriber;
        }
        apps.forEach(app -> byApp.computeIfAbsent(app, a -> new ArrayList<>()).add(subscriber));
        return subscriber;
    }

    synchronized void unsubscribe(Subscriber subscriber) {
        subscriber.apps.forEach(app -> {
            List<Subscriber> subs = byApp.get(app);
            if (subs != null) {
                subs.remove(subscriber);
                if (subs.isEmpty()) {
                    byApp.remove(app);
                }
            }
        });
        subscriber.sink.tryEmitComplete();
    }

    /** Emissions happen under this hub's lock, which is what a unicast sink needs (one emitter at a time). */
    synchronized void publish(String app, String json) {
        List<Subscriber> subs = byApp.get(app);
        if (subs == null) {
            return; // Asterisk drops events of an application nobody listens to
        }
        for (Subscriber sub : subs) {
            sub.sink.tryEmitNext(json);
        }
    }

    /** Applications with at least one connected WebSocket (Asterisk's "registered" applications). */
    synchronized Set<String> registeredApps() {
        return Set.copyOf(byApp.keySet());
    }

    synchronized boolean registered(String app) {
        return byApp.containsKey(app);
    }

    /** Ends every socket and refuses new ones (the server is going away). */
    synchronized void closeAll() {
        closed = true;
        disconnectAll();
    }

    /**
     * Ends every socket but accepts new ones: the WebSocket closes under its clients, which reconnect. Events
     * published until they do are lost, as with Asterisk.
     *
     * @return how many sockets were dropped
     */
    synchronized int disconnectAll() {
        var all = new java.util.HashSet<Subscriber>();
        byApp.values().forEach(all::addAll);
        all.forEach(sub -> sub.sink.tryEmitComplete());
        byApp.clear();
        return all.size();
    }

    /** The server is back: sockets are welcome again. */
    synchronized void reopen() {
        closed = false;
    }

    static final class Subscriber {
        private final List<String> apps;
        private final Sinks.Many<String> sink = Sinks.many().unicast().onBackpressureBuffer();

        private Subscriber(List<String> apps) {
            this.apps = List.copyOf(apps);
        }

        Flux<String> events() {
            return sink.asFlux();
        }
    }
}
