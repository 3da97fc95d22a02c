/** Attempt memory across verifications (a port; the Redis adapter lives in {@code io.codac.scheduler.memory}). */
package io.codac.scheduler.memory.domain;
