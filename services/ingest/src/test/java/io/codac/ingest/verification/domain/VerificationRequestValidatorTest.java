package io.codac.ingest.verification.domain;

import io.codac.contracts.domain.VerificationMethod;
import io.codac.ingest.verification.domain.Rejection.Reason;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VerificationRequestValidatorTest {

    private static final String MOBILE = "+919876543210";
    private static final String LANDLINE = "+911123456789";

    private final PhoneNumberCheck numbers = new PhoneNumberCheck();
    private final VerificationRequestValidator validator = new VerificationRequestValidator(numbers,
            new CallbackUrlPolicy(false), new DialInNumbers(List.of("+918000000001"), numbers::countryCodeOf), true);

    private static VerificationDraft draft(String phoneNumber) {
        return new VerificationDraft(phoneNumber, null, null, null, null, null, null);
    }

    private VerificationRequest valid(VerificationDraft draft) {
        Validation validation = validator.validate(draft);
        assertThat(validation).isInstanceOf(Validation.Valid.class);
        return ((Validation.Valid) validation).request();
    }

    private Rejection rejected(VerificationDraft draft) {
        Validation validation = validator.validate(draft);
        assertThat(validation).isInstanceOf(Validation.Invalid.class);
        return ((Validation.Invalid) validation).rejection();
    }

    @Test
    void aBareNumberIsAFlashCallWithTheDefaultTtlAndNoDialInNumber() {
        VerificationRequest request = valid(draft(MOBILE));

        assertThat(request.phoneNumber()).isEqualTo(MOBILE);
        assertThat(request.method()).isEqualTo(VerificationMethod.FLASH_CALL);
        assertThat(request.ttl()).isEqualTo(Duration.ofSeconds(300));
        assertThat(request.dialInNumber()).isNull();
        assertThat(request.metadata()).isEmpty();
    }

    @Test
    void aNationalNumberIsNormalizedWithItsDefaultRegion() {
        var draft = new VerificationDraft("098765 43210", "IN", null, "order-1", null, 60, Map.of("k", "v"));

        VerificationRequest request = valid(draft);

        assertThat(request.phoneNumber()).isEqualTo(MOBILE);
        assertThat(request.clientRef()).isEqualTo("order-1");
        assertThat(request.ttl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(request.metadata()).containsEntry("k", "v");
    }

    @Test
    void aMissedCallGetsADialInNumber() {
        var draft = new VerificationDraft(MOBILE, null, "MISSED_CALL", null, null, null, null);

        assertThat(valid(draft).dialInNumber()).isEqualTo("+918000000001");
    }

    @Test
    void aMissedCallIsAnUnsupportedMethodUntilMissedCallsAreOffered() {
        var notOffered = new VerificationRequestValidator(numbers, new CallbackUrlPolicy(false),
                new DialInNumbers(List.of("+918000000001"), numbers::countryCodeOf), false);

        Validation missedCall = notOffered.validate(new VerificationDraft(MOBILE, null, "MISSED_CALL", null, null, null, null));

        Rejection rejection = ((Validation.Invalid) missedCall).rejection();
        assertThat(rejection.reason()).isEqualTo(Reason.UNSUPPORTED_METHOD);
        assertThat(rejection.field()).isEqualTo("method");
        assertThat(notOffered.validate(draft(MOBILE))).isInstanceOf(Validation.Valid.class);
    }

    @Test
    void aMissedCallWithoutDialInNumbersIsAnUnsupportedMethod() {
        var noDids = new VerificationRequestValidator(numbers, new CallbackUrlPolicy(false),
                new DialInNumbers(List.of(), numbers::countryCodeOf), true);

        Validation validation = noDids.validate(new VerificationDraft(MOBILE, null, "MISSED_CALL", null, null, null, null));

        assertThat(((Validation.Invalid) validation).rejection().reason()).isEqualTo(Reason.UNSUPPORTED_METHOD);
    }

    @Test
    void aLandlineIsAnUnsupportedNumberType() {
        Rejection rejection = rejected(draft(LANDLINE));

        assertThat(rejection.reason()).isEqualTo(Reason.UNSUPPORTED_NUMBER_TYPE);
        assertThat(rejection.field()).isEqualTo("phoneNumber");
        assertThat(rejection.detail()).contains("fixed line");
    }

    @Test
    void garbageIsAnInvalidPhoneNumber() {
        assertThat(rejected(draft("12ab")).reason()).isEqualTo(Reason.INVALID_PHONE_NUMBER);
    }

    @Test
    void aMissingNumberIsMalformed() {
        Rejection rejection = rejected(draft(null));

        assertThat(rejection).isEqualTo(Rejection.malformed("phoneNumber", "phoneNumber is required"));
    }

    @Test
    void anUnknownMethodIsMalformed() {
        Rejection rejection = rejected(new VerificationDraft(MOBILE, null, "SMS", null, null, null, null));

        assertThat(rejection.reason()).isEqualTo(Reason.MALFORMED_REQUEST);
        assertThat(rejection.field()).isEqualTo("method");
    }

    @Test
    void anUnknownRegionIsMalformed() {
        Rejection rejection = rejected(new VerificationDraft("09876543210", "XX", null, null, null, null, null));

        assertThat(rejection.reason()).isEqualTo(Reason.MALFORMED_REQUEST);
        assertThat(rejection.field()).isEqualTo("defaultRegion");
    }

    @Test
    void ttlMustStayWithinItsBounds() {
        assertThat(valid(new VerificationDraft(MOBILE, null, null, null, null, 30, null)).ttl()).hasSeconds(30);
        assertThat(valid(new VerificationDraft(MOBILE, null, null, null, null, 86_400, null)).ttl()).hasSeconds(86_400);
        assertThat(rejected(new VerificationDraft(MOBILE, null, null, null, null, 29, null)).field()).isEqualTo("ttlSeconds");
        assertThat(rejected(new VerificationDraft(MOBILE, null, null, null, null, 86_401, null)).field()).isEqualTo("ttlSeconds");
    }

    @Test
    void shapeIsCheckedBeforeTheNumber() {
        Rejection rejection = rejected(new VerificationDraft("garbage", null, null, null, null, 5, null));

        assertThat(rejection.reason()).isEqualTo(Reason.MALFORMED_REQUEST);
    }

    @Test
    void anInsecureCallbackIsMalformed() {
        Rejection rejection = rejected(new VerificationDraft(MOBILE, null, null, null, "http://shop.example/hook", null, null));

        assertThat(rejection.reason()).isEqualTo(Reason.MALFORMED_REQUEST);
        assertThat(rejection.field()).isEqualTo("callbackUrl");
    }

    @Test
    void anOverlongClientRefIsMalformed() {
        assertThat(rejected(new VerificationDraft(MOBILE, null, null, "r".repeat(256), null, null, null)).field())
                .isEqualTo("clientRef");
    }

    @Test
    void metadataIsBoundedInEntriesKeysAndValues() {
        var tooMany = new HashMap<String, String>();
        for (int i = 0; i <= VerificationRequestValidator.MAX_METADATA_ENTRIES; i++) {
            tooMany.put("k" + i, "v");
        }
        assertThat(rejected(new VerificationDraft(MOBILE, null, null, null, null, null, tooMany)).reason())
                .isEqualTo(Reason.PAYLOAD_TOO_LARGE);
        assertThat(rejected(new VerificationDraft(MOBILE, null, null, null, null, null, Map.of("k".repeat(65), "v"))).reason())
                .isEqualTo(Reason.PAYLOAD_TOO_LARGE);
        Rejection longValue = rejected(new VerificationDraft(MOBILE, null, null, null, null, null, Map.of("k", "v".repeat(513))));
        assertThat(longValue.reason()).isEqualTo(Reason.PAYLOAD_TOO_LARGE);
        assertThat(longValue.field()).isEqualTo("metadata.k");
    }
}
