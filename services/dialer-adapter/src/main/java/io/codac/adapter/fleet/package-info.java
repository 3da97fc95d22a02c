/** The fleet file, watched: a changed file reassigns this adapter's trunks without a restart. */
package io.codac.adapter.fleet;
