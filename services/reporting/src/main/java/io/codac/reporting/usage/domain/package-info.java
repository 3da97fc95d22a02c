/** What a client is billed for, in plain Java: which attempts are billable calls, and on which day. */
package io.codac.reporting.usage.domain;
