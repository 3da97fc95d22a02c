/** The ledger adapter: verifications and attempts in MySQL/MariaDB through R2DBC, blocking until each write is durable. */
package io.codac.scheduler.ledger;
