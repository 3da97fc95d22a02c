/**
 * The shared domain vocabulary in plain Java: verification statuses and methods, the fleet model,
 * the call signal a telephony server reports and the one outcome classifier that turns it into a verdict.
 */
package io.codac.contracts.domain;
