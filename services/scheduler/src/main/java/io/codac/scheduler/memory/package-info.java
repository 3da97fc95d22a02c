/** Attempt memory in Redis: per number (under a digest, never in clear), the trunks it failed on recently. */
package io.codac.scheduler.memory;
