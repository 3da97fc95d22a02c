package io.codac.contracts.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codac.contracts.event.CodacEvent;
import io.codac.contracts.event.EventContract;
import io.codac.contracts.event.EventType;

/**
 * Encodes events into the versioned envelope {@code {"type": "...", "version": n, "event": {...}}} and
 * back. A record that is not valid JSON, names an unknown type or version, lacks its id or breaks the
 * {@link EventContract} is refused with {@link UndecodableEventException}, so a consumer can
 * dead-letter it instead of crashing or retrying it forever.
 */
public final class EventCodec {

    private final ObjectMapper mapper;

    public EventCodec() {
        this(CodacJson.newMapper());
    }

    public EventCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String encode(CodacEvent event) {
        EventType type = EventType.of(event);
        ObjectNode envelope = mapper.createObjectNode();
        envelope.put("type", type.wireName());
        envelope.put("version", type.version());
        envelope.set("event", mapper.valueToTree(event));
        try {
            return mapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + type.wireName() + ": " + e.getOriginalMessage(), e);
        }
    }

    public CodacEvent decode(String json) {
        if (json == null || json.isBlank()) {
            throw new UndecodableEventException("empty record");
        }
        JsonNode envelope;
        try {
            envelope = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UndecodableEventException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (envelope == null || !envelope.isObject()) {
            throw new UndecodableEventException("not a JSON object");
        }
        String wireName = envelope.path("type").asText("");
        EventType type = EventType.byWireName(wireName)
                .orElseThrow(() -> new UndecodableEventException("unknown event type '" + wireName + "'"));
        int version = envelope.path("version").asInt(-1);
        if (version != type.version()) {
            throw new UndecodableEventException(wireName + " version " + version + " is not supported (expected "
                    + type.version() + ")");
        }
        JsonNode body = envelope.get("event");
        if (body == null || !body.isObject()) {
            throw new UndecodableEventException(wireName + " without an event body");
        }
        CodacEvent event;
        try {
            event = mapper.treeToValue(body, type.javaType());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new UndecodableEventException(wireName + " is malformed: " + e.getMessage(), e);
        }
        if (event.eventId() == null || event.eventId().isBlank()) {
            throw new UndecodableEventException(wireName + " without an eventId");
        }
        try {
            EventContract.check(event);
        } catch (IllegalArgumentException e) {
            throw new UndecodableEventException(wireName + " breaks its contract: " + e.getMessage(), e);
        }
        return event;
    }

    /** Decodes and checks the type in one step, for topics that carry a single type. */
    public <T extends CodacEvent> T decode(String json, Class<T> expected) {
        CodacEvent event = decode(json);
        if (!expected.isInstance(event)) {
            throw new UndecodableEventException("expected " + expected.getSimpleName() + " but got "
                    + event.getClass().getSimpleName());
        }
        return expected.cast(event);
    }
}
