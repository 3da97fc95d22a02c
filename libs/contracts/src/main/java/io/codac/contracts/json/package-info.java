/** The one JSON mapping of CODAC: the shared ObjectMapper settings and the event envelope codec. */
package io.codac.contracts.json;
