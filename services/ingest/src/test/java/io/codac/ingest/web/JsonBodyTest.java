package io.codac.ingest.web;

import com.fasterxml.jackson.databind.ObjectReader;
import io.codac.contracts.json.CodacJson;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonBodyTest {

    private final ObjectReader reader = JsonBody.strictReader(CodacJson.newMapper());

    private JsonBody parse(String json) {
        return JsonBody.parse(reader, json.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertMalformed(Runnable parse, String field, String detailFragment) {
        assertThatThrownBy(parse::run)
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.code()).isEqualTo(ProblemCode.MALFORMED_REQUEST);
                    assertThat(problem.field()).isEqualTo(field);
                    assertThat(problem.getMessage()).contains(detailFragment);
                });
    }

    @Test
    void readsStringsIntegersAndStringMaps() {
        JsonBody body = parse("""
                {"phoneNumber": "+919876543210", "ttlSeconds": 60, "metadata": {"a": "b"}, "clientRef": null}""");

        assertThat(body.text("phoneNumber")).isEqualTo("+919876543210");
        assertThat(body.integer("ttlSeconds")).isEqualTo(60);
        assertThat(body.stringMap("metadata")).isEqualTo(Map.of("a", "b"));
        assertThat(body.text("clientRef")).isNull();
        assertThat(body.text("absent")).isNull();
    }

    @Test
    void notJsonIsMalformedWithItsPosition() {
        assertMalformed(() -> parse("{\"phoneNumber\": "), null, "not valid JSON");
        assertMalformed(() -> parse("{oops}"), null, "line 1");
    }

    @Test
    void anEmptyBodyOrANonObjectIsMalformed() {
        assertMalformed(() -> JsonBody.parse(reader, new byte[0]), null, "JSON object body is required");
        assertMalformed(() -> parse("[1, 2]"), null, "must be a JSON object");
        assertMalformed(() -> parse("\"text\""), null, "must be a JSON object");
    }

    @Test
    void duplicateKeysAndTrailingGarbageAreMalformed() {
        assertMalformed(() -> parse("{\"a\": \"1\", \"a\": \"2\"}"), null, "Duplicate field");
        assertMalformed(() -> parse("{\"a\": \"1\"} {\"b\": 2}"), null, "not valid JSON");
    }

    @Test
    void aNumberWhereAStringBelongsNamesTheField() {
        assertMalformed(() -> parse("{\"phoneNumber\": 919876543210}").text("phoneNumber"), "phoneNumber",
                "phoneNumber must be a string, was a number");
    }

    @Test
    void aStringOrFractionWhereAnIntegerBelongsNamesTheField() {
        assertMalformed(() -> parse("{\"ttlSeconds\": \"300\"}").integer("ttlSeconds"), "ttlSeconds", "must be an integer");
        assertMalformed(() -> parse("{\"ttlSeconds\": 30.5}").integer("ttlSeconds"), "ttlSeconds", "must be an integer");
        assertMalformed(() -> parse("{\"ttlSeconds\": 99999999999}").integer("ttlSeconds"), "ttlSeconds", "must be an integer");
    }

    @Test
    void metadataMustHoldStringsOnly() {
        assertMalformed(() -> parse("{\"metadata\": [\"a\"]}").stringMap("metadata"), "metadata", "object of strings");
        assertMalformed(() -> parse("{\"metadata\": {\"n\": 1}}").stringMap("metadata"), "metadata.n",
                "metadata.n must be a string");
    }

    @Test
    void anUnknownFieldIsNamed() {
        assertMalformed(() -> parse("{\"callbackURL\": \"https://x\"}").allowOnly(Set.of("callbackUrl")), "callbackURL",
                "unknown field 'callbackURL'");
    }
}
