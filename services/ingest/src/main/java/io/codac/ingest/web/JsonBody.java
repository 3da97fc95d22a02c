package io.codac.ingest.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A JSON object body read strictly: duplicate keys, trailing garbage, unknown fields and wrong types
 * are refused with a {@code 400 malformed_request} that names the field. (Jackson's data binding would
 * quietly turn {@code 123} into {@code "123"} and drop a misspelt {@code callbackURL}; a client must
 * learn about both.)
 */
public final class JsonBody {

    private final JsonNode root;
    private final String path;

    private JsonBody(JsonNode root, String path) {
        this.root = root;
        this.path = path;
    }

    /** A reader with the strict settings, derived from the application's one mapper. */
    public static ObjectReader strictReader(ObjectMapper mapper) {
        return mapper.reader()
                .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public static JsonBody parse(ObjectReader reader, byte[] body) {
        if (body.length == 0) {
            throw new ProblemException(ProblemCode.MALFORMED_REQUEST, "a JSON object body is required");
        }
        JsonNode root;
        try {
            root = reader.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new ProblemException(ProblemCode.MALFORMED_REQUEST,
                    "the body is not valid JSON: " + e.getOriginalMessage() + where);
        } catch (IOException e) {
            throw new ProblemException(ProblemCode.MALFORMED_REQUEST, "the body could not be read");
        }
        if (root == null || !root.isObject()) {
            throw new ProblemException(ProblemCode.MALFORMED_REQUEST, "the body must be a JSON object");
        }
        return new JsonBody(root, "");
    }

    /** Refuses fields we do not know: a misspelt optional field must not be silently ignored. */
    public JsonBody allowOnly(Set<String> fields) {
        Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw malformed(name, "unknown field '" + path + name + "'; allowed fields are "
                        + fields.stream().sorted().toList());
            }
        }
        return this;
    }

    /** The raw value of a field, or {@code null} when absent. */
    public JsonNode node(String field) {
        return root.get(field);
    }

    /** The string value, or {@code null} when absent or JSON null. */
    public String text(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw malformed(field, path + field + " must be a string, was " + kind(node));
        }
        return node.textValue();
    }

    /** The integer value, or {@code null} when absent or JSON null. */
    public Integer integer(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw malformed(field, path + field + " must be an integer, was " + kind(node));
        }
        return node.intValue();
    }

    /** An object whose values are all strings, or {@code null} when absent or JSON null. */
    public Map<String, String> stringMap(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw malformed(field, path + field + " must be an object of strings, was " + kind(node));
        }
        var map = new LinkedHashMap<String, String>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!entry.getValue().isTextual()) {
                throw malformed(field + "." + entry.getKey(), path + field + "." + entry.getKey()
                        + " must be a string, was " + kind(entry.getValue()));
            }
            map.put(entry.getKey(), entry.getValue().textValue());
        }
        return map;
    }

    private static ProblemException malformed(String field, String detail) {
        return new ProblemException(ProblemCode.MALFORMED_REQUEST, detail, field);
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case STRING -> "a string";
            default -> "null";
        };
    }
}
