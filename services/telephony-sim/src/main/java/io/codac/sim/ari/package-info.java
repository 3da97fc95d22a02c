/**
 * The Asterisk REST Interface subset the dialer adapters use, served over HTTP and WebSocket with
 * reactor-netty: one server per fleet server, translating between ARI's JSON and the simulated network.
 */
package io.codac.sim.ari;
