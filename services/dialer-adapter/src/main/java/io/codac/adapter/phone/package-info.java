/** What libphonenumber knows about a number (its destination operator), for per-operator metrics. */
package io.codac.adapter.phone;
