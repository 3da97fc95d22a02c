package io.codac.scheduler.inbound.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * The call a missed-call verification waits for: from its number, to the dial-in number the shopper was given, while
 * it lives.
 *
 * @param stillAwaited the verification is still waiting ({@code PENDING}); false once it reached a terminal status
 */
public record ExpectedCall(String verificationId, String phoneNumber, String dialInNumber, Instant requestedAt,
                           Instant expiresAt, boolean stillAwaited) {

    public ExpectedCall {
        Objects.requireNonNull(verificationId, "verificationId");
        Objects.requireNonNull(phoneNumber, "phoneNumber");
        Objects.requireNonNull(dialInNumber, "dialInNumber");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(requestedAt)) {
            throw new IllegalArgumentException("verification " + verificationId + " expires before it was requested");
        }
    }
}
