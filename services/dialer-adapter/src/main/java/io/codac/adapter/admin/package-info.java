/** The adapter's operator endpoints (drain and resume), on its internal HTTP port. */
package io.codac.adapter.admin;
