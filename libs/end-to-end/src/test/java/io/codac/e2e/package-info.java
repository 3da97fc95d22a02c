/**
 * Whole-system tests on the real infrastructure and the simulated fleet: HTTP in, Kafka, the scheduler, the dialer
 * adapters, HTTP out ({@code FlashCallEndToEndIT}); and the scheduler's resilience, its instances run as child
 * processes and killed or deprived of Redis mid-batch ({@code SchedulerResilienceIT}).
 */
package io.codac.e2e;
