/**
 * The local stack behind {@code ./codac}: runs Kafka, MariaDB and Redis as processes of their own,
 * starts the simulated fleet and the four services, and drives the demo through the public HTTP API.
 */
package io.codac.devstack;
