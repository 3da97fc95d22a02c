/**
 * Spring Boot wiring shared by every CODAC service, written once: the {@code codac.*} properties, the
 * fleet and topic beans, the Kafka event publisher with dead-lettering of poison records, and Redis.
 */
package io.codac.support;
