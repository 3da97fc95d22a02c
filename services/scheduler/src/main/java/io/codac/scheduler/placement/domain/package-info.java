/**
 * The placement policy in plain Java: given each trunk's headroom, which trunk (and so which server) places
 * the next attempt of a verification, or why none can right now.
 */
package io.codac.scheduler.placement.domain;
