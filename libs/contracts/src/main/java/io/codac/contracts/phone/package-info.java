/** Facts about phone numbers that several services need the same way, from libphonenumber's data. */
package io.codac.contracts.phone;
