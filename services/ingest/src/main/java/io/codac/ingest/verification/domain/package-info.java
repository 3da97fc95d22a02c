/**
 * What a verification request must be to be accepted, in plain Java: the phone-number rules
 * (libphonenumber), the callback-URL rules, bounds on the request, the choice of a dial-in number, and
 * the accepted record and status views the gateway answers with.
 */
package io.codac.ingest.verification.domain;
