/**
 * A verification's life in the scheduler, in plain Java: the verification and its attempts as the ledger
 * keeps them, the retry policy that turns an attempt's outcome into the next step, and the ledger port.
 */
package io.codac.scheduler.verification.domain;
