package io.codac.contracts.domain;

/** How a number is proven: we ring it (flash call) or the shopper rings us (missed call). */
public enum VerificationMethod {
    FLASH_CALL,
    MISSED_CALL
}
