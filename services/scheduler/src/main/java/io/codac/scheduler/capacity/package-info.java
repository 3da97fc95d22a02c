/**
 * The shared trunk capacity ledger in Redis: per trunk, a sorted set of channel leases and one of the calls
 * started in the CPS window, each operation one atomic Lua script timed by the Redis server's clock.
 */
package io.codac.scheduler.capacity;
