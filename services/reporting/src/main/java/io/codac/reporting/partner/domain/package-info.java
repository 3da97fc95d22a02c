/** Which topic carries a partner's results, in plain Java. */
package io.codac.reporting.partner.domain;
