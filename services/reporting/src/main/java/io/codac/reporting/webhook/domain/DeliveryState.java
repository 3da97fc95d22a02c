package io.codac.reporting.webhook.domain;

/** A webhook delivery's state. Only {@code PENDING} deliveries are sent; an operator redelivery makes any other one {@code PENDING} again. */
public enum DeliveryState {
    /** Waiting for its next attempt (or being sent). */
    PENDING,
    /** A 2xx answer was received. */
    DELIVERED,
    /** Every retry failed until the retry period ended. */
    GAVE_UP,
    /** The callback URL is not one we call (see {@link CallbackPolicy}); never sent. */
    REJECTED;

    /** A receiver accepted the delivery only with a 2xx answer; anything else (3xx included) is retried. */
    public static boolean accepted(int httpStatus) {
        return httpStatus >= 200 && httpStatus < 300;
    }

    /** The event id of a verification's webhook: one per verification, stable across redeliveries and restarts. */
    public static String eventIdOf(String verificationId) {
        return "whk-" + verificationId;
    }
}
