package io.codac.sim.ari;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codac.sim.domain.CallerId;
import io.codac.sim.domain.ChannelEvent;
import io.codac.sim.domain.ChannelSnapshot;
import io.codac.sim.domain.Direction;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ARI's JSON shapes (Asterisk 20, ARI 8.0.0), field for field as ari4java's models declare them: ari4java
 * reads with a strict mapper, so an extra field would break it as surely as a missing one.
 */
final class AriJson {

    /** Asterisk's timestamp format, which Jackson's default date parsing in ari4java reads. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
            .withZone(ZoneOffset.UTC);

    static final String API_VERSION = "8.0.0";
    static final String ASTERISK_VERSION = "20.7.0";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AriJson() {
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write ARI JSON", e);
        }
    }

    static JsonNode read(String json) throws JsonProcessingException {
        return MAPPER.readTree(json);
    }

    static String error(String message) {
        return write(MAPPER.createObjectNode().put("message", message));
    }

    static ObjectNode channel(ChannelSnapshot c) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", c.id());
        node.put("name", c.name());
        node.put("state", c.state().asteriskName());
        node.put("protocol_id", "");
        node.set("caller", callerId(c.caller()));
        node.set("connected", callerId(c.connected()));
        node.put("accountcode", "");
        ObjectNode dialplan = node.putObject("dialplan");
        if (c.direction() == Direction.INBOUND) {
            // deploy/asterisk/extensions.conf: [from-carrier] exten => _+X.,1,NoOp(...) then 2,Stasis(codac,inbound,${EXTEN})
            dialplan.put("context", "from-carrier");
            dialplan.put("exten", c.did());
            dialplan.put("priority", 2);
        } else {
            dialplan.put("context", "default");
            dialplan.put("exten", "s");
            dialplan.put("priority", 1);
        }
        dialplan.put("app_name", c.inStasis() ? "Stasis" : "");
        dialplan.put("app_data", c.inStasis() ? String.join(",", appData(c)) : "");
        node.put("creationtime", time(c.createdAt()));
        node.put("language", "en");
        return node;
    }

    static String channels(Collection<ChannelSnapshot> channels) {
        ArrayNode array = MAPPER.createArrayNode();
        channels.forEach(c -> array.add(channel(c)));
        return write(array);
    }

    /** The event as Asterisk sends it on the application's WebSocket. */
    static String event(ChannelEvent event, String asteriskId) {
        ObjectNode node = MAPPER.createObjectNode();
        switch (event) {
            case ChannelEvent.ChannelStateChanged e -> {
                node.put("type", "ChannelStateChange");
                node.set("channel", channel(e.channel()));
            }
            case ChannelEvent.DialStatusChanged e -> {
                node.put("type", "Dial");
                node.set("peer", channel(e.channel()));
                node.put("dialstring", e.dialString());
                node.put("dialstatus", e.dialStatus());
            }
            case ChannelEvent.StasisStarted e -> {
                node.put("type", "StasisStart");
                ArrayNode args = node.putArray("args");
                e.args().forEach(args::add);
                node.set("channel", channel(e.channel()));
            }
            case ChannelEvent.HangupRequested e -> {
                node.put("type", "ChannelHangupRequest");
                node.put("cause", e.cause());
                if (e.soft()) {
                    node.put("soft", true);
                }
                node.set("channel", channel(e.channel()));
            }
            case ChannelEvent.StasisEnded e -> {
                node.put("type", "StasisEnd");
                node.set("channel", channel(e.channel()));
            }
            case ChannelEvent.ChannelDestroyed e -> {
                node.put("type", "ChannelDestroyed");
                node.put("cause", e.cause());
                node.put("cause_txt", e.causeText());
                // No tech_cause (the SIP code): ari4java 0.18's ARI 8.0.0 model lacks it and its strict
                // mapper would drop the whole event.
                node.set("channel", channel(e.channel()));
            }
        }
        node.put("timestamp", time(event.at()));
        node.put("application", event.channel().app());
        node.put("asterisk_id", asteriskId);
        return write(node);
    }

    static String application(String name, List<String> channelIds) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", name);
        ArrayNode ids = node.putArray("channel_ids");
        channelIds.forEach(ids::add);
        node.putArray("bridge_ids");
        node.putArray("endpoint_ids");
        node.putArray("device_names");
        node.putArray("events_allowed");
        node.putArray("events_disallowed");
        return write(node);
    }

    static String applications(Map<String, List<String>> channelIdsByApp) {
        ArrayNode array = MAPPER.createArrayNode();
        channelIdsByApp.forEach((name, ids) -> {
            try {
                array.add(read(application(name, ids)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
        return write(array);
    }

    static String asteriskInfo(String serverId, String asteriskId, Instant startedAt, List<String> only) {
        var sections = new LinkedHashMap<String, ObjectNode>();
        ObjectNode build = MAPPER.createObjectNode();
        build.put("os", "Linux");
        build.put("kernel", "codac-telephony-sim");
        build.put("options", "");
        build.put("machine", "x86_64");
        build.put("date", time(startedAt));
        build.put("user", "codac");
        sections.put("build", build);
        ObjectNode system = MAPPER.createObjectNode();
        system.put("version", ASTERISK_VERSION);
        system.put("entity_id", asteriskId);
        sections.put("system", system);
        ObjectNode config = MAPPER.createObjectNode();
        config.put("name", serverId);
        config.put("default_language", "en");
        ObjectNode setid = config.putObject("setid");
        setid.put("user", "");
        setid.put("group", "");
        sections.put("config", config);
        ObjectNode status = MAPPER.createObjectNode();
        status.put("startup_time", time(startedAt));
        status.put("last_reload_time", time(startedAt));
        sections.put("status", status);

        ObjectNode info = MAPPER.createObjectNode();
        sections.forEach((name, section) -> {
            if (only.isEmpty() || only.contains(name)) {
                info.set(name, section);
            }
        });
        return write(info);
    }

    static String ping(String asteriskId, Instant now) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("asterisk_id", asteriskId);
        node.put("ping", "pong");
        node.put("timestamp", time(now));
        return write(node);
    }

    /** The resource listing ari4java reads to detect the ARI version. */
    static String resources(String baseUrl) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("_copyright", "Copyright (C) 2012 - 2013, Digium, Inc.");
        node.put("_author", "CODAC telephony simulator");
        node.put("apiVersion", API_VERSION);
        node.put("swaggerVersion", "1.1");
        node.put("basePath", baseUrl + "ari");
        ArrayNode apis = node.putArray("apis");
        for (String resource : List.of("asterisk", "endpoints", "channels", "bridges", "recordings", "sounds",
                "playbacks", "deviceStates", "mailboxes", "events", "applications")) {
            apis.addObject()
                    .put("path", "/api-docs/" + resource + ".{format}")
                    .put("description", resource + " resources");
        }
        return write(node);
    }

    private static ObjectNode callerId(CallerId id) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", id.name());
        node.put("number", id.number());
        return node;
    }

    private static List<String> appData(ChannelSnapshot c) {
        var data = new java.util.ArrayList<String>();
        data.add(c.app());
        data.addAll(c.appArgs());
        return data;
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }
}
