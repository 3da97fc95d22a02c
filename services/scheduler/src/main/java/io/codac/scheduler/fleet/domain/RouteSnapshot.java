package io.codac.scheduler.fleet.domain;

/**
 * One route's health for the operations API.
 *
 * @param operator         the destination operator, "" when unknown
 * @param attempts         decayed attempts: how much evidence the rates rest on
 * @param connectRate      decayed connects / decayed attempts (0 without attempts)
 * @param routeFailureRate decayed route failures / decayed attempts (0 without attempts)
 */
public record RouteSnapshot(String trunkId, String operator, double attempts, double connectRate,
                            double routeFailureRate) {
}
