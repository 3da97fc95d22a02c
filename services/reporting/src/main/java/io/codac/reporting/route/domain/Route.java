package io.codac.reporting.route.domain;

/** A route: calls leaving on one trunk towards one destination operator ({@code unknown} when the number's operator is not known). */
public record Route(String trunkId, String operator) {
}
