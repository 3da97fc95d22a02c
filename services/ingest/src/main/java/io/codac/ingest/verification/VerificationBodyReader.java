package io.codac.ingest.verification;

import com.fasterxml.jackson.databind.ObjectReader;
import io.codac.ingest.verification.domain.VerificationDraft;
import io.codac.ingest.web.JsonBody;

import java.util.Set;

/** Reads the JSON body of {@code POST /v1/verifications} into a draft, refusing wrong types and unknown fields. */
final class VerificationBodyReader {

    static final Set<String> FIELDS = Set.of(
            "phoneNumber", "defaultRegion", "method", "clientRef", "callbackUrl", "ttlSeconds", "metadata");

    private final ObjectReader json;

    VerificationBodyReader(ObjectReader json) {
        this.json = json;
    }

    VerificationDraft read(byte[] body) {
        JsonBody fields = JsonBody.parse(json, body).allowOnly(FIELDS);
        return new VerificationDraft(
                fields.text("phoneNumber"),
                fields.text("defaultRegion"),
                fields.text("method"),
                fields.text("clientRef"),
                fields.text("callbackUrl"),
                fields.integer("ttlSeconds"),
                fields.stringMap("metadata"));
    }
}
