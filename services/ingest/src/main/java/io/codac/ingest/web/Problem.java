package io.codac.ingest.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem document, plus {@code code} (what clients switch on) and, for request errors,
 * {@code field} (the JSON field at fault).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String code, String field, String instance) {

    public static Problem of(ProblemCode code, String detail, String field, String instance) {
        return new Problem(code.type(), code.title(), code.status().value(), detail, code.code(), field, instance);
    }
}
