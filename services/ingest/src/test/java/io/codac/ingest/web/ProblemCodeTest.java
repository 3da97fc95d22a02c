package io.codac.ingest.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemCodeTest {

    @Test
    void theBriefsCodesHaveTheBriefsStatuses() {
        assertThat(ProblemCode.MALFORMED_REQUEST.status().value()).isEqualTo(400);
        assertThat(ProblemCode.UNAUTHORIZED.status().value()).isEqualTo(401);
        assertThat(ProblemCode.IDEMPOTENCY_CONFLICT.status().value()).isEqualTo(409);
        assertThat(ProblemCode.PAYLOAD_TOO_LARGE.status().value()).isEqualTo(413);
        assertThat(ProblemCode.INVALID_PHONE_NUMBER.status().value()).isEqualTo(422);
        assertThat(ProblemCode.UNSUPPORTED_NUMBER_TYPE.status().value()).isEqualTo(422);
        assertThat(ProblemCode.SERVICE_UNAVAILABLE.status().value()).isEqualTo(503);
    }

    @Test
    void codesAreSnakeCaseNamesAndTypesAreUrns() {
        assertThat(ProblemCode.IDEMPOTENCY_CONFLICT.code()).isEqualTo("idempotency_conflict");
        assertThat(ProblemCode.IDEMPOTENCY_CONFLICT.type()).isEqualTo("urn:codac:problem:idempotency_conflict");
    }

    @Test
    void frameworkStatusesMapToCodesAndAnythingElseIsInternal() {
        assertThat(ProblemCode.forStatus(404)).isEqualTo(ProblemCode.NOT_FOUND);
        assertThat(ProblemCode.forStatus(415)).isEqualTo(ProblemCode.UNSUPPORTED_MEDIA_TYPE);
        assertThat(ProblemCode.forStatus(418)).isEqualTo(ProblemCode.INTERNAL_ERROR);
    }
}
