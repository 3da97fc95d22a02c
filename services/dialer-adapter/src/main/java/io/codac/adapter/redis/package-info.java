/** Attempt claims in Redis: one atomic script per decision, so a claim and a hand-back can never both win. */
package io.codac.adapter.redis;
