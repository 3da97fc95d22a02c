/** The one fleet-file loader: YAML in, a validated {@link io.codac.contracts.domain.Fleet} out. */
package io.codac.contracts.fleet;
