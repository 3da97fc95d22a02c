/**
 * Real infrastructure for tests and the local stack, behind one switch ({@link io.codac.testsupport.InfrastructureMode}):
 * a Kafka broker, a MySQL-compatible database and Redis, one of each per JVM, with per-test isolation
 * through fresh schemas, topic namespaces and Redis key prefixes.
 */
package io.codac.testsupport;
