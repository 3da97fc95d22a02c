/** How CODAC's R2DBC adapters store values: instants as UTC {@code DATETIME(3)}, nulls bound with their type. */
package io.codac.support.sql;
